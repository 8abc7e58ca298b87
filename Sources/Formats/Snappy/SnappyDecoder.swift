/// Decompresses the Snappy raw block format: a varint uncompressed length, then literal and copy elements.
public enum SnappyDecoder {
    /// The uncompressed length declared by the block's preamble, without decoding it.
    public static func uncompressedLength(_ input: ArraySlice<UInt8>) throws(DecompressionError) -> Int {
        var position = input.startIndex
        return try readLength(input, &position)
    }

    /// Decompresses one raw Snappy block; refuses blocks that declare more than `limit` bytes.
    public static func decompress(_ input: ArraySlice<UInt8>, limit: Int) throws(DecompressionError) -> [UInt8] {
        let base = input.startIndex
        var position = base
        let length = try readLength(input, &position)
        guard length <= limit else {
            throw DecompressionError(offset: 0, message: "snappy block declares \(length) bytes, more than the limit of \(limit)")
        }
        var output = [UInt8](repeating: 0, count: length)
        var written = 0
        let end = input.endIndex
        try output.withUnsafeMutableBufferPointer { (out: inout UnsafeMutableBufferPointer<UInt8>) throws(DecompressionError) in
            while position < end {
                let tagOffset = position - base
                let tag = input[position]
                position += 1
                if tag & 3 == 0 {
                    var literal = Int(tag >> 2)
                    if literal >= 60 {
                        let extra = literal - 59
                        guard end - position >= extra else {
                            throw DecompressionError(offset: tagOffset, message: "snappy literal length runs past the end of the input")
                        }
                        literal = 0
                        for index in 0..<extra { literal |= Int(input[position + index]) << (8 * index) }
                        position += extra
                    }
                    literal += 1
                    guard end - position >= literal else {
                        throw DecompressionError(offset: tagOffset, message: "snappy literal of \(literal) bytes runs past the end of the input")
                    }
                    guard length - written >= literal else {
                        throw DecompressionError(offset: tagOffset, message: "snappy literal overflows the declared length \(length)")
                    }
                    for index in 0..<literal { out[written + index] = input[position + index] }
                    position += literal
                    written += literal
                    continue
                }
                let copyLength: Int
                let offset: Int
                switch tag & 3 {
                case 1:
                    guard position < end else { throw DecompressionError(offset: tagOffset, message: "snappy copy truncated") }
                    copyLength = 4 + Int((tag >> 2) & 7)
                    offset = Int(tag >> 5) << 8 | Int(input[position])
                    position += 1
                case 2:
                    guard end - position >= 2 else { throw DecompressionError(offset: tagOffset, message: "snappy copy truncated") }
                    copyLength = 1 + Int(tag >> 2)
                    offset = Int(input[position]) | Int(input[position + 1]) << 8
                    position += 2
                default:
                    guard end - position >= 4 else { throw DecompressionError(offset: tagOffset, message: "snappy copy truncated") }
                    copyLength = 1 + Int(tag >> 2)
                    var value = 0
                    for index in 0..<4 { value |= Int(input[position + index]) << (8 * index) }
                    offset = value
                    position += 4
                }
                guard offset > 0, offset <= written else {
                    throw DecompressionError(offset: tagOffset, message: "snappy copy offset \(offset) is outside the \(written) bytes produced")
                }
                guard length - written >= copyLength else {
                    throw DecompressionError(offset: tagOffset, message: "snappy copy overflows the declared length \(length)")
                }
                var source = written - offset
                for _ in 0..<copyLength {
                    out[written] = out[source]
                    written += 1
                    source += 1
                }
            }
        }
        guard written == length else {
            throw DecompressionError(offset: input.count, message: "snappy block produced \(written) bytes but declares \(length)")
        }
        return output
    }

    private static func readLength(_ input: ArraySlice<UInt8>, _ position: inout Int) throws(DecompressionError) -> Int {
        var value = 0
        var shift = 0
        while true {
            guard position < input.endIndex, shift <= 28 else {
                throw DecompressionError(offset: position - input.startIndex, message: "snappy length preamble is truncated or too long")
            }
            let byte = input[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard value <= Int(UInt32.max) else {
            throw DecompressionError(offset: 0, message: "snappy length \(value) exceeds 32 bits")
        }
        return value
    }
}
