/// Encodes the `FileMetaData` footer of files written by `ParquetWriter`.
enum ParquetFooterEncoder {
    /// The compact-protocol `FileMetaData` for the written columns and row groups.
    static func encode(columns: [ParquetWriterColumn], rowGroups: [ParquetRowGroup], numRows: Int64, createdBy: String) -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.writeI32Field(1, 2)
        writer.writeFieldHeader(2, .list)
        writer.writeListHeader(.structure, count: columns.count + 1)
        writer.beginStruct()
        writer.writeStringField(4, "schema")
        writer.writeI32Field(5, Int32(columns.count))
        writer.endStruct()
        for column in columns {
            writer.beginStruct()
            writer.writeI32Field(1, ParquetWriter.physicalType(column.data).rawValue)
            writer.writeI32Field(3, ParquetRepetition.optional.rawValue)
            writer.writeStringField(4, column.name)
            switch column.data {
            case .string:
                writer.writeI32Field(6, ParquetConvertedType.utf8.rawValue)
                writer.writeStructField(10) { $0.writeStructField(1) { _ in } }
            case .date:
                writer.writeI32Field(6, ParquetConvertedType.date.rawValue)
                writer.writeStructField(10) { $0.writeStructField(6) { _ in } }
            case .int64, .double:
                break
            }
            writer.endStruct()
        }
        writer.writeI64Field(3, numRows)
        writer.writeFieldHeader(4, .list)
        writer.writeListHeader(.structure, count: rowGroups.count)
        for (ordinal, group) in rowGroups.enumerated() {
            writer.beginStruct()
            writer.writeFieldHeader(1, .list)
            writer.writeListHeader(.structure, count: group.columns.count)
            var firstOffset: Int64?
            var compressed: Int64 = 0
            for chunk in group.columns {
                guard let meta = chunk.metaData else { continue }
                let offset = meta.dictionaryPageOffset ?? meta.dataPageOffset
                firstOffset = firstOffset ?? offset
                compressed += meta.totalCompressedSize
                writer.beginStruct()
                writer.writeI64Field(2, offset)
                writer.writeStructField(3) { writeColumnMetaData(meta, &$0) }
                writer.endStruct()
            }
            writer.writeI64Field(2, group.totalByteSize)
            writer.writeI64Field(3, group.numRows)
            if let firstOffset { writer.writeI64Field(5, firstOffset) }
            writer.writeI64Field(6, compressed)
            writer.writeFieldHeader(7, .i16)
            writer.writeZigzag(Int64(ordinal))
            writer.endStruct()
        }
        writer.writeStringField(6, createdBy)
        // Column orders: TYPE_DEFINED_ORDER for every column, so readers trust min_value/max_value.
        writer.writeFieldHeader(7, .list)
        writer.writeListHeader(.structure, count: columns.count)
        for _ in columns {
            writer.beginStruct()
            writer.writeStructField(1) { _ in }
            writer.endStruct()
        }
        writer.endStruct()
        return writer.bytes
    }

    private static func writeColumnMetaData(_ meta: ParquetColumnMetaData, _ writer: inout ThriftCompactWriter) {
        writer.writeI32Field(1, meta.physicalType)
        writer.writeFieldHeader(2, .list)
        writer.writeListHeader(.i32, count: meta.encodings.count)
        for encoding in meta.encodings { writer.writeZigzag(Int64(encoding)) }
        writer.writeFieldHeader(3, .list)
        writer.writeListHeader(.binary, count: meta.pathInSchema.count)
        for part in meta.pathInSchema { writer.writeBinary(Array(part.utf8)) }
        writer.writeI32Field(4, meta.codec)
        writer.writeI64Field(5, meta.numValues)
        writer.writeI64Field(6, meta.totalUncompressedSize)
        writer.writeI64Field(7, meta.totalCompressedSize)
        writer.writeI64Field(9, meta.dataPageOffset)
        if let dictionary = meta.dictionaryPageOffset { writer.writeI64Field(11, dictionary) }
        if let statistics = meta.statistics {
            writer.writeStructField(12) { statistics.write(&$0) }
        }
    }
}
