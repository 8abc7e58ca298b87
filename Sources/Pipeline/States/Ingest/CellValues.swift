import Foundation
import Formats

/// Typing of reader cells into the numbers and days ingest needs.
enum CellValues {
    /// A number from a numeric cell or from text (decimal comma per producer).
    static func number(_ cell: Cell, decimalComma: Bool) -> Double? {
        switch cell {
        case .integer(let value): return Double(value)
        case .unsignedInteger(let value): return Double(value)
        case .double(let value): return value.isFinite ? value : nil
        case .float(let value): return value.isFinite ? Double(value) : nil
        case .decimal(let text): return Double(text)
        case .bool, .null, .date, .timestamp, .time, .bytes, .error: return nil
        case .string(let text): return NumberParsing.parseDecimal(text, decimalComma: decimalComma)
        }
    }

    /// A yes/no value from a boolean cell or from text: `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f` (any case).
    static func flag(_ cell: Cell) -> Bool? {
        switch cell {
        case .bool(let value): return value
        case .string:
            switch CellText.trimmed(cell).lowercased() {
            case "true", "yes", "y", "t": return true
            case "false", "no", "n", "f": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A day (days since 1970-01-01) from a date, timestamp or text cell.
    static func day(_ cell: Cell, format: DateLayouts?) -> Int32? {
        switch cell {
        case .date(let days): return days
        case .timestamp(let value, let unit, _):
            let perDay = Int64(unit.rawValue) * 86_400
            let days = value >= 0 ? value / perDay : (value - perDay + 1) / perDay
            return Int32(exactly: days)
        case .string(let text): return format.map { $0.day(text) } ?? DateParsing.parseDay(text)
        default: return nil
        }
    }
}

/// Text of a cell as a vendor would recognise it in messages and string columns.
enum CellText {
    static func text(_ cell: Cell) -> String {
        if case .string(let text) = cell { return text }
        return CSVWriter.text(cell)
    }

    /// The cell's text without leading and trailing whitespace.
    ///
    /// Most cells have none: when both ends are printable ASCII the text is returned as it is, without
    /// Foundation's trimming (which bridges through `NSString` and was a third of mapping a wide file).
    static func trimmed(_ cell: Cell) -> String {
        let text = text(cell)
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        return plain(first) && plain(last) ? text : text.trimmingCharacters(in: .whitespaces)
    }
}
