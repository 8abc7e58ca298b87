/// The element-wise part of a long short-term memory step on 16-lane vectors.
///
/// Same layout and lane-wise operations as the portable 8-lane code in `NeuralNet`'s LSTM layer:
/// each row holds gate pre-activations `[i | f | g | o]` (`4 * units` floats) and the per-row
/// state vectors hold `units` floats.
public enum WideRecurrentCell {
    /// How many rows ahead `backward` asks for the lines of gates and cell states it will read.
    static let prefetchRows = 2

    /// Activates the gates of `rows` consecutive rows, writing them to `activated`, and writes cell
    /// and hidden state (`previousCell` is `nil` at the first timestep).
    ///
    /// `activated` is grouped by blocks of units, as `backward` reads it: the block of units
    /// `j..<j + n` (`n = min(16, units - j)`) keeps its four gates together at `4 * j`, gate `k`
    /// at `4 * j + k * n`. Backward then reads each row front to back instead of from four places
    /// `units` apart. `tanh(cell)` is not kept: backward recomputes it, which is cheaper than writing
    /// it out and reading it back from memory.
    @inline(never)
    public static func forward(
        rows: Int, units h: Int, gates: UnsafePointer<Float>, activated: UnsafeMutablePointer<Float>,
        previousCell: UnsafePointer<Float>?, cell: UnsafeMutablePointer<Float>,
        hidden: UnsafeMutablePointer<Float>
    ) {
        typealias M = WideVectorMath
        var row = 0
        while row < rows {
            let z = gates + row * 4 * h, a = activated + row * 4 * h, s = row * h
            var j = 0
            while j < h {
                let n = min(16, h - j)
                let iv = M.sigmoid(M.load(z + j, count: n))
                let fv = M.sigmoid(M.load(z + h + j, count: n))
                let gv = M.tanh(M.load(z + 2 * h + j, count: n))
                let ov = M.sigmoid(M.load(z + 3 * h + j, count: n))
                let block = a + 4 * j
                M.store(iv, to: block, count: n)
                M.store(fv, to: block + n, count: n)
                M.store(gv, to: block + 2 * n, count: n)
                M.store(ov, to: block + 3 * n, count: n)
                var c = iv * gv
                if let previousCell {
                    c = c.addingProduct(fv, M.load(previousCell + s + j, count: n))
                }
                let t = M.tanh(c)
                M.store(c, to: cell + s + j, count: n)
                M.store(ov * t, to: hidden + s + j, count: n)
                j &+= 16
            }
            row &+= 1
        }
    }

    /// Computes gate pre-activation gradients for `rows` consecutive rows of one timestep.
    ///
    /// `gates` holds the activated gates as `forward` groups them, `cell` and `previousCell` the
    /// matching cell states; `external` (optional) adds to `dhNext`. On exit `dcNext` holds the cell
    /// gradient for the previous timestep.
    ///
    /// With `packed` (only when `units` is a multiple of 16) the gradients are also written as the
    /// GEMM packs a right operand of depth `rows`: column `c` of row `r` at
    /// `packed[((c / 16) * rows + r) * 16 + c % 16]`, so the weight-gradient product needs no
    /// packing pass of its own.
    @inline(never)
    public static func backward(
        rows: Int, units h: Int, gates: UnsafePointer<Float>, cell: UnsafePointer<Float>,
        previousCell: UnsafePointer<Float>?, external: UnsafePointer<Float>?,
        dhNext: UnsafePointer<Float>, dcNext: UnsafeMutablePointer<Float>,
        gateGradients: UnsafeMutablePointer<Float>, packed: UnsafeMutablePointer<Float>? = nil
    ) {
        typealias M = WideVectorMath
        // Distance in `packed` between the slivers of consecutive gates (h / 16 slivers each).
        let gateSlivers = h / 16 * rows * 16
        var row = 0
        while row < rows {
            let z = gates + row * 4 * h, dz = gateGradients + row * 4 * h, s = row * h
            var j = 0
            while j < h {
                let n = min(16, h - j)
                var dh = M.load(dhNext + s + j, count: n)
                if let external { dh += M.load(external + s + j, count: n) }
                let block = z + 4 * j
                // This block's lines a few rows on (a hint: past the last row it is simply unused).
                let gatesAhead = UnsafeRawPointer(block + prefetchRows * 4 * h)
                Prefetch.read(gatesAhead)
                Prefetch.read(gatesAhead + 64)
                Prefetch.read(gatesAhead + 128)
                Prefetch.read(gatesAhead + 192)
                Prefetch.read(cell + s + j + prefetchRows * h)
                if let previousCell { Prefetch.read(previousCell + s + j + prefetchRows * h) }
                let i = M.load(block, count: n)
                let f = M.load(block + n, count: n)
                let gg = M.load(block + 2 * n, count: n)
                let o = M.load(block + 3 * n, count: n)
                let t = M.tanh(M.load(cell + s + j, count: n))
                let dOut = dh * t
                let dc = dh * o * (1 - t * t) + M.load(dcNext + s + j, count: n)
                let prev = previousCell.map { M.load($0 + s + j, count: n) } ?? SIMD16<Float>()
                let di = dc * gg * i * (1 - i), df = dc * prev * f * (1 - f)
                let dg = dc * i * (1 - gg * gg), dO = dOut * o * (1 - o)
                M.store(di, to: dz + j, count: n)
                M.store(df, to: dz + h + j, count: n)
                M.store(dg, to: dz + 2 * h + j, count: n)
                M.store(dO, to: dz + 3 * h + j, count: n)
                if let packed {
                    let sliver = packed + (j / 16 * rows + row) * 16
                    M.store(di, to: sliver, count: 16)
                    M.store(df, to: sliver + gateSlivers, count: 16)
                    M.store(dg, to: sliver + 2 * gateSlivers, count: 16)
                    M.store(dO, to: sliver + 3 * gateSlivers, count: 16)
                }
                M.store(dc * f, to: dcNext + s + j, count: n)
                j &+= 16
            }
            row &+= 1
        }
    }
}
