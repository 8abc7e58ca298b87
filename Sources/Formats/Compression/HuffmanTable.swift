/// A canonical Huffman code (RFC 1951 §3.2.2) prepared for table-driven decoding.
///
/// Codes up to `fastBits` long are resolved with one lookup indexed by the next input bits
/// (deflate packs Huffman codes starting from their most significant bit, so the index is the
/// bit-reversed code); longer codes fall back to a canonical walk over `counts` and `symbols`.
struct HuffmanTable: Sendable {
    /// Number of input bits resolved by one lookup in `fast`.
    static let fastBits = 10
    /// `symbol << 4 | codeLength`, or `0` when the code is longer than `fastBits` or unassigned.
    var fast: [UInt16]
    /// How many codes have each length 0...15.
    var counts: [Int]
    /// Symbols ordered by code length, then by symbol value: the canonical code order.
    var symbols: [UInt16]

    /// Builds the code from one bit length per symbol (0 = symbol unused).
    ///
    /// Over-subscribed length sets are rejected; incomplete ones are accepted (a lone distance code
    /// is legal) and unassigned bit patterns are reported when met while decoding.
    init(lengths: ArraySlice<UInt8>, kind: String) throws(DecompressionError) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = (left << 1) - counts[length]
            if left < 0 {
                throw DecompressionError(offset: 0, message: "over-subscribed \(kind) Huffman code: more codes of length \(length) than a prefix code allows")
            }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        var symbols = [UInt16](repeating: 0, count: offsets[15] + counts[15])
        var fast = [UInt16](repeating: 0, count: 1 << Self.fastBits)
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        var symbol = 0
        for length in lengths {
            let bitLength = Int(length)
            if bitLength != 0 {
                symbols[offsets[bitLength]] = UInt16(symbol)
                offsets[bitLength] += 1
                let assigned = nextCode[bitLength]
                nextCode[bitLength] += 1
                if bitLength <= Self.fastBits {
                    var reversed = 0
                    var source = assigned
                    for _ in 0..<bitLength {
                        reversed = (reversed << 1) | (source & 1)
                        source >>= 1
                    }
                    let entry = UInt16(symbol << 4 | bitLength)
                    var index = reversed
                    while index < (1 << Self.fastBits) {
                        fast[index] = entry
                        index += 1 << bitLength
                    }
                }
            }
            symbol += 1
        }
        self.fast = fast
        self.counts = counts
        self.symbols = symbols
    }

    /// The fixed literal/length code of RFC 1951 §3.2.6.
    static let fixedLiteralLength: HuffmanTable = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        // The fixed lengths form a complete code, so this cannot throw.
        return try! HuffmanTable(lengths: lengths[...], kind: "fixed literal/length")
    }()

    /// The fixed distance code of RFC 1951 §3.2.6 (32 five-bit codes; 30 and 31 are invalid when used).
    static let fixedDistance: HuffmanTable = {
        let lengths = [UInt8](repeating: 5, count: 32)
        return try! HuffmanTable(lengths: lengths[...], kind: "fixed distance")
    }()
}
