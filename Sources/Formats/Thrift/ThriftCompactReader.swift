/// Reads values of the Thrift compact protocol from a byte buffer, checking every length against what is left.
///
/// Struct decoding is driven by the caller: `readFieldHeader` yields `(id, type)` pairs until `nil`
/// (the stop byte), and fields the caller does not know are passed to `skip(_:)`.
public struct ThriftCompactReader: Sendable {
    /// The most nested structs and collections accepted before the data is rejected as malicious.
    public static let maximumDepth = 64

    /// The buffer being decoded.
    public let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var position: Int
    /// The buffer offset the reader must not read past.
    public let end: Int
    private var lastFieldIDs: [Int16] = []
    private var pendingBool: Bool?
    private var depth = 0

    /// Creates a reader over `bytes[start..<end]` (`end` defaults to the whole buffer).
    public init(bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
    }

    /// Bytes left before `end`.
    public var remaining: Int { end - position }

    // MARK: structs

    /// Enters a struct: field ids that follow are relative to this struct's previous field.
    public mutating func beginStruct() throws(ThriftError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("structures nested more than \(Self.maximumDepth) deep") }
        lastFieldIDs.append(0)
    }

    /// Leaves the struct entered by the matching `beginStruct` (after `readFieldHeader` returned `nil`).
    public mutating func endStruct() {
        depth -= 1
        _ = lastFieldIDs.popLast()
    }

    /// The next field's id and type, or `nil` at the struct's stop byte.
    public mutating func readFieldHeader() throws(ThriftError) -> (id: Int16, type: ThriftType)? {
        let header = try readRawByte()
        if header == 0 { return nil }
        guard let type = ThriftType(rawValue: header & 0x0F), type != .stop else {
            throw error("unknown field type \(header & 0x0F)", at: position - 1)
        }
        let delta = Int16(header >> 4)
        let previous = lastFieldIDs.last ?? 0
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = previous.addingReportingOverflow(delta)
            guard !overflow else { throw error("field id overflows 16 bits") }
            id = sum
        }
        if !lastFieldIDs.isEmpty { lastFieldIDs[lastFieldIDs.count - 1] = id }
        if type == .boolTrue || type == .boolFalse { pendingBool = type == .boolTrue }
        return (id, type)
    }

    /// Reads a struct with `body` called for each field; `body` must consume or skip the field.
    public mutating func readStruct(_ body: (inout ThriftCompactReader, Int16, ThriftType) throws(ThriftError) -> Void) throws(ThriftError) {
        try beginStruct()
        while let (id, type) = try readFieldHeader() {
            try body(&self, id, type)
        }
        endStruct()
    }

    // MARK: scalars

    /// A boolean field's value (carried in its header) or a boolean list element (one byte).
    public mutating func readBool() throws(ThriftError) -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        let byte = try readRawByte()
        switch byte {
        case 0, 2: return false
        case 1: return true
        default: throw error("invalid boolean byte \(byte)", at: position - 1)
        }
    }

    /// A single signed byte.
    public mutating func readByte() throws(ThriftError) -> Int8 {
        Int8(bitPattern: try readRawByte())
    }

    /// A zigzag varint that must fit 16 bits.
    public mutating func readI16() throws(ThriftError) -> Int16 {
        let value = try readZigzag(maxBytes: 3)
        guard let narrow = Int16(exactly: value) else { throw error("i16 value \(value) out of range") }
        return narrow
    }

    /// A zigzag varint that must fit 32 bits.
    public mutating func readI32() throws(ThriftError) -> Int32 {
        let value = try readZigzag(maxBytes: 5)
        guard let narrow = Int32(exactly: value) else { throw error("i32 value \(value) out of range") }
        return narrow
    }

    /// A zigzag varint of up to 64 bits.
    public mutating func readI64() throws(ThriftError) -> Int64 {
        try readZigzag(maxBytes: 10)
    }

    /// An 8-byte little-endian double.
    public mutating func readDouble() throws(ThriftError) -> Double {
        guard remaining >= 8 else { throw error("double needs 8 bytes, \(remaining) left") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A length-prefixed byte string.
    public mutating func readBinary() throws(ThriftError) -> [UInt8] {
        let start = position
        let length = try readVarint(maxBytes: 5)
        guard length <= UInt64(remaining) else {
            throw error("binary length \(length) exceeds the \(remaining) bytes left", at: start)
        }
        let count = Int(length)
        let value = Array(bytes[position..<(position + count)])
        position += count
        return value
    }

    /// A length-prefixed string decoded as UTF-8 (invalid sequences are replaced).
    public mutating func readString() throws(ThriftError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    // MARK: collections

    /// A list or set header: element type and count (checked against the bytes left, one byte per element at least).
    public mutating func readListHeader() throws(ThriftError) -> (type: ThriftType, count: Int) {
        let start = position
        let header = try readRawByte()
        guard let type = ThriftType(rawValue: header & 0x0F) else {
            throw error("unknown list element type \(header & 0x0F)", at: start)
        }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint(maxBytes: 5) }
        guard count <= UInt64(remaining) else {
            throw error("list of \(count) elements cannot fit in the \(remaining) bytes left", at: start)
        }
        return (type, Int(count))
    }

    /// Reads a list whose elements are produced by `element`.
    public mutating func readList<T>(_ element: (inout ThriftCompactReader, ThriftType) throws(ThriftError) -> T) throws(ThriftError) -> [T] {
        let (type, count) = try readListHeader()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("collections nested more than \(Self.maximumDepth) deep") }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self, type)) }
        return values
    }

    /// Skips one value of `type`, recursing into structs and collections up to the depth limit.
    public mutating func skip(_ type: ThriftType) throws(ThriftError) {
        switch type {
        case .stop: throw error("unexpected stop type")
        case .boolTrue, .boolFalse:
            if pendingBool != nil { pendingBool = nil } else { _ = try readBool() }
        case .byte: _ = try readRawByte()
        case .i16, .i32, .i64: _ = try readVarint(maxBytes: 10)
        case .double:
            guard remaining >= 8 else { throw error("double needs 8 bytes, \(remaining) left") }
            position += 8
        case .uuid:
            guard remaining >= 16 else { throw error("uuid needs 16 bytes, \(remaining) left") }
            position += 16
        case .binary:
            let length = try readVarint(maxBytes: 5)
            guard length <= UInt64(remaining) else { throw error("binary length \(length) exceeds the \(remaining) bytes left") }
            position += Int(length)
        case .list, .set:
            let (elementType, count) = try readListHeader()
            try nested { (reader: inout ThriftCompactReader) throws(ThriftError) in
                for _ in 0..<count { try reader.skipElement(elementType) }
            }
        case .map:
            let start = position
            let count = try readVarint(maxBytes: 5)
            guard count > 0 else { return }
            let types = try readRawByte()
            guard count <= UInt64(remaining),
                  let keyType = ThriftType(rawValue: types >> 4), let valueType = ThriftType(rawValue: types & 0x0F)
            else { throw error("invalid map header", at: start) }
            try nested { (reader: inout ThriftCompactReader) throws(ThriftError) in
                for _ in 0..<count {
                    try reader.skipElement(keyType)
                    try reader.skipElement(valueType)
                }
            }
        case .structure:
            try beginStruct()
            while let (_, fieldType) = try readFieldHeader() { try skip(fieldType) }
            endStruct()
        }
    }

    /// Skips a collection element (booleans in collections take a byte each).
    private mutating func skipElement(_ type: ThriftType) throws(ThriftError) {
        if type == .boolTrue || type == .boolFalse {
            _ = try readRawByte()
        } else {
            try skip(type)
        }
    }

    private mutating func nested(_ body: (inout ThriftCompactReader) throws(ThriftError) -> Void) throws(ThriftError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("collections nested more than \(Self.maximumDepth) deep") }
        try body(&self)
    }

    // MARK: primitives

    private mutating func readRawByte() throws(ThriftError) -> UInt8 {
        guard position < end else { throw error("unexpected end of data") }
        let byte = bytes[position]
        position += 1
        return byte
    }

    /// An unsigned LEB128 varint of at most `maxBytes` bytes.
    public mutating func readVarint(maxBytes: Int = 10) throws(ThriftError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for _ in 0..<maxBytes {
            let byte = try readRawByte()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw error("varint longer than \(maxBytes) bytes", at: start)
    }

    private mutating func readZigzag(maxBytes: Int) throws(ThriftError) -> Int64 {
        let raw = try readVarint(maxBytes: maxBytes)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    private func error(_ message: String, at offset: Int? = nil) -> ThriftError {
        ThriftError(offset: offset ?? position, message: message)
    }
}
