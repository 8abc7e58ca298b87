/// Writes tables as RFC 4180 CSV: comma-delimited, `\n` line ends, quotes only where needed.
public enum CSVWriter {
    /// A header line and rows of text fields (quoted by `CSVByteWriter`, the one place that quotes).
    public static func render(header: [String], rows: [[String]]) -> String {
        var writer = CSVByteWriter(capacity: (rows.count + 1) * 32)
        writer.line(header)
        for row in rows { writer.line(row) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A table with its header; cells rendered by `text(_:)`.
    public static func render(_ table: Table) -> String {
        render(header: table.columnNames, rows: table.rows.map { $0.map(text) })
    }

    /// A cell as text: ISO dates and timestamps, shortest round-trip numbers, empty for null.
    public static func text(_ cell: Cell) -> String {
        switch cell {
        case .null: return ""
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .unsignedInteger(let value): return String(value)
        case .double(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .float(let value):
            if value == value.rounded(), abs(value) < 1e7 { return String(Int64(value)) }
            return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .date(let days): return DateParsing.isoString(days: days)
        case .timestamp(let value, let unit, let isUTC): return DateParsing.isoString(timestamp: value, unit: unit) + (isUTC ? "Z" : "")
        case .time(let value, let unit): return DateParsing.timeString(value, unit: unit)
        case .decimal(let text): return text
        case .bytes(let bytes): return bytes.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
        case .error(let text): return text
        }
    }
}
