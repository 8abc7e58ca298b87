/// Decodes DELTA_BINARY_PACKED integers (block header, then miniblocks of bit-packed deltas).
public enum DeltaBinaryPackedDecoder {
    /// Decodes up to `maximumCount` values (the header's own count is used and checked against it);
    /// returns them as 64-bit integers (INT32 columns truncate) and the offset after the last miniblock used.
    public static func decode(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, maximumCount: Int) throws(ParquetDataError) -> (values: [Int64], next: Int) {
        var cursor = ByteCursor(bytes, start: start, end: end)
        let blockSize = try cursor.varint()
        let miniblocks = try cursor.varint()
        let total = try cursor.varint()
        let first = try cursor.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0
        else {
            throw ParquetDataError("DELTA_BINARY_PACKED header has block size \(blockSize) with \(miniblocks) miniblocks")
        }
        guard total <= UInt64(maximumCount) else {
            throw ParquetDataError("DELTA_BINARY_PACKED declares \(total) values, more than the \(maximumCount) expected")
        }
        let count = Int(total)
        let perMiniblock = Int(blockSize / miniblocks)
        var values: [Int64] = []
        values.reserveCapacity(count)
        if count == 0 { return (values, cursor.position) }
        values.append(first)
        var previous = first
        var deltas: [UInt64] = []
        deltas.reserveCapacity(perMiniblock)
        while values.count < count {
            let minDelta = try cursor.zigzag()
            let widthRange = try cursor.take(Int(miniblocks))
            for widthIndex in widthRange where values.count < count {
                let bitWidth = Int(bytes[widthIndex])
                guard bitWidth <= 64 else { throw ParquetDataError("DELTA_BINARY_PACKED miniblock bit width \(bitWidth)") }
                let range = try cursor.take(perMiniblock * bitWidth / 8)
                deltas.removeAll(keepingCapacity: true)
                let needed = min(perMiniblock, count - values.count)
                unpackBits(bytes, start: range.lowerBound, count: needed, bitWidth: bitWidth, into: &deltas)
                for delta in deltas {
                    previous = previous &+ minDelta &+ Int64(bitPattern: delta)
                    values.append(previous)
                }
            }
        }
        return (values, cursor.position)
    }
}

/// Decodes DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the bytes back to back) and DELTA_BYTE_ARRAY.
public enum DeltaByteArrayDecoder {
    /// Decodes `count` byte arrays in DELTA_LENGTH_BYTE_ARRAY layout; returns them and the offset after the data.
    public static func decodeLengths(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, count: Int) throws(ParquetDataError) -> (values: [[UInt8]], next: Int) {
        let stop = min(end ?? bytes.count, bytes.count)
        let (lengths, dataStart) = try DeltaBinaryPackedDecoder.decode(bytes, start: start, end: stop, maximumCount: count)
        guard lengths.count == count else {
            throw ParquetDataError("DELTA_LENGTH_BYTE_ARRAY has \(lengths.count) lengths for \(count) values")
        }
        var cursor = ByteCursor(bytes, start: dataStart, end: stop)
        var values: [[UInt8]] = []
        values.reserveCapacity(count)
        for length in lengths {
            guard length >= 0, length <= Int64(cursor.remaining) else {
                throw ParquetDataError("DELTA_LENGTH_BYTE_ARRAY length \(length) exceeds the \(cursor.remaining) bytes left")
            }
            values.append(Array(bytes[try cursor.take(Int(length))]))
        }
        return (values, cursor.position)
    }

    /// Decodes `count` byte arrays in DELTA_BYTE_ARRAY layout (prefix lengths, then suffixes).
    public static func decode(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, count: Int) throws(ParquetDataError) -> [[UInt8]] {
        let stop = min(end ?? bytes.count, bytes.count)
        let (prefixes, suffixStart) = try DeltaBinaryPackedDecoder.decode(bytes, start: start, end: stop, maximumCount: count)
        guard prefixes.count == count else {
            throw ParquetDataError("DELTA_BYTE_ARRAY has \(prefixes.count) prefix lengths for \(count) values")
        }
        let (suffixes, _) = try decodeLengths(bytes, start: suffixStart, end: stop, count: count)
        var values: [[UInt8]] = []
        values.reserveCapacity(count)
        var previous: [UInt8] = []
        for (prefix, suffix) in zip(prefixes, suffixes) {
            guard prefix >= 0, prefix <= Int64(previous.count) else {
                throw ParquetDataError("DELTA_BYTE_ARRAY prefix length \(prefix) exceeds the previous value's \(previous.count) bytes")
            }
            var value = Array(previous[0..<Int(prefix)])
            value.append(contentsOf: suffix)
            values.append(value)
            previous = value
        }
        return values
    }
}
