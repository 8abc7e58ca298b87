/// The element types of the Thrift compact protocol, as they appear in field and collection headers.
public enum ThriftType: UInt8, Sendable {
    /// Marks the end of a struct's fields.
    case stop = 0
    /// A boolean whose value `true` is carried by the field header itself.
    case boolTrue = 1
    /// A boolean whose value `false` is carried by the field header itself (also any bool in a list).
    case boolFalse = 2
    /// A single signed byte.
    case byte = 3
    /// A zigzag varint 16-bit integer.
    case i16 = 4
    /// A zigzag varint 32-bit integer.
    case i32 = 5
    /// A zigzag varint 64-bit integer.
    case i64 = 6
    /// An 8-byte little-endian IEEE double.
    case double = 7
    /// A varint length followed by that many bytes (strings and binaries).
    case binary = 8
    /// A list: size and element type header, then the elements.
    case list = 9
    /// A set, encoded like a list.
    case set = 10
    /// A map: varint size, key/value type byte, then the pairs.
    case map = 11
    /// A nested struct, ended by a stop byte.
    case structure = 12
    /// A UUID: 16 raw bytes.
    case uuid = 13
}
