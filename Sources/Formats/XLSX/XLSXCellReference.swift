/// A1-style cell references: `B12` ↔ 1-based row 12, column 2.
public enum XLSXCellReference {
    /// The largest column index SpreadsheetML allows (`XFD`).
    public static let maxColumn = 16_384
    /// The largest row number SpreadsheetML allows.
    public static let maxRow = 1_048_576

    /// Parses `reference` (`"AB12"`, `"$A$1"` tolerated) into a 1-based row and column, or `nil` if malformed or out of range.
    public static func parse(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !sawDigit else { return nil }
                sawLetter = true
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                guard column <= maxColumn else { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard sawLetter else { return nil }
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                guard row <= maxRow else { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        return (row, column)
    }

    /// Parses the column letters at the start of `reference` (`"C"` or `"C7"`) into a 1-based index, or `nil`.
    public static func parseColumn(_ reference: String) -> Int? {
        var column = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                guard column <= maxColumn else { return nil }
            default:
                return column > 0 ? column : nil
            }
        }
        return column > 0 ? column : nil
    }

    /// The letters of 1-based `column` (`1` → `A`, `28` → `AB`).
    public static func columnLetters(_ column: Int) -> String {
        var remaining = column
        var letters: [UInt8] = []
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            remaining = (remaining - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The A1 reference of a 1-based row and column.
    public static func string(row: Int, column: Int) -> String {
        columnLetters(column) + String(row)
    }
}
