import Foundation

/// A zip archive (PKWARE APPNOTE 6.3) read fully into memory, with random access to its entries.
///
/// Sizes and offsets come from the central directory (Zip64 records and extra fields included),
/// never from local headers, so archives written with data descriptors read correctly. Every
/// offset and length is checked against the archive size before it is used.
public struct ZipArchive: Sendable {
    /// The path or name used in error messages.
    public let path: String
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    /// The whole archive.
    let bytes: [UInt8]
    /// Entry indices by exact name.
    private let index: [String: Int]

    /// Reads and indexes the archive at `path`.
    ///
    /// - Parameter memoryLimitBytes: archives larger than this are refused before being read.
    /// - Throws: `FormatError` naming `path` when the file is missing, too large or not a readable zip.
    public init(path: String, memoryLimitBytes: Int = 4 << 30) throws {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw FormatError(file: path, message: "cannot open the file: \(error.localizedDescription)")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= memoryLimitBytes else {
            throw FormatError(file: path, message: "file is \(size) bytes, above the memory limit of \(memoryLimitBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, message: "cannot read the file")
        }
        try self.init(bytes: [UInt8](data), name: path)
    }

    /// Indexes an archive already in memory; `name` is used in error messages.
    public init(bytes: [UInt8], name: String) throws {
        self.path = name
        self.bytes = bytes
        let directory = try ZipCentralDirectory.locate(in: bytes, name: name)
        self.entries = try ZipCentralDirectory.readEntries(in: bytes, directory: directory, name: name)
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.name] == nil {
            index[entry.name] = position
        }
        self.index = index
    }

    /// The entry called `name`: an exact match first, then ignoring a leading `/`, `\` separators and letter case.
    public func entry(named name: String) -> ZipEntry? {
        if let position = index[name] { return entries[position] }
        let wanted = Self.normalized(name)
        return entries.first { Self.normalized($0.name) == wanted }
    }

    /// The decompressed contents of `entry`, checked against its CRC-32 and declared size.
    ///
    /// - Parameter limit: entries whose declared or actual size exceeds this many bytes are refused.
    public func data(of entry: ZipEntry, limit: Int = 4 << 30) throws -> [UInt8] {
        func failure(_ message: String) -> FormatError {
            FormatError(file: path, message: "zip entry '\(entry.name)': \(message)")
        }
        guard !entry.isEncrypted else { throw failure("is encrypted; encrypted archives are not supported") }
        guard entry.uncompressedSize <= limit else {
            throw failure("declares \(entry.uncompressedSize) bytes uncompressed, above the limit of \(limit) bytes")
        }
        let header = entry.localHeaderOffset
        guard header >= 0, header <= bytes.count - 30 else {
            throw failure("local header offset \(header) lies outside the \(bytes.count)-byte archive")
        }
        guard bytes.uint32LE(at: header) == 0x0403_4B50 else {
            throw failure("no local file header signature (50 4b 03 04) at offset \(header)")
        }
        let dataStart = header + 30 + Int(bytes.uint16LE(at: header + 26)) + Int(bytes.uint16LE(at: header + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw failure("data (\(entry.compressedSize) bytes at offset \(dataStart)) runs past the end of the \(bytes.count)-byte archive")
        }
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw failure("is stored uncompressed but its sizes differ (\(entry.compressedSize) vs \(entry.uncompressedSize))")
            }
            output = Array(bytes[dataStart..<(dataStart + entry.compressedSize)])
        case 8:
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(DecompressionError) in
                    try Inflate.decompress(
                        UnsafeRawBufferPointer(rebasing: buffer[dataStart..<(dataStart + entry.compressedSize)]),
                        limit: min(limit, entry.uncompressedSize), sizeHint: entry.uncompressedSize)
                }
            }
            do { output = try result.get().bytes } catch {
                throw failure("deflate data is invalid: \(error.description)")
            }
        default:
            throw failure("uses compression method \(entry.method); expected 0 (stored) or 8 (deflate)")
        }
        guard output.count == entry.uncompressedSize else {
            throw failure("decompressed to \(output.count) bytes but the central directory declares \(entry.uncompressedSize)")
        }
        let actual = CRC32.checksum(output)
        guard actual == entry.crc32 else {
            throw failure("CRC-32 mismatch: the central directory says \(String(entry.crc32, radix: 16)) but the data gives \(String(actual, radix: 16))")
        }
        return output
    }

    /// The decompressed contents of the entry called `name` (see `entry(named:)`).
    public func data(named name: String, limit: Int = 4 << 30) throws -> [UInt8] {
        guard let entry = entry(named: name) else {
            throw FormatError(file: path, message: "zip archive has no entry named '\(name)'")
        }
        return try data(of: entry, limit: limit)
    }

    private static func normalized(_ name: String) -> String {
        var text = name.replacingOccurrences(of: "\\", with: "/")
        while text.hasPrefix("/") { text.removeFirst() }
        return text.lowercased()
    }
}
