#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file, for readers that scan bytes once without copying them.
///
/// Pages already scanned can be handed back with `release(_:)` so a one-pass scan of a large file keeps
/// only a window of it resident (file-backed pages count towards the process's RSS while mapped).
public final class MappedFile: @unchecked Sendable {
    /// The mapped bytes; empty for an empty file. Valid while the object lives.
    public let bytes: UnsafeRawBufferPointer
    /// The path as given, for error messages.
    public let path: String
    private let base: UnsafeMutableRawPointer?

    /// Maps the file at `path`; errors name the path and carry `errno`.
    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FormatError(file: path, message: "cannot open the file (errno \(errno)); check that it exists and is readable")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FormatError(file: path, message: "cannot read the file's size (errno \(errno))")
        }
        let size = Int(status.st_size)
        guard size > 0 else {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw FormatError(file: path, message: "cannot map the file's \(size) bytes into memory (errno \(errno))")
        }
        _ = madvise(mapped, size, MADV_SEQUENTIAL)
        base = mapped
        bytes = UnsafeRawBufferPointer(start: mapped, count: size)
    }

    /// Drops the resident pages wholly inside `range` (byte offsets); later reads fault them in again.
    ///
    /// Only an optimisation for memory: the bytes stay readable.
    public func release(_ range: Range<Int>) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard start < end else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    deinit {
        if let base { munmap(base, bytes.count) }
    }
}
