/// The logical type annotation of a schema field (the `LogicalType` union in parquet.thrift).
public enum ParquetLogicalType: Sendable, Hashable {
    /// UTF-8 text.
    case string
    /// A map group.
    case map
    /// A list group.
    case list
    /// An enum value stored as UTF-8 text.
    case enumeration
    /// A decimal with `precision` digits, `scale` of them after the point.
    case decimal(scale: Int32, precision: Int32)
    /// Days since 1970-01-01.
    case date
    /// A time of day in `unit`.
    case time(unit: TimeUnit, isAdjustedToUTC: Bool)
    /// A point in time in `unit`, UTC-adjusted or local.
    case timestamp(unit: TimeUnit, isAdjustedToUTC: Bool)
    /// An integer of `bitWidth` bits, signed or not.
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Always null.
    case null
    /// JSON text.
    case json
    /// BSON bytes.
    case bson
    /// A 16-byte UUID.
    case uuid
    /// An IEEE half-precision float in 2 bytes.
    case float16
    /// A logical type this reader does not know (the union field id), read by physical type.
    case unknown(Int16)
}

extension ParquetLogicalType {
    /// Decodes the union from `reader`.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetLogicalType {
        var result = ParquetLogicalType.unknown(0)
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            guard type == .structure else {
                try reader.skip(type)
                return
            }
            switch id {
            case 1: result = .string; try reader.skip(type)
            case 2: result = .map; try reader.skip(type)
            case 3: result = .list; try reader.skip(type)
            case 4: result = .enumeration; try reader.skip(type)
            case 5: result = try readDecimal(&reader)
            case 6: result = .date; try reader.skip(type)
            case 7:
                let (unit, utc) = try readTimeLike(&reader)
                result = .time(unit: unit, isAdjustedToUTC: utc)
            case 8:
                let (unit, utc) = try readTimeLike(&reader)
                result = .timestamp(unit: unit, isAdjustedToUTC: utc)
            case 10: result = try readInteger(&reader)
            case 11: result = .null; try reader.skip(type)
            case 12: result = .json; try reader.skip(type)
            case 13: result = .bson; try reader.skip(type)
            case 14: result = .uuid; try reader.skip(type)
            case 15: result = .float16; try reader.skip(type)
            default: result = .unknown(id); try reader.skip(type)
            }
        }
        return result
    }

    private static func readDecimal(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetLogicalType {
        var scale: Int32 = 0
        var precision: Int32 = 0
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): scale = try reader.readI32()
            case (2, .i32): precision = try reader.readI32()
            default: try reader.skip(type)
            }
        }
        return .decimal(scale: scale, precision: precision)
    }

    private static func readInteger(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetLogicalType {
        var bitWidth: Int8 = 64
        var signed = true
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .byte): bitWidth = try reader.readByte()
            case (2, .boolTrue), (2, .boolFalse): signed = try reader.readBool()
            default: try reader.skip(type)
            }
        }
        return .integer(bitWidth: bitWidth, isSigned: signed)
    }

    private static func readTimeLike(_ reader: inout ThriftCompactReader) throws(ThriftError) -> (TimeUnit, Bool) {
        var unit = TimeUnit.milliseconds
        var utc = false
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .boolTrue), (1, .boolFalse): utc = try reader.readBool()
            case (2, .structure):
                try reader.readStruct { (reader: inout ThriftCompactReader, unitID: Int16, unitType: ThriftType) throws(ThriftError) in
                    switch unitID {
                    case 1: unit = .milliseconds
                    case 2: unit = .microseconds
                    case 3: unit = .nanoseconds
                    default: break
                    }
                    try reader.skip(unitType)
                }
            default: try reader.skip(type)
            }
        }
        return (unit, utc)
    }
}
