/// Column or page statistics (`Statistics` in parquet.thrift), values in PLAIN encoding.
public struct ParquetStatistics: Sendable, Hashable {
    /// The smallest non-null value (new-style field 6, falling back to legacy field 2).
    public var minValue: [UInt8]?
    /// The largest non-null value (new-style field 5, falling back to legacy field 1).
    public var maxValue: [UInt8]?
    /// How many values are null.
    public var nullCount: Int64?
    /// How many distinct values there are, when the writer counted.
    public var distinctCount: Int64?

    /// Creates statistics.
    public init(minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil) {
        self.minValue = minValue
        self.maxValue = maxValue
        self.nullCount = nullCount
        self.distinctCount = distinctCount
    }

    /// Decodes a `Statistics` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetStatistics {
        var stats = ParquetStatistics()
        var legacyMin: [UInt8]?
        var legacyMax: [UInt8]?
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .binary): legacyMax = try reader.readBinary()
            case (2, .binary): legacyMin = try reader.readBinary()
            case (3, .i64): stats.nullCount = try reader.readI64()
            case (4, .i64): stats.distinctCount = try reader.readI64()
            case (5, .binary): stats.maxValue = try reader.readBinary()
            case (6, .binary): stats.minValue = try reader.readBinary()
            default: try reader.skip(type)
            }
        }
        if stats.minValue == nil { stats.minValue = legacyMin }
        if stats.maxValue == nil { stats.maxValue = legacyMax }
        return stats
    }

    /// Writes the new-style fields (3, 5, 6) of a `Statistics` struct body.
    func write(_ writer: inout ThriftCompactWriter) {
        if let nullCount { writer.writeI64Field(3, nullCount) }
        if let maxValue { writer.writeBinaryField(5, maxValue) }
        if let minValue { writer.writeBinaryField(6, minValue) }
    }
}
