/// Streams the chosen fields of every CSV record to a callback, without building `Cell`s or a `Table`.
///
/// The fast path of `CSVReader` for large files: the file is memory-mapped (pages already scanned are
/// given back, so memory stays flat), only the named columns are kept, and with `partitions > 1` the file
/// is cut at line ends and the pieces are scanned on that many threads. Records, fields, quoting, header
/// names, padding of short rows and the error for rows that are too long are exactly those of `CSVReader.table`.
///
/// Files that are not pure ASCII (UTF-8 with accents, UTF-16, Windows-1252) are first decoded as
/// `CSVReader` decodes them, which costs one copy of the file.
public enum CSVFieldScanner {
    /// Scans the file at `path`, calling `body` once per data record with the fields of `columns`.
    ///
    /// Each partition starts from `initial()` and sees a contiguous run of records in file order; the
    /// results come back in file order, so a caller that merges them in order gets the same answer whatever
    /// the partition count. A cut that lands inside a quoted line break is detected and that part rescanned.
    /// - Parameters:
    ///   - columns: header names (after `CSVReader`'s renaming of empty and repeated names); the record view's
    ///     index `i` is `columns[i]`.
    ///   - partitions: threads to use (1 scans on the calling thread).
    /// - Throws: `FormatError` naming the file and line: a missing column, an unclosed quote, a row wider than the header,
    ///   or whatever `body` throws.
    public static func scan<Partial>(
        path: String, columns: [String], options: ReadOptions = ReadOptions(), partitions: Int = 1,
        initial: @Sendable () -> Partial, body: @Sendable (inout Partial, CSVRecordView) throws -> Void
    ) throws -> [Partial] {
        let mapped = try MappedFile(path: path)
        let raw = mapped.bytes
        let utf16 = raw.count >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF))
        let bomLength = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
        if !utf16 {
            let text = UnsafeRawBufferPointer(rebasing: raw[bomLength...])
            let source = Source(text: text, file: path, release: { mapped.release($0.lowerBound + bomLength..<$0.upperBound + bomLength) })
            if let result = try scan(source, columns: columns, options: options, partitions: partitions, requireASCII: true,
                                     initial: initial, body: body) {
                return result
            }
        }
        return try scan(bytes: Array(raw), file: path, columns: columns, options: options, partitions: partitions,
                        initial: initial, body: body)
    }

    /// Scans file bytes already in memory (any encoding `CSVReader` reads); `file` names them in errors.
    public static func scan<Partial>(
        bytes: [UInt8], file: String, columns: [String], options: ReadOptions = ReadOptions(), partitions: Int = 1,
        initial: @Sendable () -> Partial, body: @Sendable (inout Partial, CSVRecordView) throws -> Void
    ) throws -> [Partial] {
        let decoded = TextDecoding.utf8Bytes(of: bytes).bytes
        return try decoded.withUnsafeBytes { text in
            let source = Source(text: text, file: file, release: { _ in })
            return try scan(source, columns: columns, options: options, partitions: partitions, requireASCII: false,
                            initial: initial, body: body) ?? []
        }
    }

    /// UTF-8 text to scan and how to give back pages already read.
    struct Source {
        let text: UnsafeRawBufferPointer
        let file: String
        let release: (Range<Int>) -> Void
    }

    /// The scan proper; `nil` when `requireASCII` and the text is not ASCII (the caller decodes it first).
    private static func scan<Partial>(
        _ source: Source, columns: [String], options: ReadOptions, partitions: Int, requireASCII: Bool,
        initial: @Sendable () -> Partial, body: @Sendable (inout Partial, CSVRecordView) throws -> Void
    ) throws -> [Partial]? {
        let text = source.text
        var cuts = CSVPartitioning.cuts(text, partitions: max(1, partitions))
        let prescans = CSVPartitioning.prescan(source, cuts: cuts)
        if requireASCII, !prescans.allSatisfy(\.isASCII) { return nil }
        let dialect = CSVDialect.detect(Array(text.prefix(64 * 1024)), explicit: options.delimiter, decimalComma: options.decimalComma)
        let header = try readHeader(source, dialect: dialect)
        let slotOfField = try slots(header.names, columns: columns, file: source.file, line: header.line)
        var lines = [1]
        for prescan in prescans.dropLast() { lines.append(lines[lines.count - 1] + prescan.lineBreaks) }
        // Parts whose cut lies inside the header are merged into the first.
        while cuts.count > 1, cuts[1] <= header.end { cuts.remove(at: 1); lines.remove(at: 1) }
        cuts[0] = header.end
        lines[0] = header.endLine
        let plan = CSVPartitioning.Plan(source: source, delimiter: dialect.delimiter, slotOfField: slotOfField, cuts: cuts, lines: lines)
        return try plan.run(initial: initial, body: body)
    }

    /// The header's names, the line it is on, and where the data starts.
    private static func readHeader(_ source: Source, dialect: CSVDialect) throws -> (names: [String], line: Int, end: Int, endLine: Int) {
        let text = source.text
        var start = 0
        var line = 1
        if dialect.hasSeparatorHint {
            while start < text.count, text[start] != 0x0A, text[start] != 0x0D { start += 1 }
            if start < text.count, text[start] == 0x0D { start += 1 }
            if start < text.count, text[start] == 0x0A { start += 1 }
            line = 2
        }
        var cursor = CSVRecordCursor(text: text, position: start, line: line, delimiter: dialect.delimiter, file: source.file, slotOfField: [])
        cursor.allowsExtraFields = true
        defer { cursor.deallocate() }
        while cursor.position < text.count {
            let unitStart = cursor.position
            guard try cursor.next() else { continue }
            var header: [String]?
            try CSVReader.parse(UnsafeBufferPointer(rebasing: text.assumingMemoryBound(to: UInt8.self)[0..<cursor.position]),
                                from: unitStart, firstLine: cursor.recordLine, delimiter: dialect.delimiter, file: source.file) { fields, _ in
                if header == nil { header = fields }
            }
            return (CSVReader.uniqueNames(header ?? []), cursor.recordLine, cursor.position, cursor.line)
        }
        return ([], line, text.count, cursor.line)
    }

    /// For each header field, the index of the chosen column it fills, or -1.
    private static func slots(_ names: [String], columns: [String], file: String, line: Int) throws -> [Int] {
        var slotOfField = [Int](repeating: -1, count: names.count)
        for (slot, column) in columns.enumerated() {
            guard let field = names.firstIndex(of: column) else {
                let present = names.isEmpty ? "the file has no header line" : "the header has \(names.joined(separator: ", "))"
                throw FormatError(file: file, line: line, column: column, message: "no column named '\(column)'; \(present)")
            }
            guard slotOfField[field] < 0 else {
                throw FormatError(file: file, line: line, column: column, message: "column '\(column)' is asked for twice; ask for each column once")
            }
            slotOfField[field] = slot
        }
        return slotOfField
    }
}
