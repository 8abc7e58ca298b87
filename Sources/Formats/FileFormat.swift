/// The kinds of file the readers understand, told apart by extension and by their first bytes.
public enum FileFormat: String, Sendable, CaseIterable {
    case csv, json, xlsx, parquet

    /// The format of a file from its name and first bytes; content wins over a misleading extension
    /// for the binary formats (a zip is a workbook, `PAR1` is Parquet).
    public static func detect(path: String, prefix: [UInt8]) -> FileFormat {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        if prefix.starts(with: Array("PAR1".utf8)) { return .parquet }
        let lower = path.lowercased()
        for (suffix, format) in [(".jsonl", FileFormat.json), (".ndjson", .json), (".json", .json), (".xlsx", .xlsx),
                                 (".parquet", .parquet), (".csv", .csv), (".tsv", .csv), (".txt", .csv)] where lower.hasSuffix(suffix) {
            return format
        }
        let text = TextDecoding.utf8Bytes(of: Array(prefix)).bytes
        if let first = text.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return .json
        }
        return .csv
    }
}

/// Reads any supported file into a table, choosing the reader by `FileFormat.detect`.
public enum TableFile {
    /// Reads the file at `path`; errors are `FormatError`s naming the file.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws -> Table {
        let bytes = try FileBytes.read(path: path, limit: options.memoryLimitBytes)
        switch FileFormat.detect(path: path, prefix: Array(bytes.prefix(512))) {
        case .csv:
            return try CSVReader.table(bytes: bytes, file: path, options: csvOptions(options, path: path))
        case .json:
            return try JSONTableReader.table(bytes: bytes, file: path)
        case .xlsx:
            return try XLSXReader.read(path: path, options: options)
        case .parquet:
            return try ParquetReader.read(bytes: bytes, path: path, options: options)
        }
    }

    /// Reads the file at `path` as `read` does, handing its rows to `body` in tables of at most
    /// `rowsPerBlock` rows: CSV is parsed block by block (the whole table never exists at once), other
    /// formats arrive as one table. `body` is called at least once.
    public static func forEachBlock(path: String, options: ReadOptions = ReadOptions(), rowsPerBlock: Int,
                                    _ body: (Table) throws -> Void) throws {
        guard FileFormat.detect(path: path, prefix: try FileBytes.prefix(path: path, count: 512)) == .csv else {
            return try body(read(path: path, options: options))
        }
        let bytes = try FileBytes.read(path: path, limit: options.memoryLimitBytes)
        try CSVReader.forEachBlock(bytes: bytes, file: path, options: csvOptions(options, path: path), rowsPerBlock: rowsPerBlock, body)
    }

    /// CSV options for `path`: a `.tsv` file without an explicit delimiter is tab-separated.
    static func csvOptions(_ options: ReadOptions, path: String) -> ReadOptions {
        var csvOptions = options
        if csvOptions.delimiter == nil, path.lowercased().hasSuffix(".tsv") { csvOptions.delimiter = 0x09 }
        return csvOptions
    }

    /// The column names of the file at `path`. A CSV file's header line is read alone, so asking costs
    /// nothing however long the file; other formats are read whole.
    public static func columnNames(path: String, options: ReadOptions = ReadOptions()) throws -> [String] {
        let head = try FileBytes.prefix(path: path, count: headerBytes)
        // Whole lines only: the header and as many rows as fit, which also steer delimiter sniffing. A prefix
        // that does not parse alone (a 16-bit encoding cut mid-character, a quote open past it) reads the whole file.
        if FileFormat.detect(path: path, prefix: Array(head.prefix(512))) == .csv, let end = head.lastIndex(of: 0x0A),
           let names = try? CSVReader.table(bytes: Array(head[...end]), file: path, options: csvOptions(options, path: path)).columnNames {
            return names
        }
        return try read(path: path, options: options).columnNames
    }

    /// Bytes read for a CSV header (M5's 1,947 columns take 14 KiB).
    static let headerBytes = 1 << 20
}
