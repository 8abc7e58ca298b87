/// A bounds-checked forward reader over a slice of page bytes.
struct ByteCursor {
    /// The buffer being read.
    let bytes: [UInt8]
    /// The offset of the next unread byte.
    var position: Int
    /// The offset the cursor must not read past.
    let end: Int

    /// Creates a cursor over `bytes[start..<end]` (the end is clamped to the buffer).
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    /// Bytes left before `end`.
    var remaining: Int { end - position }

    /// The next byte.
    mutating func byte() throws(ParquetDataError) -> UInt8 {
        guard position < end else { throw ParquetDataError("unexpected end of page data") }
        defer { position += 1 }
        return bytes[position]
    }

    /// The range of the next `count` bytes, which must all be present.
    mutating func take(_ count: Int) throws(ParquetDataError) -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw ParquetDataError("needs \(count) bytes but only \(remaining) are left in the page")
        }
        defer { position += count }
        return position..<(position + count)
    }

    /// A 4-byte little-endian unsigned integer.
    mutating func uint32LE() throws(ParquetDataError) -> UInt32 {
        let range = try take(4)
        var value: UInt32 = 0
        for (shift, index) in range.enumerated() { value |= UInt32(bytes[index]) << (8 * UInt32(shift)) }
        return value
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func varint() throws(ParquetDataError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard shift < 64 else { throw ParquetDataError("varint longer than 10 bytes") }
            let next = try byte()
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A zigzag-encoded signed varint.
    mutating func zigzag() throws(ParquetDataError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}

/// Reads `count` values of `bitWidth` bits packed LSB-first starting at byte `start`, appending them to `output`.
func unpackBits(_ bytes: [UInt8], start: Int, count: Int, bitWidth: Int, into output: inout [UInt64]) {
    if bitWidth == 0 {
        output.append(contentsOf: repeatElement(0, count: count))
        return
    }
    let mask: UInt64 = bitWidth == 64 ? .max : (1 << UInt64(bitWidth)) - 1
    var bitPosition = start * 8
    for _ in 0..<count {
        var value: UInt64 = 0
        var gathered = 0
        var byteIndex = bitPosition >> 3
        var bitOffset = bitPosition & 7
        while gathered < bitWidth {
            let available = 8 - bitOffset
            let chunk = UInt64(bytes[byteIndex] >> UInt8(bitOffset))
            value |= chunk << UInt64(gathered)
            gathered += available
            byteIndex += 1
            bitOffset = 0
        }
        output.append(value & mask)
        bitPosition += bitWidth
    }
}
