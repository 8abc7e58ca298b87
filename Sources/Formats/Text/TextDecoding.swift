/// Turns the bytes of a text file into UTF-8, whatever encoding a vendor's tool wrote.
///
/// A UTF-8 BOM is dropped; UTF-16 with a BOM (Excel's "Unicode Text", LibreOffice) is transcoded;
/// bytes that are not valid UTF-8 are read as Windows-1252 (a superset of Latin-1 for printable
/// characters), which is what European Excel writes.
public enum TextDecoding {
    /// The encoding found by `utf8Bytes(of:)`.
    public enum Encoding: String, Sendable {
        case utf8, utf8WithBOM, utf16LittleEndian, utf16BigEndian, windows1252
    }

    /// The file's text as UTF-8 bytes without a BOM, and the encoding it was found in.
    public static func utf8Bytes(of bytes: [UInt8]) -> (bytes: [UInt8], encoding: Encoding) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            let rest = Array(bytes[3...])
            if isValidUTF8(rest) { return (rest, .utf8WithBOM) }
            return (windows1252(rest), .windows1252)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (utf16(bytes, littleEndian: true), .utf16LittleEndian) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (utf16(bytes, littleEndian: false), .utf16BigEndian) }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        return (windows1252(bytes), .windows1252)
    }

    /// Whether `bytes` are well-formed UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // ASCII fast path: most vendor files never leave it.
        var index = 0
        while index < bytes.count, bytes[index] < 0x80 { index &+= 1 }
        if index == bytes.count { return true }
        return String(validating: bytes[index...], as: UTF8.self) != nil
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let low = UInt16(bytes[index]), high = UInt16(bytes[index + 1])
            units.append(littleEndian ? (high << 8 | low) : (low << 8 | high))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Windows-1252 code points for bytes 0x80–0x9F; other bytes map to the same Latin-1 code point.
    private static let controlRange: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let scalar = byte < 0xA0 ? controlRange[Int(byte - 0x80)] : UInt32(byte)
            output.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
        }
        return output
    }
}
