/// The footer of a Parquet file (`FileMetaData` in parquet.thrift), with the parts a reader needs.
public struct ParquetFileMetaData: Sendable, Hashable {
    /// The format version the writer declared.
    public var version: Int32 = 0
    /// The schema tree flattened depth-first; element 0 is the root.
    public var schema: [ParquetSchemaElement] = []
    /// The number of rows in the file.
    public var numRows: Int64 = 0
    /// The row groups in file order.
    public var rowGroups: [ParquetRowGroup] = []
    /// The writing application (`parquet-cpp-arrow version 16.0.0`).
    public var createdBy: String?
    /// Whether the footer declares an encryption algorithm (plaintext-footer encrypted files).
    public var declaresEncryption = false

    /// Creates empty metadata.
    public init() {}

    /// Decodes the footer struct.
    public static func decode(_ bytes: [UInt8]) throws(ThriftError) -> ParquetFileMetaData {
        var reader = ThriftCompactReader(bytes: bytes)
        var meta = ParquetFileMetaData()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): meta.version = try reader.readI32()
            case (2, .list):
                meta.schema = try reader.readList { (reader: inout ThriftCompactReader, elementType: ThriftType) throws(ThriftError) in
                    try expectStruct(elementType, &reader)
                    return try ParquetSchemaElement.read(&reader)
                }
            case (3, .i64): meta.numRows = try reader.readI64()
            case (4, .list):
                meta.rowGroups = try reader.readList { (reader: inout ThriftCompactReader, elementType: ThriftType) throws(ThriftError) in
                    try expectStruct(elementType, &reader)
                    return try ParquetRowGroup.read(&reader)
                }
            case (6, .binary): meta.createdBy = try reader.readString()
            case (8, _):
                meta.declaresEncryption = true
                try reader.skip(type)
            default: try reader.skip(type)
            }
        }
        return meta
    }
}

/// Checks that a list holds structs.
func expectStruct(_ type: ThriftType, _ reader: inout ThriftCompactReader) throws(ThriftError) {
    guard type == .structure else {
        throw ThriftError(offset: reader.position, message: "expected a list of structs, found elements of type \(type)")
    }
}

/// A horizontal slice of the rows (`RowGroup` in parquet.thrift).
public struct ParquetRowGroup: Sendable, Hashable {
    /// One chunk per leaf column, in schema order.
    public var columns: [ParquetColumnChunk] = []
    /// The number of rows in the group.
    public var numRows: Int64 = 0
    /// The total uncompressed size of the group's column data.
    public var totalByteSize: Int64 = 0

    /// Creates an empty row group.
    public init() {}

    /// Decodes a `RowGroup` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetRowGroup {
        var group = ParquetRowGroup()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .list):
                group.columns = try reader.readList { (reader: inout ThriftCompactReader, elementType: ThriftType) throws(ThriftError) in
                    try expectStruct(elementType, &reader)
                    return try ParquetColumnChunk.read(&reader)
                }
            case (2, .i64): group.totalByteSize = try reader.readI64()
            case (3, .i64): group.numRows = try reader.readI64()
            default: try reader.skip(type)
            }
        }
        return group
    }
}

/// Where one column's data for one row group lives (`ColumnChunk` in parquet.thrift).
public struct ParquetColumnChunk: Sendable, Hashable {
    /// A separate file holding the data, when not this file.
    public var filePath: String?
    /// The chunk's metadata (absent only in encrypted files).
    public var metaData: ParquetColumnMetaData?
    /// Whether the chunk carries encryption metadata.
    public var isEncrypted = false

    /// Creates an empty chunk.
    public init() {}

    /// Decodes a `ColumnChunk` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetColumnChunk {
        var chunk = ParquetColumnChunk()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .binary): chunk.filePath = try reader.readString()
            case (3, .structure): chunk.metaData = try ParquetColumnMetaData.read(&reader)
            case (8, _), (9, _):
                chunk.isEncrypted = true
                try reader.skip(type)
            default: try reader.skip(type)
            }
        }
        return chunk
    }
}

/// The description of one column chunk's pages (`ColumnMetaData` in parquet.thrift).
public struct ParquetColumnMetaData: Sendable, Hashable {
    /// The physical type, as a raw id.
    public var physicalType: Int32 = 0
    /// Every encoding used in the chunk (raw ids).
    public var encodings: [Int32] = []
    /// The leaf's path from the root (`["a", "b"]` for `a.b`).
    public var pathInSchema: [String] = []
    /// The page codec, as a raw id.
    public var codec: Int32 = 0
    /// The number of values including nulls.
    public var numValues: Int64 = 0
    /// The total uncompressed size of all pages with headers.
    public var totalUncompressedSize: Int64 = 0
    /// The total compressed size of all pages with headers.
    public var totalCompressedSize: Int64 = 0
    /// The offset of the first data page.
    public var dataPageOffset: Int64 = 0
    /// The offset of the dictionary page, when the chunk has one.
    public var dictionaryPageOffset: Int64?
    /// Chunk statistics.
    public var statistics: ParquetStatistics?

    /// Creates empty metadata.
    public init() {}

    /// Decodes a `ColumnMetaData` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetColumnMetaData {
        var meta = ParquetColumnMetaData()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): meta.physicalType = try reader.readI32()
            case (2, .list):
                meta.encodings = try reader.readList { (reader: inout ThriftCompactReader, _: ThriftType) throws(ThriftError) in
                    try reader.readI32()
                }
            case (3, .list):
                meta.pathInSchema = try reader.readList { (reader: inout ThriftCompactReader, _: ThriftType) throws(ThriftError) in
                    try reader.readString()
                }
            case (4, .i32): meta.codec = try reader.readI32()
            case (5, .i64): meta.numValues = try reader.readI64()
            case (6, .i64): meta.totalUncompressedSize = try reader.readI64()
            case (7, .i64): meta.totalCompressedSize = try reader.readI64()
            case (9, .i64): meta.dataPageOffset = try reader.readI64()
            case (11, .i64): meta.dictionaryPageOffset = try reader.readI64()
            case (12, .structure): meta.statistics = try ParquetStatistics.read(&reader)
            default: try reader.skip(type)
            }
        }
        return meta
    }
}
