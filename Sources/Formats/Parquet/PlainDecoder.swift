/// Decodes PLAIN-encoded values of every physical type.
public enum PlainDecoder {
    /// Decodes `count` values of `type` from `bytes[start..<end]`; `typeLength` is the FIXED_LEN_BYTE_ARRAY width.
    public static func decode(
        _ bytes: [UInt8], start: Int = 0, end: Int? = nil, type: ParquetPhysicalType, typeLength: Int = 0, count: Int
    ) throws(ParquetDataError) -> ParquetValues {
        var cursor = ByteCursor(bytes, start: start, end: end)
        guard count >= 0 else { throw ParquetDataError("negative value count \(count)") }
        switch type {
        case .boolean:
            let range = try cursor.take((count + 7) / 8)
            var values: [Bool] = []
            values.reserveCapacity(count)
            for index in 0..<count { values.append(bytes[range.lowerBound + index / 8] >> UInt8(index % 8) & 1 == 1) }
            return .boolean(values)
        case .int32:
            let range = try cursor.take(try size(count, 4))
            return .int32(littleEndian(bytes, range, count: count, width: 4).map { Int32(truncatingIfNeeded: $0) })
        case .int64:
            let range = try cursor.take(try size(count, 8))
            return .int64(littleEndian(bytes, range, count: count, width: 8).map { Int64(bitPattern: $0) })
        case .float:
            let range = try cursor.take(try size(count, 4))
            return .float(littleEndian(bytes, range, count: count, width: 4).map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) })
        case .double:
            let range = try cursor.take(try size(count, 8))
            return .double(littleEndian(bytes, range, count: count, width: 8).map { Double(bitPattern: $0) })
        case .int96:
            let range = try cursor.take(try size(count, 12))
            var values: [ParquetInt96] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                let base = range.lowerBound + index * 12
                var nanos: UInt64 = 0
                for byte in 0..<8 { nanos |= UInt64(bytes[base + byte]) << (8 * UInt64(byte)) }
                var day: UInt32 = 0
                for byte in 0..<4 { day |= UInt32(bytes[base + 8 + byte]) << (8 * UInt32(byte)) }
                values.append(ParquetInt96(nanosOfDay: Int64(bitPattern: nanos), julianDay: Int32(bitPattern: day)))
            }
            return .int96(values)
        case .byteArray:
            var values: [[UInt8]] = []
            values.reserveCapacity(min(count, cursor.remaining / 4))
            for _ in 0..<count {
                let length = Int(try cursor.uint32LE())
                let range = try cursor.take(length)
                values.append(Array(bytes[range]))
            }
            return .bytes(values)
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw ParquetDataError("FIXED_LEN_BYTE_ARRAY without a positive type_length") }
            let range = try cursor.take(try size(count, typeLength))
            var values: [[UInt8]] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                let base = range.lowerBound + index * typeLength
                values.append(Array(bytes[base..<(base + typeLength)]))
            }
            return .bytes(values)
        }
    }

    /// `count * width`, refusing products that overflow.
    static func size(_ count: Int, _ width: Int) throws(ParquetDataError) -> Int {
        let (product, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow else { throw ParquetDataError("\(count) values of \(width) bytes overflow") }
        return product
    }

    /// Little-endian unsigned integers of `width` bytes laid back to back in `range`.
    static func littleEndian(_ bytes: [UInt8], _ range: Range<Int>, count: Int, width: Int) -> [UInt64] {
        var values = [UInt64](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<count {
                let base = range.lowerBound + index * width
                var value: UInt64 = 0
                for byte in 0..<width { value |= UInt64(buffer[base + byte]) << (8 * UInt64(byte)) }
                values[index] = value
            }
        }
        return values
    }
}
