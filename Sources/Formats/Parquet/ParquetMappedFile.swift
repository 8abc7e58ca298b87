/// A memory-mapped Parquet file read piecewise: the footer, then single column chunks, each page range handed back after use.
struct ParquetMappedFile: @unchecked Sendable {
    let mapped: MappedFile

    private var path: String { mapped.path }

    /// The decoded footer, with the checks `ParquetReader.readMetadata` makes.
    func metadata() throws -> ParquetFileMetaData {
        let bytes = mapped.bytes
        guard bytes.count >= 12 else {
            throw FormatError(file: path, message: "the file has \(bytes.count) bytes, too short for a Parquet file (at least 12)")
        }
        let tail = Array(bytes[(bytes.count - 8)...])
        let length = Int(tail[0]) | Int(tail[1]) << 8 | Int(tail[2]) << 16 | Int(tail[3]) << 24
        // Reuse the table reader's checks on the first bytes and the footer (magic, encryption, lengths).
        guard length > 0, length <= bytes.count - 12 else {
            // Let the table reader name a wrong magic first; otherwise the length is the problem.
            _ = try ParquetReader.readMetadata(bytes: Array(bytes[0..<4]) + [0, 0, 0, 0] + tail, path: path)
            throw FormatError(file: path, message: "footer length \(length) does not fit in the file's \(bytes.count) bytes")
        }
        let shell = Array(bytes[0..<4]) + Array(bytes[(bytes.count - 8 - length)...])
        return try ParquetReader.readMetadata(bytes: shell, path: path)
    }

    /// The footer's first byte (pages may run up to it when a writer understates a chunk's size).
    private var footerStart: Int {
        let bytes = mapped.bytes
        let offset = bytes.count - 8
        return offset - (Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24)
    }

    /// Decodes one column chunk: typed when `TypedChunkReader` can, otherwise through `ColumnChunkReader` as cells.
    func readChunk(_ chunk: ParquetColumnChunk, column: ParquetLeafColumn, rows: Int, group: Int, memoryLimit: Int) throws -> ParquetColumnValues {
        func failure(_ message: String) -> FormatError {
            FormatError(file: path, column: column.name, message: "row group \(group): \(message)")
        }
        if let external = chunk.filePath { throw failure("column data in another file (\(external)) is not supported") }
        guard let meta = chunk.metaData else { throw failure("column chunk without metadata") }
        guard let codec = ParquetCompression(rawValue: meta.codec) else { throw failure("unknown compression codec \(meta.codec)") }
        guard meta.physicalType == column.physicalType.rawValue else {
            throw failure("column chunk type \(meta.physicalType) differs from the schema's \(column.physicalType)")
        }
        if rows == 0 { return .cells([]) }
        var start = meta.dataPageOffset
        if let dictionaryOffset = meta.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start { start = dictionaryOffset }
        let (end, overflow) = start.addingReportingOverflow(meta.totalCompressedSize)
        guard start >= 4, meta.totalCompressedSize >= 0, !overflow, end <= Int64(mapped.bytes.count - 8) else {
            throw failure("column chunk at byte \(start) with \(meta.totalCompressedSize) bytes lies outside the file's \(mapped.bytes.count) bytes")
        }
        let declared = Int(start)..<Int(end)
        do {
            return try decode(declared, column: column, codec: codec, rows: rows, memoryLimit: memoryLimit)
        } catch {
            // Some writers understate the chunk's size; read on up to the footer as the table reader does.
            let extended = Int(start)..<max(Int(end), footerStart)
            guard extended != declared else { throw failure(error.message) }
            do { return try decode(extended, column: column, codec: codec, rows: rows, memoryLimit: memoryLimit) } catch {
                throw failure(error.message)
            }
        }
    }

    private func decode(_ range: Range<Int>, column: ParquetLeafColumn, codec: ParquetCompression, rows: Int, memoryLimit: Int) throws(ParquetDataError) -> ParquetColumnValues {
        let bytes = Array(mapped.bytes[range])
        mapped.release(range)
        let local = 0..<bytes.count
        if let typed = try TypedChunkReader(bytes: bytes, column: column, codec: codec, memoryLimit: memoryLimit).read(range: local, rowCount: rows) {
            return typed
        }
        var reader = ColumnChunkReader(bytes: bytes, column: column, codec: codec, memoryLimit: memoryLimit)
        return .cells(try reader.read(range: local, rowCount: rows))
    }
}
