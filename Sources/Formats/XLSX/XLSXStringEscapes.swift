/// Decoding of the `_xHHHH_` escapes of ECMA-376 `ST_Xstring` (Part 1, §22.9.2.19).
///
/// Writers use them for characters XML cannot carry (`_x000D_` for a carriage return); `_x005F_`
/// escapes a literal underscore so that `_x005F_x0041_` reads as the text `_x0041_`.
enum XLSXStringEscapes {
    /// `text` with every well-formed `_xHHHH_` escape replaced by its character.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), let code = hexEscape(bytes, at: index) {
                var scalar = Unicode.Scalar(code)
                var length = 7
                // A UTF-16 surrogate pair is written as two escapes.
                if (0xD800...0xDBFF).contains(code), let low = hexEscape(bytes, at: index + 7), (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                    length = 14
                }
                if let scalar {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += length
                    changed = true
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// The code unit of an `_xHHHH_` escape starting at `index`, or `nil`.
    private static func hexEscape(_ bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt32 = 0
        for byte in bytes[(index + 2)..<(index + 6)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// `text` without leading and trailing spaces, tabs, CRs and LFs: how `<t>` reads without `xml:space="preserve"`.
    static func trimmingXMLWhitespace(_ text: String) -> String {
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let firstByte = text.utf8.first, let lastByte = text.utf8.last else { return text }
        if !isSpaceByte(firstByte) && !isSpaceByte(lastByte) { return text }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = text.lastIndex(where: { !isSpace($0) })!
        if first == text.startIndex && text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }
}
