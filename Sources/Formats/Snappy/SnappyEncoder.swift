/// Compresses bytes into the Snappy raw block format with a greedy hash-table matcher.
public enum SnappyEncoder {
    private static let blockSize = 1 << 16
    private static let tableBits = 14

    /// The Snappy raw block for `input` (varint length, then literal and copy elements per 64 KiB block).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2 + 16)
        var length = UInt64(input.count)
        while length >= 0x80 {
            output.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        output.append(UInt8(length))
        var table = [Int](repeating: -1, count: 1 << tableBits)
        var blockStart = 0
        while blockStart < input.count {
            let blockEnd = min(blockStart + blockSize, input.count)
            for index in table.indices { table[index] = -1 }
            compressBlock(input, blockStart, blockEnd, &table, &output)
            blockStart = blockEnd
        }
        return output
    }

    private static func load32(_ input: [UInt8], _ at: Int) -> UInt32 {
        UInt32(input[at]) | UInt32(input[at + 1]) << 8 | UInt32(input[at + 2]) << 16 | UInt32(input[at + 3]) << 24
    }

    private static func hash(_ value: UInt32) -> Int {
        Int((value &* 0x1E35_A7BD) >> UInt32(32 - tableBits))
    }

    private static func compressBlock(_ input: [UInt8], _ start: Int, _ end: Int, _ table: inout [Int], _ output: inout [UInt8]) {
        var literalStart = start
        var position = start
        while position + 4 <= end {
            let value = load32(input, position)
            let slot = hash(value)
            let candidate = table[slot]
            table[slot] = position
            if candidate >= start, position - candidate <= 0xFFFF, load32(input, candidate) == value {
                emitLiteral(input, literalStart, position, &output)
                var matchLength = 4
                while position + matchLength < end && input[candidate + matchLength] == input[position + matchLength] {
                    matchLength += 1
                }
                emitCopy(offset: position - candidate, length: matchLength, &output)
                position += matchLength
                literalStart = position
            } else {
                position += 1
            }
        }
        emitLiteral(input, literalStart, end, &output)
    }

    private static func emitLiteral(_ input: [UInt8], _ from: Int, _ to: Int, _ output: inout [UInt8]) {
        let count = to - from
        guard count > 0 else { return }
        let n = count - 1
        if n < 60 {
            output.append(UInt8(n) << 2)
        } else if n < 1 << 8 {
            output.append(60 << 2)
            output.append(UInt8(n))
        } else if n < 1 << 16 {
            output.append(61 << 2)
            output.append(UInt8(n & 0xFF))
            output.append(UInt8(n >> 8))
        } else {
            output.append(62 << 2)
            output.append(UInt8(n & 0xFF))
            output.append(UInt8((n >> 8) & 0xFF))
            output.append(UInt8(n >> 16))
        }
        output.append(contentsOf: input[from..<to])
    }

    private static func emitCopy(offset: Int, length: Int, _ output: inout [UInt8]) {
        var rest = length
        while rest > 0 {
            // Keep at least 4 bytes for a final piece so the short 1-byte-offset form stays usable.
            var piece = min(rest, 64)
            if rest > 64 && rest - piece < 4 { piece = rest - 4 }
            if piece >= 4 && piece <= 11 && offset < 2048 {
                output.append(UInt8(1 | (piece - 4) << 2 | (offset >> 8) << 5))
                output.append(UInt8(offset & 0xFF))
            } else {
                output.append(UInt8(2 | (piece - 1) << 2))
                output.append(UInt8(offset & 0xFF))
                output.append(UInt8(offset >> 8))
            }
            rest -= piece
        }
    }
}
