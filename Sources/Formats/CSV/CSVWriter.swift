/// Writes tables as RFC 4180 CSV: comma-delimited, `\n` line ends, quotes only where needed.
public enum CSVWriter {
    /// A header line and rows of text fields.
    public static func render(header: [String], rows: [[String]]) -> String {
        render(header: header, rowCount: rows.count) { rows[$0] }
    }

    /// A header line and `rowCount` rows made one at a time by `row`, so all rows' fields never exist at once.
    public static func render(header: [String], rowCount: Int, row: (Int) -> [String]) -> String {
        var output = ""
        output.reserveCapacity((rowCount + 1) * 32)
        appendLine(header, to: &output)
        for index in 0..<rowCount { appendLine(row(index), to: &output) }
        return output
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

    private static func appendLine(_ fields: [String], to output: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(",") }
            if needsQuotes(field) {
                output.append("\"")
                output.append(field.replacingAll("\"", with: "\"\""))
                output.append("\"")
            } else {
                output.append(field)
            }
        }
        output.append("\n")
    }

    private static func needsQuotes(_ field: String) -> Bool {
        field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result.append(replacement) } else { result.append(character) }
        }
        return result
    }
}
