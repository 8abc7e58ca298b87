import Foundation

/// Reads whole files for the readers, refusing files larger than the configured memory limit.
public enum FileBytes {
    /// The bytes of the file at `path`; errors name the path and what to do. The file is read straight
    /// into the array (no intermediate `Data`, so a large file is held once).
    public static func read(path: String, limit: Int = Int.max) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FormatError(file: path, message: "cannot open the file; check that it exists and is readable")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FormatError(file: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw FormatError(file: path, message: "the file has \(size) bytes, more than the memory limit of \(limit) bytes")
        }
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let got = Foundation.read(fd, base + count, size - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }  // the file shrank while being read
                count += got
            }
        }
        if failure != 0 {
            throw FormatError(file: path, message: "cannot read the file: \(String(cString: strerror(failure)))")
        }
        // A file that grew while being read: take the rest too.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
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
