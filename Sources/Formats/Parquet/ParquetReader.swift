/// Reads flat Parquet files into a `Table`: every codec and encoding a mainstream writer produces, with every
/// offset, length and count checked against the file before use.
public enum ParquetReader {
    /// The 4-byte magic at the start and end of a Parquet file.
    static let magic: [UInt8] = Array("PAR1".utf8)
    /// The magic of files whose footer is encrypted.
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// Reads the file at `path`: all columns, or only those named in `options.columns` (names the file lacks are ignored).
    ///
    /// Cells follow the column's logical or converted type (see `Cell`); `rowOrigins` are row index + 1.
    /// - Throws: `FormatError` naming the file for unreadable, truncated, corrupt, encrypted or nested-column files.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws -> Table {
        let bytes = try FileBytes.read(path: path, limit: options.memoryLimitBytes)
        return try read(bytes: bytes, path: path, options: options)
    }

    /// Reads a Parquet file already in memory; `path` names it in errors.
    public static func read(bytes: [UInt8], path: String, options: ReadOptions = ReadOptions()) throws -> Table {
        let (names, columnCells, totalRows) = try decode(bytes: bytes, path: path, options: options)
        var rows: [[Cell]] = []
        rows.reserveCapacity(totalRows)
        for rowIndex in 0..<totalRows {
            rows.append(columnCells.map { $0[rowIndex] })
        }
        return Table(columnNames: names, rows: rows, rowOrigins: Array((0..<totalRows).map { $0 + 1 }))
    }

    /// Reads the file at `path` column by column: each selected column's cells in row order, without
    /// building a row array per row (the way to read tens of millions of rows of a few columns).
    public static func columns(path: String, options: ReadOptions = ReadOptions()) throws -> (names: [String], cells: [[Cell]]) {
        let bytes = try FileBytes.read(path: path, limit: options.memoryLimitBytes)
        return try columns(bytes: bytes, path: path, options: options)
    }

    /// Reads a Parquet file already in memory column by column, as `columns(path:options:)` does.
    public static func columns(bytes: [UInt8], path: String, options: ReadOptions = ReadOptions()) throws -> (names: [String], cells: [[Cell]]) {
        let (names, cells, _) = try decode(bytes: bytes, path: path, options: options)
        return (names, cells)
    }

    /// The selected columns' names and cells, and the file's row count.
    private static func decode(bytes: [UInt8], path: String, options: ReadOptions) throws -> (names: [String], cells: [[Cell]], rows: Int) {
        let metadata = try readMetadata(bytes: bytes, path: path)
        let schema: ParquetSchema
        do { schema = try ParquetSchema(metadata.schema) } catch {
            throw FormatError(file: path, message: "invalid schema: \(error.message)")
        }
        let selected = schema.fields.filter { options.columns?.contains($0.name) ?? true }
        if let nested = selected.first(where: \.isNested) {
            throw FormatError(file: path, column: nested.name, message: "unsupported: nested column \(nested.name)")
        }
        let columns = try selected.map { field throws -> ParquetLeafColumn in
            guard let physical = field.element.physicalType else {
                throw FormatError(file: path, column: field.name, message: "unknown physical type \(field.element.unknownPhysicalType ?? -1)")
            }
            return ParquetLeafColumn(
                name: field.name, element: field.element, leafIndex: field.firstLeaf,
                maxDefinitionLevel: field.element.repetition == .required ? 0 : 1,
                physicalType: physical, converter: CellConverter(element: field.element))
        }
        let totalRows = try checkRowCounts(metadata, columnCount: columns.count, path: path, limit: options.memoryLimitBytes)
        var columnCells = [[Cell]](repeating: [], count: columns.count)
        for columnIndex in columns.indices { columnCells[columnIndex].reserveCapacity(totalRows) }
        for (groupIndex, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == schema.leafCount else {
                throw FormatError(file: path, message: "row group \(groupIndex) has \(group.columns.count) column chunks but the schema has \(schema.leafCount) leaf columns")
            }
            for (columnIndex, column) in columns.enumerated() {
                let chunk = group.columns[column.leafIndex]
                let cells = try readChunk(chunk, column: column, rows: Int(group.numRows), bytes: bytes, path: path, group: groupIndex, options: options)
                columnCells[columnIndex].append(contentsOf: cells)
            }
        }
        return (columns.map(\.name), columnCells, totalRows)
    }

    /// Reads and decodes the footer of a Parquet file in memory.
    public static func readMetadata(bytes: [UInt8], path: String) throws -> ParquetFileMetaData {
        if bytes.count >= 4 && (Array(bytes[0..<4]) == encryptedMagic || Array(bytes[(bytes.count - 4)...]) == encryptedMagic) {
            throw FormatError(file: path, message: "encrypted Parquet is not supported (the file has an encrypted footer, magic PARE)")
        }
        guard bytes.count >= 12 else {
            throw FormatError(file: path, message: "the file has \(bytes.count) bytes, too short for a Parquet file (at least 12)")
        }
        guard Array(bytes[0..<4]) == magic else {
            throw FormatError(file: path, message: "not a Parquet file: it does not start with the magic PAR1")
        }
        guard Array(bytes[(bytes.count - 4)...]) == magic else {
            throw FormatError(file: path, message: "truncated or not a Parquet file: it does not end with the magic PAR1")
        }
        let lengthOffset = bytes.count - 8
        let footerLength = footerLength(bytes)
        guard footerLength > 0, footerLength <= bytes.count - 12 else {
            throw FormatError(file: path, message: "footer length \(footerLength) does not fit in the file's \(bytes.count) bytes")
        }
        let footerStart = lengthOffset - footerLength
        let metadata: ParquetFileMetaData
        do {
            metadata = try ParquetFileMetaData.decode(Array(bytes[footerStart..<lengthOffset]))
        } catch {
            throw FormatError(file: path, message: "invalid footer metadata: \(error.description) (footer starts at byte \(footerStart))")
        }
        if metadata.declaresEncryption || metadata.rowGroups.contains(where: { $0.columns.contains(where: \.isEncrypted) }) {
            throw FormatError(file: path, message: "encrypted Parquet is not supported (columns are encrypted)")
        }
        return metadata
    }

    /// The footer length stored before the trailing magic (the caller has checked the file has 12 bytes).
    private static func footerLength(_ bytes: [UInt8]) -> Int {
        let offset = bytes.count - 8
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }

    /// Checks the declared row counts and that the cells fit the memory limit; returns the total.
    private static func checkRowCounts(_ metadata: ParquetFileMetaData, columnCount: Int, path: String, limit: Int) throws -> Int {
        var total = 0
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0, group.numRows <= Int64(Int32.max) else {
                throw FormatError(file: path, message: "row group \(index) declares \(group.numRows) rows")
            }
            total += Int(group.numRows)
        }
        let cellBytes = MemoryLayout<Cell>.stride + 8
        let (needed, overflow) = total.multipliedReportingOverflow(by: max(columnCount, 1) * cellBytes)
        guard !overflow, needed <= limit else {
            throw FormatError(file: path, message: "\(total) rows of \(columnCount) columns would need more than the memory limit of \(limit) bytes")
        }
        return total
    }

    private static func readChunk(
        _ chunk: ParquetColumnChunk, column: ParquetLeafColumn, rows: Int, bytes: [UInt8], path: String, group: Int, options: ReadOptions
    ) throws -> [Cell] {
        /// An error naming the file, column and row group.
        func failure(_ message: String) -> FormatError {
            FormatError(file: path, column: column.name, message: "row group \(group): \(message)")
        }
        if let external = chunk.filePath { throw failure("column data in another file (\(external)) is not supported") }
        guard let meta = chunk.metaData else { throw failure("column chunk without metadata") }
        guard let codec = ParquetCompression(rawValue: meta.codec) else { throw failure("unknown compression codec \(meta.codec)") }
        guard meta.physicalType == column.physicalType.rawValue else {
            throw failure("column chunk type \(meta.physicalType) differs from the schema's \(column.physicalType)")
        }
        if rows == 0 { return [] }
        var start = meta.dataPageOffset
        if let dictionaryOffset = meta.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start {
            start = dictionaryOffset
        }
        let dataEnd = Int64(bytes.count - 8)
        let (end, overflow) = start.addingReportingOverflow(meta.totalCompressedSize)
        guard start >= 4, meta.totalCompressedSize >= 0, !overflow, end <= dataEnd else {
            throw failure("column chunk at byte \(start) with \(meta.totalCompressedSize) bytes lies outside the file's \(bytes.count) bytes")
        }
        // Pages are read until the row count is reached; some writers understate the chunk's size
        // (nation.dict-malformed), so pages may run past the declared end but never into the footer.
        let footerStart = bytes.count - 8 - footerLength(bytes)
        var reader = ColumnChunkReader(bytes: bytes, column: column, codec: codec, memoryLimit: options.memoryLimitBytes)
        do {
            return try reader.read(range: Int(start)..<max(Int(end), footerStart), rowCount: rows)
        } catch {
            throw failure(error.message)
        }
    }
}
