import Foundation
@testable import Formats

/// Paths of the Parquet fixtures and helpers to compare cells with the expected JSON renderings.
enum ParquetFixtures {
    /// `Tests/Fixtures/parquet`, found from this source file.
    static let root: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("parquet").path
    }()

    /// A JSON fixture decoded with Foundation.
    static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(root)/\(relative)")))
    }

    /// A temporary file path unique to this process.
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "parquet-tests-\(getpid())-\(name)"
    }
}

/// A JSON value that keeps numbers as their source text, so 64-bit integers and floats compare exactly.
indirect enum ExpectedJSON: Equatable {
    case null, bool(Bool), number(String), string(String), array([ExpectedJSON]), object([String: ExpectedJSON])

    /// Parses one JSON document.
    static func parse(_ text: String) throws -> ExpectedJSON {
        var parser = ExpectedJSONParser(bytes: Array(text.utf8))
        let value = try parser.value()
        return value
    }
}

struct ExpectedJSONParser {
    struct Failure: Error { let offset: Int }
    let bytes: [UInt8]
    var position = 0

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    mutating func value() throws -> ExpectedJSON {
        skipSpace()
        guard position < bytes.count else { throw Failure(offset: position) }
        switch bytes[position] {
        case UInt8(ascii: "n"): position += 4; return .null
        case UInt8(ascii: "t"): position += 4; return .bool(true)
        case UInt8(ascii: "f"): position += 5; return .bool(false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            position += 1
            var items: [ExpectedJSON] = []
            skipSpace()
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value())
                skipSpace()
                let next = bytes[position]
                position += 1
                if next == UInt8(ascii: "]") { return .array(items) }
                guard next == UInt8(ascii: ",") else { throw Failure(offset: position) }
            }
        case UInt8(ascii: "{"):
            position += 1
            var members: [String: ExpectedJSON] = [:]
            skipSpace()
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                position += 1
                members[key] = try value()
                skipSpace()
                let next = bytes[position]
                position += 1
                if next == UInt8(ascii: "}") { return .object(members) }
                guard next == UInt8(ascii: ",") else { throw Failure(offset: position) }
            }
        default:
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            guard position > start else { throw Failure(offset: position) }
            return .number(String(decoding: bytes[start..<position], as: UTF8.self))
        }
    }

    mutating func string() throws -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw Failure(offset: position) }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), bytes[position] == UInt8(ascii: "\\") {
                    position += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
            default: out.append(escape)
            }
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
        else { throw Failure(offset: position) }
        position += 4
        return value
    }
}

/// The expected contents of a Parquet fixture: column names and arrow types, and rows of JSON values.
struct ExpectedParquet {
    let columns: [String]
    let arrowTypes: [String]
    let rows: [[ExpectedJSON]]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .object(let top) = try ExpectedJSON.parse(text),
              case .array(let columnList)? = top["columns"], case .array(let rowList)? = top["rows"]
        else { throw ExpectedJSONParser.Failure(offset: 0) }
        var names: [String] = []
        var types: [String] = []
        for column in columnList {
            if case .object(let info) = column, case .string(let name)? = info["name"] {
                names.append(name)
                if case .string(let type)? = info["arrow_type"] { types.append(type) } else { types.append("") }
            }
        }
        columns = names
        arrowTypes = types
        rows = rowList.map { row in if case .array(let cells) = row { return cells } else { return [] } }
    }
}

/// Whether a cell matches the rendering rules of the conformance expected outputs.
func cellMatches(_ cell: Cell, _ expected: ExpectedJSON, arrowType: String) -> Bool {
    switch (cell, expected) {
    case (.null, .null): return true
    case (.integer(let value), .number(let text)): return String(value) == text
    case (.unsignedInteger(let value), .number(let text)): return String(value) == text
    case (.bool(let value), .bool(let flag)): return value == flag
    case (.double(let value), .number(let text)): return Double(text) == value
    case (.double(let value), .string(let text)): return special(Double(value), text)
    case (.float(let value), .number(let text)):
        if arrowType == "halffloat" { return Float(Float16(Double(text) ?? .nan)) == value }
        return Float(text) == value
    case (.float(let value), .string(let text)): return special(Double(value), text)
    case (.string(let value), .string(let text)): return value == text
    case (.decimal(let value), .string(let text)): return value == text
    case (.date(let days), .string(let text)): return DateParsing.isoString(days: days) == text
    case (.timestamp(let value, let unit, let utc), .string(let text)):
        return DateParsing.isoString(timestamp: value, unit: unit) + (utc ? "Z" : "") == text
    case (.time(let value, let unit), .string(let text)): return DateParsing.timeString(value, unit: unit) == text
    case (.bytes(let value), .string(let text)): return Array(text.utf8) == value
    case (.bytes(let value), .object(let members)):
        guard case .string(let hex)? = members["hex"] else { return false }
        return value.map { String(format: "%02x", $0) }.joined() == hex
    default: return false
    }
}

private func special(_ value: Double, _ text: String) -> Bool {
    switch text {
    case "NaN": return value.isNaN
    case "Infinity": return value == .infinity
    case "-Infinity": return value == -.infinity
    default: return false
    }
}

/// Compares a table with an expected output; returns the first difference, or nil when they match.
func firstDifference(_ table: Table, _ expected: ExpectedParquet) -> String? {
    guard table.columnNames == expected.columns else { return "columns \(table.columnNames) != \(expected.columns)" }
    guard table.rows.count == expected.rows.count else { return "\(table.rows.count) rows, expected \(expected.rows.count)" }
    for (rowIndex, (row, expectedRow)) in zip(table.rows, expected.rows).enumerated() {
        guard row.count == expectedRow.count else { return "row \(rowIndex): \(row.count) cells" }
        for (columnIndex, (cell, value)) in zip(row, expectedRow).enumerated()
        where !cellMatches(cell, value, arrowType: expected.arrowTypes[columnIndex]) {
            return "row \(rowIndex) column \(expected.columns[columnIndex]): got \(cell), expected \(value)"
        }
    }
    return nil
}
