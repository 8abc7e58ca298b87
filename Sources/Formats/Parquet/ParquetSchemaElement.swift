/// One node of the flattened schema tree in the footer (`SchemaElement` in parquet.thrift).
public struct ParquetSchemaElement: Sendable, Hashable {
    /// The field name.
    public var name: String = ""
    /// The physical type; `nil` for groups.
    public var physicalType: ParquetPhysicalType?
    /// The raw physical type id when it is not one this reader knows.
    public var unknownPhysicalType: Int32?
    /// The byte length of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int32?
    /// Required, optional or repeated; `nil` only for the root.
    public var repetition: ParquetRepetition?
    /// How many children follow (groups only).
    public var numChildren: Int32?
    /// The legacy converted type, if any.
    public var convertedType: ParquetConvertedType?
    /// The decimal scale of the legacy DECIMAL annotation.
    public var scale: Int32?
    /// The decimal precision of the legacy DECIMAL annotation.
    public var precision: Int32?
    /// The logical type annotation, if any.
    public var logicalType: ParquetLogicalType?

    /// Creates an element; every field can be set afterwards.
    public init(name: String = "", physicalType: ParquetPhysicalType? = nil, repetition: ParquetRepetition? = nil) {
        self.name = name
        self.physicalType = physicalType
        self.repetition = repetition
    }

    /// Whether the element is a group (has children or no physical type).
    public var isGroup: Bool { (numChildren ?? 0) > 0 || (physicalType == nil && unknownPhysicalType == nil) }

    /// Decodes a `SchemaElement` struct.
    static func read(_ reader: inout ThriftCompactReader) throws(ThriftError) -> ParquetSchemaElement {
        var element = ParquetSchemaElement()
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            switch (id, type) {
            case (1, .i32):
                let raw = try reader.readI32()
                element.physicalType = ParquetPhysicalType(rawValue: raw)
                if element.physicalType == nil { element.unknownPhysicalType = raw }
            case (2, .i32): element.typeLength = try reader.readI32()
            case (3, .i32): element.repetition = ParquetRepetition(rawValue: try reader.readI32())
            case (4, .binary): element.name = try reader.readString()
            case (5, .i32): element.numChildren = try reader.readI32()
            case (6, .i32): element.convertedType = ParquetConvertedType(rawValue: try reader.readI32())
            case (7, .i32): element.scale = try reader.readI32()
            case (8, .i32): element.precision = try reader.readI32()
            case (10, .structure): element.logicalType = try ParquetLogicalType.read(&reader)
            default: try reader.skip(type)
            }
        }
        return element
    }
}
