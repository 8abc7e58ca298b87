/// Numbers from the text vendors' tools write: decimal commas, thousands separators, currency
/// signs, accounting negatives and Excel's exponent notation.
public enum NumberParsing {
    /// The value of `text`, or nil when it is not a number.
    ///
    /// With `decimalComma`, `1.234,56` is 1234.56 and `2,5` is 2.5; without it `1,234.56` is
    /// 1234.56. Accepted around the digits: spaces (also non-breaking), a currency sign (`€ $ £ ¥ ₹ …`)
    /// or code before or after them (`EUR 3,50`, `12,50 zł`, `R$ 10,00`; `currencyCodes`), a leading
    /// `+`/`-`, accounting parentheses `(12.34)` for negatives; a trailing `%` is not a number here (its
    /// meaning depends on the column).
    public static func parseDecimal(_ text: String, decimalComma: Bool = false) -> Double? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var negative = false
        var sawParenthesis = false
        for scalar in (mayHaveCurrencyCode(text) ? withoutCurrencyCode(text) : text).unicodeScalars {
            switch scalar {
            case " ", "\u{00A0}", "\u{202F}", "\t", "€", "$", "£", "¥", "₹", "₽", "₺", "₩", "₪", "฿", "₫", "₴": continue
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

    /// Currency codes and local signs written before or after an amount, as point-of-sale and accounting
    /// exports do (ISO 4217 codes of the common currencies, and the Nordic, Polish, Czech, Hungarian,
    /// Swiss, Brazilian, South African and Indian abbreviations).
    static let currencyCodes: Set<String> = [
        "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "INR", "BRL", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
        "RON", "BGN", "RUB", "UAH", "TRY", "MXN", "ZAR", "SGD", "HKD", "KRW", "ILS", "THB", "IDR", "MYR", "PHP", "VND",
        "kr", "kr.", "zł", "Kč", "Ft", "Fr.", "R$", "R", "Rs", "Rs.", "lei", "лв", "руб", "₹",
    ]

    /// Whether the first or last character other than a space is a letter, a dot or not ASCII: only then can a
    /// currency code be there (the cheap check keeps plain numbers, nearly all cells, on the fast path).
    static func mayHaveCurrencyCode(_ text: String) -> Bool {
        let ends = [text.utf8.first { $0 != 0x20 && $0 != 0x09 }, text.utf8.last { $0 != 0x20 && $0 != 0x09 }]
        return ends.contains { byte in byte.map { $0 >= 0x80 || $0 == 0x2E || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) } ?? false }
    }

    /// `text` without one currency code before or after its digits (`EUR 3,50` → `3,50`, `12,50zł` → `12,50`).
    static func withoutCurrencyCode(_ text: String) -> String {
        var rest = Substring(text).trimmingSpaces
        let letters = rest.prefix(while: isCodeCharacter)
        if !letters.isEmpty, currencyCodes.contains(String(letters)) {
            rest = rest.dropFirst(letters.count).trimmingSpaces
        }
        let tail = String(rest.reversed().prefix(while: isCodeCharacter).reversed())
        if !tail.isEmpty, currencyCodes.contains(tail) {
            rest = rest.dropLast(tail.count).trimmingSpaces
        }
        return String(rest)
    }

    /// A character of a currency code or local sign: a letter, or the `$` and `.` of `R$` and `kr.`.
    private static func isCodeCharacter(_ character: Character) -> Bool {
        character.isLetter || character == "$" || character == "."
    }
}

extension Substring {
    /// Without leading and trailing spaces (also non-breaking ones) and tabs.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "\t" }
        var result = self
        while let first = result.first, isSpace(first) { result = result.dropFirst() }
        while let last = result.last, isSpace(last) { result = result.dropLast() }
        return result
    }
}
