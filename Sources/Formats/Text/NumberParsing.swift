/// Numbers from the text vendors' tools write: decimal commas, thousands separators, currency
/// signs, accounting negatives and Excel's exponent notation.
public enum NumberParsing {
    /// The value of `text`, or nil when it is not a number.
    ///
    /// With `decimalComma`, `1.234,56` is 1234.56 and `2,5` is 2.5; without it `1,234.56` is
    /// 1234.56. Accepted around the digits: spaces (also non-breaking), a currency sign (`€ $ £`),
    /// a leading `+`/`-`, accounting parentheses `(12.34)` for negatives, a trailing `%` is not a
    /// number here (its meaning depends on the column).
    public static func parseDecimal(_ text: String, decimalComma: Bool = false) -> Double? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var negative = false
        var sawParenthesis = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\u{00A0}", "\u{202F}", "\t", "€", "$", "£": continue
            case "(":
                guard bytes.isEmpty, !sawParenthesis else { return nil }
                sawParenthesis = true
                negative = true
            case ")":
                guard sawParenthesis else { return nil }
                sawParenthesis = false
            default:
                guard scalar.isASCII else { return nil }
                bytes.append(UInt8(scalar.value))
            }
        }
        guard !sawParenthesis, !bytes.isEmpty else { return nil }
        let decimalMark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let groupMark = decimalComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        var sawDecimal = false
        var sawExponent = false
        for (index, byte) in bytes.enumerated() {
            if byte == groupMark && !sawDecimal && !sawExponent {
                // A group mark must sit between digits, followed by exactly three digits.
                let digitsAfter = bytes[(index + 1)...].prefix(while: isDigit).count
                guard index > 0, isDigit(bytes[index - 1]), digitsAfter == 3 else { return nil }
                continue
            }
            if byte == decimalMark {
                guard !sawDecimal, !sawExponent else { return nil }
                sawDecimal = true
                normalized.append(UInt8(ascii: "."))
                continue
            }
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { sawExponent = true }
            normalized.append(byte)
        }
        guard let first = normalized.first, isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") else { return nil }
        guard normalized.contains(where: isDigit) else { return nil }
        guard let value = Double(String(decoding: normalized, as: UTF8.self)), value.isFinite else { return nil }
        if negative { return value < 0 ? nil : -value }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
