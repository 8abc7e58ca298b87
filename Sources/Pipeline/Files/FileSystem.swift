import Foundation
import Glibc

/// File operations the run store needs, with errors that carry the path and `errno`.
public enum FileSystem {
    /// Writes `data` to `path` atomically: a temp file in the same folder, fsync, rename, fsync of the folder.
    ///
    /// Readers see either the old file or the new one, never a torn write, even after a crash.
    public static func writeAtomically(_ data: [UInt8], to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try createDirectory(folder.isEmpty ? "." : folder)
        let temp = folder.isEmpty ? ".\(UUIDText.random()).tmp" : "\(folder)/.\(UUIDText.random()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw errnoError(path: temp, action: "create") }
        var written = 0
        let failure: PipelineError? = data.withUnsafeBytes { buffer -> PipelineError? in
            while written < buffer.count {
                let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errnoError(path: temp, action: "write")
                }
                written += result
            }
            return nil
        }
        if let failure {
            close(fd)
            unlink(temp)
            throw failure
        }
        guard fsync(fd) == 0 else {
            let error = errnoError(path: temp, action: "fsync")
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let error = errnoError(path: path, action: "rename into place")
            unlink(temp)
            throw error
        }
        syncDirectory(folder.isEmpty ? "." : folder)
    }

    /// Opens a log file for appending lines: creates it (and its folder) when missing, empties it first
    /// when `truncating`; a file that cannot be created or opened is an error naming it.
    public static func openLog(_ path: String, truncating: Bool) throws -> FileHandle {
        try createDirectory((path as NSString).deletingLastPathComponent)
        if (truncating || !exists(path)) && !FileManager.default.createFile(atPath: path, contents: nil) {
            throw PipelineError.io(path: path, message: "cannot create the log file; check the folder's permissions")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw PipelineError.io(path: path, message: "cannot open the log file for writing; check the file's permissions")
        }
        handle.seekToEndOfFile()
        return handle
    }

    /// Writes UTF-8 `text` to `path` atomically.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// Reads a whole file.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.io(path: path, message: exists(path) ? "cannot read file" : "no such file")
        }
        return [UInt8](data)
    }

    /// Reads a whole UTF-8 text file.
    public static func readText(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Creates a folder and its parents if missing.
    public static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.io(path: path, message: "cannot create folder: \(error.localizedDescription)")
        }
    }

    /// Whether anything exists at `path`.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Whether `path` is a folder.
    public static func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// The names in a folder, sorted bytewise so every listing is deterministic.
    public static func list(_ path: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw PipelineError.io(path: path, message: "cannot list folder: \(error.localizedDescription)")
        }
    }

    /// Renames atomically (same file system), refusing to replace an existing file.
    public static func move(_ source: String, to destination: String) throws {
        guard !exists(destination) else {
            throw PipelineError.io(path: destination, message: "already exists; refusing to overwrite")
        }
        try createDirectory((destination as NSString).deletingLastPathComponent)
        guard rename(source, destination) == 0 else { throw errnoError(path: source, action: "move to \(destination)") }
    }

    /// Copies a file, replacing nothing.
    public static func copy(_ source: String, to destination: String) throws {
        try createDirectory((destination as NSString).deletingLastPathComponent)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        } catch {
            throw PipelineError.io(path: source, message: "cannot copy to \(destination): \(error.localizedDescription)")
        }
    }

    /// Size in bytes of a regular file.
    public static func size(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw errnoError(path: path, action: "stat") }
        return Int(info.st_size)
    }

    /// Removes a file or folder tree if present.
    public static func remove(_ path: String) throws {
        guard exists(path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw PipelineError.io(path: path, message: "cannot remove: \(error.localizedDescription)")
        }
    }

    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func errnoError(path: String, action: String) -> PipelineError {
        let code = errno
        return PipelineError.io(path: path, message: "cannot \(action): \(String(cString: strerror(code))) (errno \(code))")
    }
}

/// Random names for temp files, from the system generator: they never reach an output.
enum UUIDText {
    static func random() -> String { UUID().uuidString.lowercased() }
}
