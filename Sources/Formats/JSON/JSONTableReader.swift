/// Reads JSON exports as tables: JSON Lines (one object per line), a top-level array of objects,
/// or an object that wraps such an array under one key (`{"data": [...]}`, as vendor APIs do).
///
/// Columns are the members' names in order of first appearance; a record without a member gets a
/// null there. Numbers keep their exact value (integers as 64-bit integers, never through Double);
/// nested arrays and objects become their compact JSON text.
public enum JSONTableReader {
    /// Reads a JSON or JSON Lines file into a table.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws -> Table {
        try table(bytes: FileBytes.read(path: path, limit: options.memoryLimitBytes), file: path)
    }

    /// Parses JSON or JSON Lines bytes into a table; errors name the file and line.
    public static func table(bytes: [UInt8], file: String) throws -> Table {
        let (text, _) = TextDecoding.utf8Bytes(of: bytes)
        guard let first = text.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return Table(columnNames: [], rows: [])
        }
        var builder = Builder()
        if text[first] == UInt8(ascii: "[") {
            let document = try parse(text, from: 0, to: text.count, line: 1, file: file)
            guard case .array(let items) = document else { throw FormatError(file: file, line: 1, message: "expected an array of objects") }
            for (index, item) in items.enumerated() { try builder.add(item, origin: index + 1, file: file) }
            return builder.table()
        }
        do {
            let document = try JSONParser.parse(text)
            if case .object(let members) = document,
               let wrapped = members.first(where: { member in
                   if case .array(let items) = member.value, let head = items.first, case .object = head { return true }
                   return false
               }), case .array(let items) = wrapped.value {
                for (index, item) in items.enumerated() { try builder.add(item, origin: index + 1, file: file) }
            } else {
                try builder.add(document, origin: 1, file: file)
            }
            return builder.table()
        } catch let failure as JSONParser.Failure where failure.message.hasPrefix("unexpected text after") {
            return try lines(text, file: file)
        } catch let failure as JSONParser.Failure {
            throw FormatError(file: file, line: failure.line, message: failure.message)
        }
    }

    /// JSON Lines: one object per line; blank lines are skipped.
    private static func lines(_ text: [UInt8], file: String) throws -> Table {
        var builder = Builder()
        var start = 0
        var line = 1
        while start < text.count {
            var stop = start
            while stop < text.count, text[stop] != 0x0A { stop += 1 }
            let isBlank = text[start..<stop].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if !isBlank {
                let value = try parse(text, from: start, to: stop, line: line, file: file)
                try builder.add(value, origin: line, file: file)
            }
            start = stop + 1
            line += 1
        }
        return builder.table()
    }

    private static func parse(_ text: [UInt8], from: Int, to: Int, line: Int, file: String) throws -> JSONValue {
        do { return try JSONParser.parse(text, from: from, to: to, line: line) } catch {
            throw FormatError(file: file, line: error.line, message: error.message)
        }
    }

    /// Collects records into columns by member name.
    private struct Builder {
        var names: [String] = []
        var columnOf: [String: Int] = [:]
        var rows: [[Cell]] = []
        var origins: [Int] = []

        mutating func add(_ value: JSONValue, origin: Int, file: String) throws {
            guard case .object(let members) = value else {
                throw FormatError(file: file, line: origin, message: "expected an object per record, found \(value.compactText.prefix(40))")
            }
            var row = [Cell](repeating: .null, count: names.count)
            for member in members {
                let column: Int
                if let known = columnOf[member.key] { column = known } else {
                    column = names.count
                    columnOf[member.key] = column
                    names.append(member.key)
                    row.append(.null)
                }
                row[column] = JSONTableReader.cell(member.value)
            }
            rows.append(row)
            origins.append(origin)
        }

        func table() -> Table {
            let width = names.count
            let padded = rows.map { $0.count == width ? $0 : $0 + [Cell](repeating: .null, count: width - $0.count) }
            return Table(columnNames: names, rows: padded, rowOrigins: origins)
        }
    }

    /// The table cell for a JSON value.
    static func cell(_ value: JSONValue) -> Cell {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .number(let text):
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                if let integer = Int64(text) { return .integer(integer) }
                if let unsigned = UInt64(text) { return .unsignedInteger(unsigned) }
            }
            return .double(Double(text) ?? .nan)
        case .array, .object: return .string(value.compactText)
        }
    }
}
