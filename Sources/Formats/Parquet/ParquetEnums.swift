/// The physical storage types of Parquet (`Type` in parquet.thrift).
public enum ParquetPhysicalType: Int32, Sendable, Hashable {
    /// One bit per value.
    case boolean = 0
    /// A 32-bit signed integer.
    case int32 = 1
    /// A 64-bit signed integer.
    case int64 = 2
    /// A 96-bit legacy timestamp (nanoseconds of day + Julian day).
    case int96 = 3
    /// A 32-bit IEEE float.
    case float = 4
    /// A 64-bit IEEE float.
    case double = 5
    /// Variable-length bytes.
    case byteArray = 6
    /// Bytes of the length the schema declares.
    case fixedLenByteArray = 7
}

/// Whether a schema field is required, optional or repeated.
public enum ParquetRepetition: Int32, Sendable, Hashable {
    /// Exactly one value per record.
    case required = 0
    /// Zero or one value per record.
    case optional = 1
    /// Zero or more values per record.
    case repeated = 2
}

/// Value and level encodings (`Encoding` in parquet.thrift).
public enum ParquetEncoding: Int32, Sendable, Hashable {
    /// Values back to back in their natural layout.
    case plain = 0
    /// Legacy name of dictionary encoding (dictionary page PLAIN, indices RLE).
    case plainDictionary = 2
    /// The RLE/bit-packed hybrid.
    case rle = 3
    /// Deprecated MSB-first bit packing (levels only).
    case bitPacked = 4
    /// Integers as deltas in bit-packed miniblocks.
    case deltaBinaryPacked = 5
    /// Byte arrays as delta-packed lengths followed by the bytes.
    case deltaLengthByteArray = 6
    /// Byte arrays as shared-prefix lengths plus delta-length suffixes.
    case deltaByteArray = 7
    /// Dictionary indices in the RLE/bit-packed hybrid.
    case rleDictionary = 8
    /// Fixed-width values with their bytes split into streams.
    case byteStreamSplit = 9
}

/// Page compression codecs (`CompressionCodec` in parquet.thrift).
public enum ParquetCompression: Int32, Sendable, Hashable {
    /// Not compressed.
    case uncompressed = 0
    /// Snappy raw block format.
    case snappy = 1
    /// gzip members.
    case gzip = 2
    /// LZO (not supported).
    case lzo = 3
    /// Brotli (not supported).
    case brotli = 4
    /// LZ4 with Hadoop framing or raw (deprecated).
    case lz4 = 5
    /// Zstandard frames.
    case zstd = 6
    /// LZ4 raw block format.
    case lz4Raw = 7
}

/// The kinds of pages in a column chunk.
public enum ParquetPageType: Int32, Sendable, Hashable {
    /// A data page with the v1 header (levels and values compressed together).
    case dataPage = 0
    /// An index page (ignored).
    case indexPage = 1
    /// The dictionary of a dictionary-encoded chunk.
    case dictionaryPage = 2
    /// A data page with the v2 header (uncompressed levels before the values).
    case dataPageV2 = 3
}

/// Legacy converted types (`ConvertedType` in parquet.thrift).
public enum ParquetConvertedType: Int32, Sendable, Hashable {
    /// UTF-8 text.
    case utf8 = 0
    /// A map group.
    case map = 1
    /// The key/value group of a legacy map.
    case mapKeyValue = 2
    /// A list group.
    case list = 3
    /// An enum as UTF-8 text.
    case enumeration = 4
    /// A decimal with the element's scale and precision.
    case decimal = 5
    /// Days since 1970-01-01.
    case date = 6
    /// Milliseconds since midnight (INT32).
    case timeMillis = 7
    /// Microseconds since midnight (INT64).
    case timeMicros = 8
    /// Milliseconds since the epoch, UTC-adjusted (INT64).
    case timestampMillis = 9
    /// Microseconds since the epoch, UTC-adjusted (INT64).
    case timestampMicros = 10
    /// An unsigned 8-bit integer.
    case uint8 = 11
    /// An unsigned 16-bit integer.
    case uint16 = 12
    /// An unsigned 32-bit integer.
    case uint32 = 13
    /// An unsigned 64-bit integer.
    case uint64 = 14
    /// A signed 8-bit integer.
    case int8 = 15
    /// A signed 16-bit integer.
    case int16 = 16
    /// A signed 32-bit integer.
    case int32 = 17
    /// A signed 64-bit integer.
    case int64 = 18
    /// JSON text.
    case json = 19
    /// BSON bytes.
    case bson = 20
    /// A months/days/milliseconds interval in 12 bytes.
    case interval = 21
}
