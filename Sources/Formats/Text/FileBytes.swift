import Foundation

/// Reads whole files for the readers, refusing files larger than the configured memory limit.
public enum FileBytes {
    /// The bytes of the file at `path`; errors name the path and what to do.
    public static func read(path: String, limit: Int = Int.max) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FormatError(file: path, message: "cannot open the file; check that it exists and is readable")
        }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limit else {
            throw FormatError(file: path, message: "the file has \(size) bytes, more than the memory limit of \(limit) bytes")
        }
        do {
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw FormatError(file: path, message: "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// At most the first `count` bytes of the file at `path`.
    public static func prefix(path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FormatError(file: path, message: "cannot open the file; check that it exists and is readable")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw FormatError(file: path, message: "cannot read the file: \(error.localizedDescription)")
        }
    }
}
