/// One file of a zip archive as its central directory describes it.
public struct ZipEntry: Sendable, Hashable {
    /// The entry's path inside the archive, `/`-separated (as stored; directories end in `/`).
    public var name: String
    /// The compression method: 0 = stored, 8 = deflate (the only two this reader decodes).
    public var method: UInt16
    /// The general-purpose flag bits (bit 0 = encrypted, bit 3 = data descriptor, bit 11 = UTF-8 name).
    public var flags: UInt16
    /// The CRC-32 of the uncompressed data.
    public var crc32: UInt32
    /// Size of the stored (possibly compressed) data in bytes.
    public var compressedSize: Int
    /// Size of the data once decompressed, in bytes.
    public var uncompressedSize: Int
    /// Offset of the entry's local file header from the start of the archive.
    public var localHeaderOffset: Int

    /// Creates an entry description.
    public init(
        name: String, method: UInt16, flags: UInt16, crc32: UInt32,
        compressedSize: Int, uncompressedSize: Int, localHeaderOffset: Int
    ) {
        self.name = name
        self.method = method
        self.flags = flags
        self.crc32 = crc32
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.localHeaderOffset = localHeaderOffset
    }

    /// Whether the entry is a directory placeholder (name ends in `/`).
    public var isDirectory: Bool { name.hasSuffix("/") }

    /// Whether the entry's data is encrypted (flag bit 0), which this reader does not support.
    public var isEncrypted: Bool { flags & 1 != 0 }
}
