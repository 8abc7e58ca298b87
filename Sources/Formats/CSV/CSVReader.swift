import Foundation

/// Reads delimited text (CSV, TSV, `;`-separated European exports) into records and tables.
///
/// Quoting follows RFC 4180 and is lenient where real exports are not: a quote that does not
/// start a field is literal, spaces after a closing quote are dropped, and other text after it is kept.
/// Line ends may be LF, CRLF or CR; line breaks inside quotes are kept byte for byte. Blank lines
/// are skipped.
public enum CSVReader {
    /// One parsed record and the 1-based line it starts on.
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
    }

    /// Reads a file into a table whose first record is the header.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws -> Table {
        let bytes = try FileBytes.read(path: path, limit: options.memoryLimitBytes)
        return try table(bytes: bytes, file: path, options: options)
    }

    /// Parses file bytes (any supported encoding) into a table whose first record is the header.
    ///
    /// Rows shorter than the header are padded with nulls; a row with more non-empty fields than
    /// the header is an error naming its line. Empty header names become `column_N`; repeated names
    /// get `_2`, `_3`, … so every column can be addressed. Columns not in `options.columns` (when set)
    /// keep their names but hold nulls, so unused text is never kept. Rows are built as lines are
    /// parsed: the records of the whole file never exist beside the table.
    public static func table(bytes: [UInt8], file: String, options: ReadOptions = ReadOptions()) throws -> Table {
        var table = Table(columnNames: [], rows: [])
        try forEachBlock(bytes: bytes, file: file, options: options, rowsPerBlock: .max) { table = $0 }
        return table
    }

    /// Parses file bytes as `table` does, handing the rows to `body` as tables of at most `rowsPerBlock`
    /// rows (each with the full header), so a caller that maps rows as they come never holds them all.
    /// `body` is called at least once, with an empty table when the file has no data rows.
    public static func forEachBlock(bytes: [UInt8], file: String, options: ReadOptions = ReadOptions(), rowsPerBlock: Int,
                                    _ body: (Table) throws -> Void) throws {
        var names: [String]?
        var kept: [Bool] = []
        var rows: [[Cell]] = []
        var origins: [Int] = []
        var delivered = false
        func deliver() throws {
            try body(Table(columnNames: names ?? [], rows: rows, rowOrigins: origins))
            rows.removeAll(keepingCapacity: true)
            origins.removeAll(keepingCapacity: true)
            delivered = true
        }
        try forEachRecord(bytes: bytes, file: file, options: options) { fields, line in
            if names == nil, let headerRow = options.headerRow, line < headerRow { return }  // a title above the header
            guard let names else {
                let header = uniqueNames(fields)
                names = header
                kept = header.map { options.columns?.contains($0) ?? true }
                return
            }
            var count = fields.count
            if count > names.count {
                guard fields[names.count...].allSatisfy(\.isEmpty) else {
                    throw FormatError(file: file, line: line,
                                      message: "expected \(names.count) fields as in the header, found \(fields.count); check the delimiter and quoting of this line")
                }
                count = names.count
            }
            var row = [Cell](repeating: .null, count: names.count)
            for index in 0..<count where kept[index] { row[index] = .string(fields[index]) }
            rows.append(row)
            origins.append(line)
            if rows.count >= rowsPerBlock { try deliver() }
        }
        if !rows.isEmpty || !delivered { try deliver() }
    }

    /// Parses file bytes into records, detecting encoding and dialect as `table` does.
    public static func records(bytes: [UInt8], file: String, options: ReadOptions = ReadOptions()) throws -> [Record] {
        var records: [Record] = []
        try forEachRecord(bytes: bytes, file: file, options: options) { records.append(Record(fields: $0, line: $1)) }
        return records
    }

    /// Parses file bytes record by record (fields and 1-based first line), detecting encoding and dialect.
    static func forEachRecord(bytes: [UInt8], file: String, options: ReadOptions,
                              _ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        let (text, _) = TextDecoding.utf8Bytes(of: bytes)
        // Lines above a given header row (a report's title) say nothing of the delimiter.
        let sniffed = options.headerRow.map { Array(text[lineStart($0, in: text)...]) } ?? text
        let dialect = CSVDialect.detect(sniffed, explicit: options.delimiter, decimalComma: options.decimalComma)
        var start = 0
        var firstLine = 1
        if dialect.hasSeparatorHint {
            while start < text.count, text[start] != 0x0A, text[start] != 0x0D { start += 1 }
            if start < text.count, text[start] == 0x0D { start += 1 }
            if start < text.count, text[start] == 0x0A { start += 1 }
            firstLine = 2
        }
        try text.withUnsafeBufferPointer { buffer in
            try parse(buffer, from: start, firstLine: firstLine, delimiter: dialect.delimiter, file: file, body)
        }
    }

    /// The offset where 1-based physical line `line` of `text` starts (the end when it has fewer lines).
    static func lineStart(_ line: Int, in text: [UInt8]) -> Int {
        var offset = 0, current = 1
        while current < line, offset < text.count {
            if text[offset] == 0x0A || (text[offset] == 0x0D && (offset + 1 == text.count || text[offset + 1] != 0x0A)) { current += 1 }
            offset += 1
        }
        return offset
    }

    static func parse(_ text: UnsafeBufferPointer<UInt8>, from start: Int, firstLine: Int, delimiter: UInt8, file: String,
                      _ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var fields: [String] = []
        var field: [UInt8] = []
        var line = firstLine
        var recordLine = firstLine
        var index = start
        var fieldStarted = false  // the record has content (so an empty line is not a record)
        let end = text.count

        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func finishRecord() throws {
            if fieldStarted || !fields.isEmpty {
                finishField()
                try body(fields, recordLine)
            }
            fields.removeAll(keepingCapacity: true)
            fieldStarted = false
        }

        while index < end {
            let byte = text[index]
            if !fieldStarted && fields.isEmpty { recordLine = line }
            if byte == quote && field.isEmpty {
                // A quote opens a quoted field only at the start of a field; it runs to the matching quote; `""` is one quote.
                // A quoted field: runs to the matching quote; `""` is one quote.
                let openedOn = line
                fieldStarted = true
                index += 1
                var closed = false
                while index < end {
                    let inner = text[index]
                    if inner == quote {
                        if index + 1 < end, text[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == lf { line += 1 } else if inner == cr, !(index + 1 < end && text[index + 1] == lf) { line += 1 }
                    field.append(inner)
                    index += 1
                }
                if !closed {
                    throw FormatError(file: file, line: openedOn, message: "a quoted field starting on this line never ends; a closing '\"' is missing")
                }
                // Spaces after the closing quote are padding (`"B" ,C`); other text up to the delimiter is
                // kept, as lenient readers do.
                var padding = 0
                while index < end, text[index] != delimiter, text[index] != lf, text[index] != cr {
                    if text[index] == 0x20 || text[index] == 0x09 { padding += 1 } else {
                        if padding > 0 { field.append(contentsOf: text[(index - padding)..<index]) }
                        padding = 0
                        field.append(text[index])
                    }
                    index += 1
                }
                continue
            }
            if byte == delimiter {
                fieldStarted = true
                finishField()
                index += 1
                continue
            }
            if byte == lf || byte == cr {
                try finishRecord()
                index += (byte == cr && index + 1 < end && text[index + 1] == lf) ? 2 : 1
                line += 1
                continue
            }
            fieldStarted = true
            field.append(byte)
            index += 1
        }
        try finishRecord()
    }

    /// Header names made addressable: empty ones become `column_N`, repeats get `_2`, `_3`, ….
    static func uniqueNames(_ header: [String]) -> [String] {
        var seen: [String: Int] = [:]
        var names: [String] = []
        for (index, raw) in header.enumerated() {
            let base = raw.trimmingCharacters(in: .whitespaces).isEmpty ? "column_\(index + 1)" : raw
            var name = base
            if let count = seen[base] {
                var next = count + 1
                name = "\(base)_\(next)"
                while seen[name] != nil { next += 1; name = "\(base)_\(next)" }
                seen[base] = next
            }
            seen[name] = seen[name] ?? 1
            names.append(name)
        }
        return names
    }
}
