/// Encodes values in the RLE / bit-packed hybrid: runs of 8 or more equal values as RLE runs, the rest bit-packed.
public enum RLEHybridEncoder {
    /// The hybrid encoding of `values`, each of which must fit in `bitWidth` bits (0...32).
    public static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        var pending: [UInt32] = []
        var index = 0
        while index < values.count {
            var run = 1
            while index + run < values.count && values[index + run] == values[index] { run += 1 }
            if run >= 8 {
                // Bit-packed groups in the middle must hold exactly 8 values: top the pending ones up from the run.
                let fill = (8 - pending.count % 8) % 8
                if run - fill >= 8 {
                    pending.append(contentsOf: repeatElement(values[index], count: fill))
                    flushPacked(&pending, bitWidth: bitWidth, into: &output)
                    appendRun(values[index], count: run - fill, bitWidth: bitWidth, into: &output)
                    index += run
                    continue
                }
            }
            pending.append(contentsOf: repeatElement(values[index], count: run))
            index += run
        }
        flushPacked(&pending, bitWidth: bitWidth, into: &output)
        return output
    }

    private static func appendRun(_ value: UInt32, count: Int, bitWidth: Int, into output: inout [UInt8]) {
        appendVarint(UInt64(count) << 1, into: &output)
        for byte in 0..<((bitWidth + 7) / 8) { output.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte)))) }
    }

    private static func flushPacked(_ pending: inout [UInt32], bitWidth: Int, into output: inout [UInt8]) {
        guard !pending.isEmpty else { return }
        let groups = (pending.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, into: &output)
        var accumulator: UInt64 = 0
        var bits = 0
        for slot in 0..<(groups * 8) {
            let value = slot < pending.count ? UInt64(pending[slot]) : 0
            accumulator |= value << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { output.append(UInt8(truncatingIfNeeded: accumulator)) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Appends an unsigned LEB128 varint.
    static func appendVarint(_ value: UInt64, into output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    /// The bits needed for values up to `maximum`.
    public static func bitWidth(forMaximum maximum: UInt32) -> Int {
        maximum == 0 ? 0 : 32 - maximum.leadingZeroBitCount
    }
}
