import Glibc
import Pipeline

/// A thin wrapper over Linux inotify: add watches, read decoded events without blocking.
public final class Inotify: @unchecked Sendable {
    /// The inotify file descriptor (non-blocking, close-on-exec), for `poll`.
    public let fileDescriptor: Int32
    private var paths: [Int32: String] = [:]

    /// One event: the folder it happened in, the entry's name, and what happened.
    public struct Event: Sendable, Equatable {
        public var folder: String
        public var name: String
        public var mask: UInt32

        /// A file was closed after writing.
        public var isCloseWrite: Bool { mask & UInt32(IN_CLOSE_WRITE) != 0 }
        /// An entry was renamed into the folder.
        public var isMovedTo: Bool { mask & UInt32(IN_MOVED_TO) != 0 }
        /// An entry was created.
        public var isCreate: Bool { mask & UInt32(IN_CREATE) != 0 }
        /// The entry is a folder.
        public var isDirectory: Bool { mask & UInt32(IN_ISDIR) != 0 }
        /// The kernel's queue overflowed: events were lost, rescan.
        public var isOverflow: Bool { mask & UInt32(IN_Q_OVERFLOW) != 0 }
        /// The watched folder itself went away.
        public var isWatchGone: Bool { mask & (UInt32(IN_IGNORED) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 }
    }

    /// Opens an inotify instance.
    public init() throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw FileSystem.errnoFailure(path: "inotify", action: "inotify_init1") }
        fileDescriptor = fd
    }

    deinit { close(fileDescriptor) }

    /// Watches `folder` for completed writes, renames in, creations and its own removal.
    public func watch(_ folder: String) throws {
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
        let descriptor = inotify_add_watch(fileDescriptor, folder, mask)
        guard descriptor >= 0 else { throw FileSystem.errnoFailure(path: folder, action: "watch with inotify") }
        paths[descriptor] = folder
    }

    /// Whether `folder` is watched.
    public func isWatching(_ folder: String) -> Bool { paths.values.contains(folder) }

    /// Every event queued now (empty when none); never blocks.
    public func readEvents() -> [Event] {
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let descriptor = raw.load(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.load(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    let folder = paths[descriptor] ?? ""
                    if mask & UInt32(IN_IGNORED) != 0 { paths[descriptor] = nil }
                    events.append(Event(folder: folder, name: name, mask: mask))
                    offset = nameStart + length
                }
            }
        }
        return events
    }
}

extension FileSystem {
    /// An error for the failed syscall `action` on `path`, with `errno`.
    static func errnoFailure(path: String, action: String) -> PipelineError {
        let code = errno
        return PipelineError.io(path: path, message: "cannot \(action): \(String(cString: strerror(code))) (errno \(code))")
    }
}
