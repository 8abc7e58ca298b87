/// Writes values in the Thrift compact protocol; the caller nests `beginStruct`/`endStruct` and writes fields in id order.
public struct ThriftCompactWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8] = []
    private var lastFieldIDs: [Int16] = [0]

    /// Creates an empty writer positioned inside an implicit top-level struct.
    public init() {}

    /// Starts a nested struct value (after its field header, or as a list element).
    public mutating func beginStruct() {
        lastFieldIDs.append(0)
    }

    /// Writes the stop byte and leaves the current struct.
    public mutating func endStruct() {
        bytes.append(0)
        _ = lastFieldIDs.popLast()
    }

    /// Writes a field header for `id` of `type` (use `writeBoolField` for booleans).
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftType) {
        let previous = lastFieldIDs[lastFieldIDs.count - 1]
        let delta = id - previous
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    /// A boolean field: the value lives in the header's type nibble.
    public mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    /// An i32 field.
    public mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id, .i32)
        writeZigzag(Int64(value))
    }

    /// An i64 field.
    public mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id, .i64)
        writeZigzag(value)
    }

    /// A binary (or UTF-8 string) field.
    public mutating func writeBinaryField(_ id: Int16, _ value: [UInt8]) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    /// A string field, written as UTF-8.
    public mutating func writeStringField(_ id: Int16, _ value: String) {
        writeBinaryField(id, Array(value.utf8))
    }

    /// A struct field whose fields `body` writes.
    public mutating func writeStructField(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id, .structure)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// A list header for `count` elements of `type`.
    public mutating func writeListHeader(_ type: ThriftType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// A length-prefixed byte string (no field header).
    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A zigzag varint (no field header), as i16/i32/i64 values and list elements are written.
    public mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// An unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
