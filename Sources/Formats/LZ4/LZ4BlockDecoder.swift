/// Decompresses LZ4 blocks: the raw block format (Parquet LZ4_RAW) and Hadoop's framed variant (legacy LZ4).
public enum LZ4BlockDecoder {
    /// Decompresses one raw LZ4 block that must produce exactly `expectedSize` bytes.
    public static func decompress(_ input: ArraySlice<UInt8>, expectedSize: Int) throws(DecompressionError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(expectedSize)
        try decodeBlock(input, into: &output, limit: expectedSize)
        guard output.count == expectedSize else {
            throw DecompressionError(offset: input.count, message: "LZ4 block produced \(output.count) bytes, expected \(expectedSize)")
        }
        return output
    }

    /// Decompresses legacy Parquet LZ4: Hadoop frames (big-endian sizes before each block), else one raw block.
    public static func decompressHadoopOrRaw(_ input: ArraySlice<UInt8>, expectedSize: Int) throws(DecompressionError) -> [UInt8] {
        if let framed = try? decompressHadoop(input, expectedSize: expectedSize) { return framed }
        return try decompress(input, expectedSize: expectedSize)
    }

    private static func decompressHadoop(_ input: ArraySlice<UInt8>, expectedSize: Int) throws(DecompressionError) -> [UInt8] {
        var output: [UInt8] = []
        var position = input.startIndex
        while position < input.endIndex {
            guard input.endIndex - position >= 8 else { throw DecompressionError(offset: position, message: "Hadoop LZ4 frame header truncated") }
            let frameSize = bigEndian32(input, position)
            let blockSize = bigEndian32(input, position + 4)
            position += 8
            guard frameSize <= expectedSize - output.count, blockSize <= input.endIndex - position else {
                throw DecompressionError(offset: position, message: "Hadoop LZ4 frame sizes do not fit")
            }
            let before = output.count
            try decodeBlock(input[position..<(position + blockSize)], into: &output, limit: before + frameSize)
            guard output.count - before == frameSize else { throw DecompressionError(offset: position, message: "Hadoop LZ4 frame size mismatch") }
            position += blockSize
        }
        guard output.count == expectedSize else { throw DecompressionError(offset: position, message: "Hadoop LZ4 size mismatch") }
        return output
    }

    private static func bigEndian32(_ input: ArraySlice<UInt8>, _ at: Int) -> Int {
        Int(input[at]) << 24 | Int(input[at + 1]) << 16 | Int(input[at + 2]) << 8 | Int(input[at + 3])
    }

    private static func decodeBlock(_ input: ArraySlice<UInt8>, into output: inout [UInt8], limit: Int) throws(DecompressionError) {
        let blockStart = output.count
        var position = input.startIndex
        let end = input.endIndex
        while position < end {
            let token = input[position]
            position += 1
            var literal = Int(token >> 4)
            if literal == 15 {
                while true {
                    guard position < end else { throw DecompressionError(offset: position, message: "LZ4 literal length truncated") }
                    let more = input[position]
                    position += 1
                    literal += Int(more)
                    if more != 255 { break }
                }
            }
            guard literal <= end - position, literal <= limit - output.count else {
                throw DecompressionError(offset: position, message: "LZ4 literal of \(literal) bytes does not fit")
            }
            output.append(contentsOf: input[position..<(position + literal)])
            position += literal
            if position == end { break }
            guard end - position >= 2 else { throw DecompressionError(offset: position, message: "LZ4 match offset truncated") }
            let offset = Int(input[position]) | Int(input[position + 1]) << 8
            position += 2
            var matchLength = Int(token & 15)
            if matchLength == 15 {
                while true {
                    guard position < end else { throw DecompressionError(offset: position, message: "LZ4 match length truncated") }
                    let more = input[position]
                    position += 1
                    matchLength += Int(more)
                    if more != 255 { break }
                }
            }
            matchLength += 4
            guard offset > 0, offset <= output.count - blockStart else {
                throw DecompressionError(offset: position, message: "LZ4 match offset \(offset) is outside the output")
            }
            guard matchLength <= limit - output.count else {
                throw DecompressionError(offset: position, message: "LZ4 match overflows the expected size")
            }
            var source = output.count - offset
            for _ in 0..<matchLength {
                output.append(output[source])
                source += 1
            }
        }
    }
}
