/// Decodes BYTE_STREAM_SPLIT values: byte k of every value is stored in stream k.
public enum ByteStreamSplitDecoder {
    /// Decodes `count` values of `type` (FLOAT, DOUBLE, INT32, INT64 or FIXED_LEN_BYTE_ARRAY of `typeLength`).
    public static func decode(
        _ bytes: [UInt8], start: Int = 0, end: Int? = nil, type: ParquetPhysicalType, typeLength: Int = 0, count: Int
    ) throws(ParquetDataError) -> ParquetValues {
        let width: Int
        switch type {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        case .fixedLenByteArray: width = typeLength
        default: throw ParquetDataError("BYTE_STREAM_SPLIT is not defined for \(type)")
        }
        guard width > 0 else { throw ParquetDataError("BYTE_STREAM_SPLIT needs a positive value width") }
        var cursor = ByteCursor(bytes, start: start, end: end)
        let range = try cursor.take(try PlainDecoder.size(count, width))
        var interleaved = [UInt8](repeating: 0, count: range.count)
        for stream in 0..<width {
            let base = range.lowerBound + stream * count
            for index in 0..<count { interleaved[index * width + stream] = bytes[base + index] }
        }
        return try PlainDecoder.decode(interleaved, type: type, typeLength: typeLength, count: count)
    }
}
