/// The header before every page of a column chunk (`PageHeader` in parquet.thrift).
public struct ParquetPageHeader: Sendable, Hashable {
    /// The page type as a raw id (unknown types are skipped by size).
    public var type: Int32 = -1
    /// The page size after decompression (without the header).
    public var uncompressedPageSize: Int32 = 0
    /// The page size as stored (without the header).
    public var compressedPageSize: Int32 = 0
    /// The v1 data page header.
    public var dataPage: ParquetDataPageHeader?
    /// The dictionary page header.
    public var dictionaryPage: ParquetDictionaryPageHeader?
    /// The v2 data page header.
    public var dataPageV2: ParquetDataPageHeaderV2?

    /// Creates an empty header.
    public init() {}

    /// Decodes a header starting at `start`; returns it and the offset just after it.
    public static func decode(_ bytes: [UInt8], at start: Int, end: Int) throws(ThriftError) -> (ParquetPageHeader, Int) {
        var reader = ThriftCompactReader(bytes: bytes, start: start, end: end)
        var header = ParquetPageHeader()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): header.type = try reader.readI32()
            case (2, .i32): header.uncompressedPageSize = try reader.readI32()
            case (3, .i32): header.compressedPageSize = try reader.readI32()
            case (5, .structure): header.dataPage = try ParquetDataPageHeader.read(&reader)
            case (7, .structure): header.dictionaryPage = try ParquetDictionaryPageHeader.read(&reader)
            case (8, .structure): header.dataPageV2 = try ParquetDataPageHeaderV2.read(&reader)
            default: try reader.skip(type)
            }
        }
        return (header, reader.position)
    }

    /// Encodes the header (the writer's v1 data and dictionary pages).
    func write(_ writer: inout ThriftCompactWriter) {
        writer.writeI32Field(1, type)
        writer.writeI32Field(2, uncompressedPageSize)
        writer.writeI32Field(3, compressedPageSize)
        if let dataPage {
            writer.writeStructField(5) { writer in
                writer.writeI32Field(1, dataPage.numValues)
                writer.writeI32Field(2, dataPage.encoding)
                writer.writeI32Field(3, dataPage.definitionLevelEncoding)
                writer.writeI32Field(4, dataPage.repetitionLevelEncoding)
            }
        }
        if let dictionaryPage {
            writer.writeStructField(7) { writer in
                writer.writeI32Field(1, dictionaryPage.numValues)
                writer.writeI32Field(2, dictionaryPage.encoding)
            }
        }
    }
}

/// The v1 data page header.
public struct ParquetDataPageHeader: Sendable, Hashable {
    /// Values in the page including nulls.
    public var numValues: Int32 = 0
    /// The value encoding (raw id).
    public var encoding: Int32 = 0
    /// The definition level encoding (raw id, RLE normally).
    public var definitionLevelEncoding: Int32 = 3
    /// The repetition level encoding (raw id, RLE normally).
    public var repetitionLevelEncoding: Int32 = 3

    /// Creates a header.
    public init(numValues: Int32 = 0, encoding: Int32 = 0) {
        self.numValues = numValues
        self.encoding = encoding
    }

    /// Decodes a `DataPageHeader` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetDataPageHeader {
        var header = ParquetDataPageHeader()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): header.numValues = try reader.readI32()
            case (2, .i32): header.encoding = try reader.readI32()
            case (3, .i32): header.definitionLevelEncoding = try reader.readI32()
            case (4, .i32): header.repetitionLevelEncoding = try reader.readI32()
            default: try reader.skip(type)
            }
        }
        return header
    }
}

/// The dictionary page header.
public struct ParquetDictionaryPageHeader: Sendable, Hashable {
    /// The number of dictionary entries.
    public var numValues: Int32 = 0
    /// The dictionary's encoding (PLAIN or PLAIN_DICTIONARY, both meaning PLAIN).
    public var encoding: Int32 = 0

    /// Creates a header.
    public init(numValues: Int32 = 0, encoding: Int32 = 0) {
        self.numValues = numValues
        self.encoding = encoding
    }

    /// Decodes a `DictionaryPageHeader` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetDictionaryPageHeader {
        var header = ParquetDictionaryPageHeader()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): header.numValues = try reader.readI32()
            case (2, .i32): header.encoding = try reader.readI32()
            default: try reader.skip(type)
            }
        }
        return header
    }
}

/// The v2 data page header: level sizes are given and the levels are never compressed.
public struct ParquetDataPageHeaderV2: Sendable, Hashable {
    /// Values in the page including nulls.
    public var numValues: Int32 = 0
    /// How many of them are null.
    public var numNulls: Int32 = 0
    /// Rows in the page.
    public var numRows: Int32 = 0
    /// The value encoding (raw id).
    public var encoding: Int32 = 0
    /// Bytes of RLE definition levels at the start of the page.
    public var definitionLevelsByteLength: Int32 = 0
    /// Bytes of RLE repetition levels at the start of the page.
    public var repetitionLevelsByteLength: Int32 = 0
    /// Whether the values section is compressed with the chunk's codec.
    public var isCompressed = true

    /// Creates a header.
    public init() {}

    /// Decodes a `DataPageHeaderV2` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetDataPageHeaderV2 {
        var header = ParquetDataPageHeaderV2()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): header.numValues = try reader.readI32()
            case (2, .i32): header.numNulls = try reader.readI32()
            case (3, .i32): header.numRows = try reader.readI32()
            case (4, .i32): header.encoding = try reader.readI32()
            case (5, .i32): header.definitionLevelsByteLength = try reader.readI32()
            case (6, .i32): header.repetitionLevelsByteLength = try reader.readI32()
            case (7, .boolTrue), (7, .boolFalse): header.isCompressed = try reader.readBool()
            default: try reader.skip(type)
            }
        }
        return header
    }
}
