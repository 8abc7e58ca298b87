/// Decompresses gzip data (RFC 1952): one or more members, each checked against its CRC-32 and size.
public enum Gzip {
    /// Header flag bits (RFC 1952 §2.3.1).
    private static let flagHeaderCRC: UInt8 = 0x02
    private static let flagExtra: UInt8 = 0x04
    private static let flagName: UInt8 = 0x08
    private static let flagComment: UInt8 = 0x10
    private static let reservedFlags: UInt8 = 0xE0

    /// Decompresses every member of `bytes` and concatenates their contents.
    ///
    /// Zero bytes after the last member (tape-block padding) are ignored; any other trailing data is an error.
    /// - Parameter limit: the most output bytes allowed over all members.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(DecompressionError) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        var members = 0
        while offset < bytes.count {
            if members > 0 && bytes[offset...].allSatisfy({ $0 == 0 }) { break }
            let start = offset
            offset = try skipHeader(bytes, at: offset)
            let remaining = limit - output.count
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(DecompressionError) in
                    try Inflate.decompress(UnsafeRawBufferPointer(rebasing: buffer[offset...]), limit: remaining)
                }
            }
            let member: (bytes: [UInt8], consumed: Int)
            do { member = try result.get() } catch {
                throw DecompressionError(offset: offset + error.offset, message: "gzip member at byte \(start): \(error.message)")
            }
            offset += member.consumed
            guard offset + 8 <= bytes.count else {
                throw DecompressionError(offset: bytes.count, message: "gzip member at byte \(start) ends before its 8-byte CRC-32/size trailer")
            }
            let storedCRC = readUInt32(bytes, offset)
            let storedSize = readUInt32(bytes, offset + 4)
            let actualCRC = CRC32.checksum(member.bytes)
            guard storedCRC == actualCRC else {
                throw DecompressionError(offset: offset, message: "gzip member at byte \(start): CRC-32 mismatch, trailer says \(hex(storedCRC)) but the data gives \(hex(actualCRC))")
            }
            guard storedSize == UInt32(truncatingIfNeeded: member.bytes.count) else {
                throw DecompressionError(offset: offset + 4, message: "gzip member at byte \(start): trailer size \(storedSize) does not match the \(member.bytes.count) bytes decompressed")
            }
            offset += 8
            output.append(contentsOf: member.bytes)
            members += 1
        }
        guard members > 0 else {
            throw DecompressionError(offset: 0, message: "empty input; expected a gzip member starting with 1f 8b")
        }
        return output
    }

    /// Whether `bytes` starts with the gzip magic number `1f 8b`.
    public static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Validates the member header at `start` and returns the offset of its deflate data.
    private static func skipHeader(_ bytes: [UInt8], at start: Int) throws(DecompressionError) -> Int {
        guard start + 10 <= bytes.count else {
            throw DecompressionError(offset: start, message: "gzip header truncated: \(bytes.count - start) bytes where at least 10 are needed")
        }
        guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
            throw DecompressionError(offset: start, message: "not a gzip member: bytes \(hex(bytes[start])) \(hex(bytes[start + 1])) where 1f 8b was expected")
        }
        guard bytes[start + 2] == 8 else {
            throw DecompressionError(offset: start + 2, message: "gzip compression method \(bytes[start + 2]) is not supported; expected 8 (deflate)")
        }
        let flags = bytes[start + 3]
        guard flags & reservedFlags == 0 else {
            throw DecompressionError(offset: start + 3, message: "gzip header sets reserved flag bits (\(hex(flags))); expected them clear")
        }
        var offset = start + 10
        if flags & flagExtra != 0 {
            guard offset + 2 <= bytes.count else { throw truncatedHeader(offset, "extra field length") }
            let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            offset += 2 + length
            guard offset <= bytes.count else { throw truncatedHeader(offset, "extra field") }
        }
        for (flag, what) in [(flagName, "file name"), (flagComment, "comment")] where flags & flag != 0 {
            guard let end = bytes[offset...].firstIndex(of: 0) else { throw truncatedHeader(bytes.count, "zero-terminated \(what)") }
            offset = end + 1
        }
        if flags & flagHeaderCRC != 0 {
            guard offset + 2 <= bytes.count else { throw truncatedHeader(offset, "header CRC-16") }
            let stored = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
            let actual = UInt16(truncatingIfNeeded: CRC32.checksum(Array(bytes[start..<offset])))
            guard stored == actual else {
                throw DecompressionError(offset: offset, message: "gzip header CRC-16 is \(hex(stored)) but the header bytes give \(hex(actual))")
            }
            offset += 2
        }
        return offset
    }

    private static func truncatedHeader(_ offset: Int, _ what: String) -> DecompressionError {
        DecompressionError(offset: offset, message: "gzip header ends inside its \(what)")
    }

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func hex<T: BinaryInteger>(_ value: T) -> String {
        String(value, radix: 16)
    }
}
