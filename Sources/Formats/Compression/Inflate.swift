/// Decompresses raw deflate data (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Output is capped by a caller-given limit so that a small hostile input (a "zip bomb") fails
/// fast with an error instead of exhausting memory.
public enum Inflate {
    /// Decompresses a complete raw deflate stream held in `bytes`.
    ///
    /// - Parameters:
    ///   - limit: the most output bytes allowed; more throws `DecompressionError`.
    ///   - sizeHint: the expected output size, when known, to allocate once.
    /// - Returns: the decompressed bytes. Input after the final block is ignored.
    public static func decompress(_ bytes: [UInt8], limit: Int, sizeHint: Int = 0) throws(DecompressionError) -> [UInt8] {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecompressionError) in try decompress(buffer, limit: limit, sizeHint: sizeHint) }
        }
        return try result.get().bytes
    }

    /// Decompresses the raw deflate stream at the start of `buffer`.
    ///
    /// - Returns: the decompressed bytes and how many input bytes the stream occupied
    ///   (through the end of the byte holding the final block's last bit).
    public static func decompress(
        _ buffer: UnsafeRawBufferPointer, limit: Int, sizeHint: Int = 0
    ) throws(DecompressionError) -> (bytes: [UInt8], consumed: Int) {
        var inflater = Inflater(input: buffer, limit: limit, sizeHint: sizeHint)
        defer { inflater.release() }
        try inflater.run()
        return (inflater.takeOutput(), inflater.consumedBytes)
    }
}

/// Base lengths for length symbols 257...285 (RFC 1951 §3.2.5).
private let lengthBases: [UInt16] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]
/// Extra bits after length symbols 257...285.
private let lengthExtraBits: [UInt8] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
]
/// Base distances for distance symbols 0...29.
private let distanceBases: [UInt32] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
]
/// Extra bits after distance symbols 0...29.
private let distanceExtraBits: [UInt8] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]
/// The order in which dynamic blocks list the code-length code's lengths.
private let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

/// The decoding state: a 64-bit little-endian bit buffer over the input and a growable output buffer.
private struct Inflater {
    /// The compressed stream.
    let input: UnsafeRawBufferPointer
    /// The next input byte not yet loaded into `bitBuffer`.
    var position = 0
    /// Input bits not yet consumed, least significant first.
    var bitBuffer: UInt64 = 0
    /// How many bits of `bitBuffer` are valid.
    var bitCount = 0
    /// The output buffer (owned; freed by `release()`).
    var output: UnsafeMutablePointer<UInt8>
    /// Allocated size of `output`.
    var capacity: Int
    /// Bytes written to `output`.
    var count = 0
    /// The most output bytes allowed.
    let limit: Int

    /// Prepares to decode `input`, allocating output for `sizeHint` bytes (or a guess) up to `limit`.
    init(input: UnsafeRawBufferPointer, limit: Int, sizeHint: Int) {
        self.input = input
        self.limit = max(0, limit)
        let initial = max(64, min(sizeHint > 0 ? sizeHint : input.count * 4, self.limit))
        capacity = initial
        output = .allocate(capacity: initial)
    }

    /// Frees the output buffer.
    func release() { output.deallocate() }

    /// Copies the produced bytes into an array.
    func takeOutput() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: output, count: count))
    }

    /// Input bytes occupied by the stream, counting a partly used last byte.
    var consumedBytes: Int { position - bitCount / 8 }

    // MARK: bits

    /// Tops the bit buffer up to at least 57 bits, or to whatever input is left.
    @inline(__always)
    mutating func refill() {
        if position + 8 <= input.count {
            let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            bitBuffer |= word << UInt64(bitCount)
            let taken = (63 - bitCount) >> 3
            position += taken
            bitCount += taken << 3
        } else {
            while bitCount <= 56 && position < input.count {
                bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }
    }

    /// The error for input that ends before `what` is complete.
    func truncated(_ what: String) -> DecompressionError {
        DecompressionError(offset: input.count, message: "deflate data ends early while reading \(what); expected more input")
    }

    /// The error for structurally invalid data at the current position.
    func invalid(_ message: String) -> DecompressionError {
        DecompressionError(offset: max(0, consumedBytes - 1), message: message)
    }

    /// Takes `n` (0...32) bits, least significant first.
    @inline(__always)
    mutating func bits(_ n: Int, _ what: @autoclosure () -> String) throws(DecompressionError) -> Int {
        if bitCount < n {
            refill()
            if bitCount < n { throw truncated(what()) }
        }
        let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        bitBuffer >>= UInt64(n)
        bitCount -= n
        return value
    }

    /// Reads one Huffman-coded symbol.
    @inline(__always)
    mutating func decode(_ table: HuffmanTable, _ what: StaticString) throws(DecompressionError) -> Int {
        if bitCount < 15 { refill() }
        let entry = table.fast[Int(bitBuffer & UInt64((1 << HuffmanTable.fastBits) - 1))]
        let length = Int(entry & 15)
        if length != 0 && length <= bitCount {
            bitBuffer >>= UInt64(length)
            bitCount -= length
            return Int(entry >> 4)
        }
        return try decodeSlowly(table, what)
    }

    /// Walks the canonical code bit by bit: for codes longer than the fast table and for errors.
    mutating func decodeSlowly(_ table: HuffmanTable, _ what: StaticString) throws(DecompressionError) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            if length > bitCount { throw truncated("a \(what) code") }
            code |= Int((bitBuffer >> UInt64(length - 1)) & 1)
            let count = table.counts[length]
            if code - first < count {
                bitBuffer >>= UInt64(length)
                bitCount -= length
                return Int(table.symbols[index + code - first])
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw invalid("invalid \(what) code: the bits match no code of this block's Huffman table")
    }

    // MARK: output

    /// Makes room for `extra` more output bytes, enforcing the limit.
    @inline(__always)
    mutating func reserve(_ extra: Int) throws(DecompressionError) {
        let needed = count + extra
        if needed <= capacity { return }
        if needed > limit {
            throw DecompressionError(
                offset: consumedBytes,
                message: "decompressed data exceeds the limit of \(limit) bytes; the input expands further than allowed")
        }
        let newCapacity = min(limit, max(needed, capacity * 2))
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: output, count: count)
        output.deallocate()
        output = grown
        capacity = newCapacity
    }

    // MARK: blocks

    /// Decodes blocks until the one marked final.
    mutating func run() throws(DecompressionError) {
        var isFinal = false
        while !isFinal {
            isFinal = try bits(1, "a block header") == 1
            switch try bits(2, "a block header") {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literals: .fixedLiteralLength, distances: .fixedDistance)
            case 2:
                let (literals, distances) = try dynamicTables()
                try huffmanBlock(literals: literals, distances: distances)
            default:
                throw invalid("invalid deflate block type 3; expected 0 (stored), 1 (fixed) or 2 (dynamic Huffman)")
            }
        }
    }

    /// Copies a stored (uncompressed) block: LEN, NLEN, then LEN raw bytes from the next byte boundary.
    mutating func storedBlock() throws(DecompressionError) {
        // Drop the bits up to the byte boundary, then give whole buffered bytes back to the input.
        _ = try bits(bitCount & 7, "a stored block")
        position -= bitCount >> 3
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw truncated("a stored block's length") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == complement ^ 0xFFFF else {
            throw invalid("stored block length \(length) does not match its one's complement \(complement); the stream is corrupt or not deflate")
        }
        position += 4
        guard position + length <= input.count else { throw truncated("a stored block of \(length) bytes") }
        try reserve(length)
        if length > 0 {
            (output + count).update(from: input.baseAddress!.advanced(by: position).assumingMemoryBound(to: UInt8.self), count: length)
        }
        count += length
        position += length
    }

    /// Reads a dynamic block's header and builds its literal/length and distance codes.
    mutating func dynamicTables() throws(DecompressionError) -> (HuffmanTable, HuffmanTable) {
        let literalCount = try bits(5, "a dynamic block header") + 257
        let distanceCount = try bits(5, "a dynamic block header") + 1
        let codeLengthCount = try bits(4, "a dynamic block header") + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw invalid("dynamic block declares \(literalCount) literal/length and \(distanceCount) distance codes; at most 286 and 30 exist")
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[codeLengthOrder[index]] = UInt8(try bits(3, "code length code lengths"))
        }
        let codeLengthTable: HuffmanTable
        do { codeLengthTable = try HuffmanTable(lengths: codeLengthLengths[...], kind: "code length") }
        catch { throw invalid(error.message) }

        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var index = 0
        while index < total {
            let symbol = try decode(codeLengthTable, "code length")
            var repeatValue: UInt8 = 0
            var repeatCount = 0
            switch symbol {
            case 0...15:
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            case 16:
                guard index > 0 else { throw invalid("code length repeat (16) with no previous length to repeat") }
                repeatValue = lengths[index - 1]
                repeatCount = 3 + (try bits(2, "a code length repeat"))
            case 17:
                repeatCount = 3 + (try bits(3, "a code length repeat"))
            default:
                repeatCount = 11 + (try bits(7, "a code length repeat"))
            }
            guard index + repeatCount <= total else {
                throw invalid("code length repeat runs past the \(total) declared code lengths")
            }
            for _ in 0..<repeatCount {
                lengths[index] = repeatValue
                index += 1
            }
        }
        guard lengths[256] != 0 else {
            throw invalid("dynamic block has no end-of-block code (symbol 256 has length 0)")
        }
        do {
            let literals = try HuffmanTable(lengths: lengths[0..<literalCount], kind: "literal/length")
            let distances = try HuffmanTable(lengths: lengths[literalCount...], kind: "distance")
            return (literals, distances)
        } catch {
            throw invalid(error.message)
        }
    }

    /// Decodes literals and back-references until the end-of-block symbol.
    mutating func huffmanBlock(literals: HuffmanTable, distances: HuffmanTable) throws(DecompressionError) {
        while true {
            let symbol = try decode(literals, "literal/length")
            if symbol < 256 {
                if count == capacity { try reserve(1) }
                output[count] = UInt8(truncatingIfNeeded: symbol)
                count += 1
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else {
                throw invalid("invalid length symbol \(symbol); expected 257...285")
            }
            let length = Int(lengthBases[lengthIndex]) + (try bits(Int(lengthExtraBits[lengthIndex]), "length extra bits"))
            let distanceSymbol = try decode(distances, "distance")
            guard distanceSymbol < 30 else {
                throw invalid("invalid distance symbol \(distanceSymbol); expected 0...29")
            }
            let distance = Int(distanceBases[distanceSymbol]) + (try bits(Int(distanceExtraBits[distanceSymbol]), "distance extra bits"))
            guard distance <= count else {
                throw invalid("back-reference distance \(distance) reaches before the start of the output (\(count) bytes written)")
            }
            try reserve(length)
            let destination = output + count
            let source = destination - distance
            if distance >= length {
                destination.update(from: source, count: length)
            } else {
                for offset in 0..<length { destination[offset] = source[offset] }
            }
            count += length
        }
    }
}
