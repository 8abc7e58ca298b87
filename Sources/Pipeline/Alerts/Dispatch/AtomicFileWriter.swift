import Glibc

/// Replaces a file's content all at once: temp file in the same folder, fsync, rename, fsync folder.
///
/// A reader (or a crash) sees either the old content or the new, never a torn mix.
enum AtomicFileWriter {
    /// Writes `bytes` to `path` atomically; throws `DeliveryStateError` naming the step that failed.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(folder)/.\(name).tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create \(temporary)") }
        var renamed = false
        defer { if !renamed { _ = unlink(temporary) } }
        do {
            defer { _ = close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, "cannot write \(temporary)")
                }
                offset += written
            }
            guard fsync(descriptor) == 0 else { throw failure(path, "cannot fsync \(temporary)") }
        }
        guard rename(temporary, path) == 0 else { throw failure(path, "cannot rename \(temporary) over it") }
        renamed = true
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)  // best effort: makes the rename itself durable
            _ = close(folderDescriptor)
        }
    }

    private static func failure(_ path: String, _ step: String) -> DeliveryStateError {
        DeliveryStateError(path: path, message: "\(step): \(String(cString: strerror(errno))); check the folder exists and is writable by the daemon")
    }
}
