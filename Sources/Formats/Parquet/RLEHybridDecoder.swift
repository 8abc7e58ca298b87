/// Decodes the RLE / bit-packed hybrid used for levels, dictionary indices and RLE booleans.
public enum RLEHybridDecoder {
    /// Decodes `count` values of `bitWidth` bits from `bytes[start..<end]`.
    ///
    /// Runs may extend past `count` (bit-packed groups are padded to 8 values); extra values are dropped.
    /// Data that ends before `count` values is an error.
    public static func decode(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, bitWidth: Int, count: Int) throws(ParquetDataError) -> [UInt64] {
        guard (0...64).contains(bitWidth) else { throw ParquetDataError("RLE bit width \(bitWidth) is outside 0...64") }
        var cursor = ByteCursor(bytes, start: start, end: end)
        var values: [UInt64] = []
        values.reserveCapacity(min(count, 1 << 20))
        let valueBytes = (bitWidth + 7) / 8
        while values.count < count {
            guard cursor.remaining > 0 else {
                throw ParquetDataError("RLE data ends after \(values.count) of \(count) values")
            }
            let header = try cursor.varint()
            let wanted = count - values.count
            if header & 1 == 0 {
                let runLength = header >> 1
                guard runLength > 0 else { throw ParquetDataError("RLE run of length 0") }
                let range = try cursor.take(valueBytes)
                var value: UInt64 = 0
                for (shift, index) in range.enumerated() { value |= UInt64(bytes[index]) << (8 * UInt64(shift)) }
                values.append(contentsOf: repeatElement(value, count: Int(min(runLength, UInt64(wanted)))))
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(Int32.max) else { throw ParquetDataError("bit-packed run of \(groups) groups") }
                let runValues = Int(groups) * 8
                let needed = min(runValues, wanted)
                let runBytes = Int(groups) * bitWidth
                let usable = min(runBytes, cursor.remaining)
                guard needed * bitWidth <= usable * 8 else {
                    throw ParquetDataError("bit-packed run needs \(runBytes) bytes but only \(cursor.remaining) are left")
                }
                unpackBits(bytes, start: cursor.position, count: needed, bitWidth: bitWidth, into: &values)
                cursor.position += usable
            }
        }
        return values
    }

    /// Decodes levels prefixed by their 4-byte little-endian length (data page v1 layout); returns levels and the offset after them.
    public static func decodeLengthPrefixed(_ bytes: [UInt8], start: Int, end: Int, bitWidth: Int, count: Int) throws(ParquetDataError) -> (values: [UInt64], next: Int) {
        var cursor = ByteCursor(bytes, start: start, end: end)
        let length = Int(try cursor.uint32LE())
        let range = try cursor.take(length)
        let values = try decode(bytes, start: range.lowerBound, end: range.upperBound, bitWidth: bitWidth, count: count)
        return (values, range.upperBound)
    }
}
