import Foundation

/// Writes flat tables of string, int64, double and date columns as Parquet files that pyarrow and DuckDB read.
///
/// Layout: `PAR1`, then per row group one chunk per column (a PLAIN dictionary page for strings when it pays,
/// v1 data pages with RLE definition levels), then the footer with chunk statistics, its length and `PAR1`.
/// Every column is OPTIONAL.
public enum ParquetWriter {
    /// Writes `columns` (all of the same length) to `path`, replacing any file there.
    /// - Throws: `FormatError` naming `path` when the columns disagree in length or the file cannot be written.
    public static func write(columns: [ParquetWriterColumn], to path: String, options: ParquetWriteOptions = ParquetWriteOptions()) throws {
        let bytes = try encode(columns: columns, path: path, options: options)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FormatError(file: path, message: "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// Writes a table, typing each column from its cells (see `ParquetColumnData.inferred(from:)`).
    public static func write(table: Table, to path: String, options: ParquetWriteOptions = ParquetWriteOptions()) throws {
        let columns = table.columnNames.enumerated().map { index, name in
            ParquetWriterColumn(name: name, data: .inferred(from: table.rows.map { index < $0.count ? $0[index] : .null }))
        }
        try write(columns: columns, to: path, options: options)
    }

    /// The bytes of a Parquet file holding `columns`; `path` only names the file in errors.
    public static func encode(columns: [ParquetWriterColumn], path: String = "<memory>", options: ParquetWriteOptions = ParquetWriteOptions()) throws -> [UInt8] {
        let rowCount = columns.first?.data.count ?? 0
        if let odd = columns.first(where: { $0.data.count != rowCount }) {
            throw FormatError(file: path, column: odd.name, message: "has \(odd.data.count) values but the first column has \(rowCount)")
        }
        guard Set(columns.map(\.name)).count == columns.count else {
            throw FormatError(file: path, message: "column names must be unique")
        }
        guard options.compression == .uncompressed || options.compression == .snappy else {
            throw FormatError(file: path, message: "the writer supports UNCOMPRESSED and SNAPPY, not \(options.compression)")
        }
        let encoder = ColumnChunkEncoder(
            compression: options.compression, pageSize: max(1, options.pageSize), useDictionary: options.useDictionary)
        var file: [UInt8] = Array("PAR1".utf8)
        var groups: [ParquetRowGroup] = []
        let groupSize = max(1, options.rowGroupSize)
        for groupStart in stride(from: 0, to: rowCount, by: groupSize) {
            let range = groupStart..<min(groupStart + groupSize, rowCount)
            var group = ParquetRowGroup()
            group.numRows = Int64(range.count)
            for column in columns {
                let encoded = encoder.encode(column.data.slice(range))
                let start = Int64(file.count)
                file += encoded.bytes
                var meta = ParquetColumnMetaData()
                meta.physicalType = physicalType(column.data).rawValue
                meta.encodings = encoded.encodings.map(\.rawValue)
                meta.pathInSchema = [column.name]
                meta.codec = options.compression.rawValue
                meta.numValues = Int64(range.count)
                meta.totalUncompressedSize = Int64(encoded.uncompressedSize)
                meta.totalCompressedSize = Int64(encoded.bytes.count)
                if let dictionaryLength = encoded.dictionaryPageLength {
                    meta.dictionaryPageOffset = start
                    meta.dataPageOffset = start + Int64(dictionaryLength)
                } else {
                    meta.dataPageOffset = start
                }
                meta.statistics = encoded.statistics
                var chunk = ParquetColumnChunk()
                chunk.metaData = meta
                group.columns.append(chunk)
                group.totalByteSize += meta.totalUncompressedSize
            }
            groups.append(group)
        }
        let footer = ParquetFooterEncoder.encode(columns: columns, rowGroups: groups, numRows: Int64(rowCount), createdBy: options.createdBy)
        file += footer
        appendLittleEndian(UInt64(footer.count), bytes: 4, to: &file)
        file += Array("PAR1".utf8)
        return file
    }

    /// The physical type a column is stored as.
    static func physicalType(_ data: ParquetColumnData) -> ParquetPhysicalType {
        switch data {
        case .string: return .byteArray
        case .int64: return .int64
        case .double: return .double
        case .date: return .int32
        }
    }
}
