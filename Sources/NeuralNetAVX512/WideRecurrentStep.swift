/// One fused LSTM timestep for a single sample on 16-lane vectors: recurrent product and gate math.
///
/// Works on the regrouped layout of `LSTMInferencePack` in `NeuralNet`: gate rows hold blocks of
/// 64 columns `[i | f | g | o]` for 16 units. The recurrent weights are stored by groups of
/// consecutive blocks (`groupWidth`): a group starting at block `b` with `w` blocks begins at
/// `panels[b * depth * 64]` and holds, for each depth `k`, its `w` blocks' 64 columns side by side,
/// so one group is a single sequential stream. Every gate value is accumulated as in the GEMM
/// kernels (fused multiply-adds in depth order from zero, one sum per depth block, added to the
/// input projection) and activated as in `WideRecurrentCell`, so results are bit-identical to the
/// batched path and to the portable step.
public enum WideRecurrentStep {
    /// The four gate vectors of one block of 16 units.
    struct Gates {
        var i: SIMD16<Float>, f: SIMD16<Float>, g: SIMD16<Float>, o: SIMD16<Float>
    }

    /// Blocks in the group that starts with `remaining` blocks left to do (two, or one at the end).
    @inlinable
    public static func groupWidth(remaining: Int) -> Int {
        min(remaining, 2)
    }

    /// Computes cell and hidden state of `blocks` blocks of 16 units for one timestep.
    ///
    /// `gates` holds the input projection of this timestep (read only); `previousHidden` is
    /// `nil` at the first timestep, when there is no recurrent product and no previous cell.
    /// `cell` holds the previous cell state on entry and the new one on exit.
    @inline(never)
    public static func run(
        blocks: Int, depth: Int, depthBlock: Int, panels: UnsafePointer<Float>,
        previousHidden: UnsafePointer<Float>?, gates: UnsafePointer<Float>,
        cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>
    ) {
        var block = 0
        while block < blocks {
            let width = groupWidth(remaining: blocks - block)
            let panel = panels + block * depth * 64
            var z0 = load(gates + block * 64)
            if width == 2 {
                var z1 = load(gates + (block + 1) * 64)
                if let previousHidden {
                    var k0 = 0
                    while k0 < depth {
                        let kc = min(depthBlock, depth - k0)
                        let (a, b) = products(panel + k0 * 128, hidden: previousHidden + k0, depth: kc)
                        z0 = add(z0, a)
                        z1 = add(z1, b)
                        k0 &+= kc
                    }
                }
                finish(z0, cell: cell + block * 16, hidden: hidden + block * 16, hasPrevious: previousHidden != nil)
                finish(z1, cell: cell + (block + 1) * 16, hidden: hidden + (block + 1) * 16, hasPrevious: previousHidden != nil)
            } else {
                if let previousHidden {
                    var k0 = 0
                    while k0 < depth {
                        let kc = min(depthBlock, depth - k0)
                        z0 = add(z0, products(panel + k0 * 64, hidden: previousHidden + k0, depth: kc))
                        k0 &+= kc
                    }
                }
                finish(z0, cell: cell + block * 16, hidden: hidden + block * 16, hasPrevious: previousHidden != nil)
            }
            block &+= width
        }
    }

    /// Activates `rows` rows of regrouped gate pre-activations (row stride `gateStride`) and
    /// writes each row's new cell and hidden state (row stride `stateStride`, `blocks * 16`
    /// values); `cell` holds the previous cell states on entry when `hasPrevious`.
    @inline(never)
    public static func activate(
        rows: Int, blocks: Int, gates: UnsafePointer<Float>, gateStride: Int,
        cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, stateStride: Int, hasPrevious: Bool
    ) {
        var row = 0
        while row < rows {
            var block = 0
            while block < blocks {
                finish(load(gates + row * gateStride + block * 64), cell: cell + row * stateStride + block * 16,
                       hidden: hidden + row * stateStride + block * 16, hasPrevious: hasPrevious)
                block &+= 1
            }
            row &+= 1
        }
    }

    /// `Σ_k h[k] · panel[k]` for a group of two blocks (eight independent accumulator chains).
    @inline(__always)
    static func products(_ p: UnsafePointer<Float>, hidden h: UnsafePointer<Float>, depth: Int) -> (Gates, Gates) {
        var a = Gates(i: .zero, f: .zero, g: .zero, o: .zero), b = a
        var w0 = UnsafeRawPointer(p), w1 = UnsafeRawPointer(p + 64)
        var k = 0
        while k < depth {
            let x = SIMD16<Float>(repeating: h[k])
            a.i = a.i.addingProduct(x, w0.loadUnaligned(as: SIMD16<Float>.self))
            a.f = a.f.addingProduct(x, w0.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
            a.g = a.g.addingProduct(x, w0.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self))
            a.o = a.o.addingProduct(x, w0.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self))
            b.i = b.i.addingProduct(x, w1.loadUnaligned(as: SIMD16<Float>.self))
            b.f = b.f.addingProduct(x, w1.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
            b.g = b.g.addingProduct(x, w1.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self))
            b.o = b.o.addingProduct(x, w1.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self))
            w0 += 512
            w1 += 512
            k &+= 1
        }
        return (a, b)
    }

    /// `Σ_k h[k] · panel[k]` for a group of one block.
    @inline(__always)
    static func products(_ p: UnsafePointer<Float>, hidden h: UnsafePointer<Float>, depth: Int) -> Gates {
        var a = Gates(i: .zero, f: .zero, g: .zero, o: .zero)
        var w = UnsafeRawPointer(p)
        var k = 0
        while k < depth {
            let x = SIMD16<Float>(repeating: h[k])
            a.i = a.i.addingProduct(x, w.loadUnaligned(as: SIMD16<Float>.self))
            a.f = a.f.addingProduct(x, w.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
            a.g = a.g.addingProduct(x, w.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self))
            a.o = a.o.addingProduct(x, w.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self))
            w += 256
            k &+= 1
        }
        return a
    }

    /// Activates the gates and writes the block's new cell and hidden state.
    @inline(__always)
    static func finish(_ z: Gates, cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, hasPrevious: Bool) {
        typealias M = WideVectorMath
        let i = M.sigmoid(z.i), f = M.sigmoid(z.f), g = M.tanh(z.g), o = M.sigmoid(z.o)
        var c = i * g
        if hasPrevious { c = c.addingProduct(f, M.load(cell, count: 16)) }
        let t = M.tanh(c)
        M.store(c, to: cell, count: 16)
        M.store(o * t, to: hidden, count: 16)
    }

    /// The four gate vectors of one block's 64 columns.
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Gates {
        Gates(i: WideVectorMath.load(p, count: 16), f: WideVectorMath.load(p + 16, count: 16),
              g: WideVectorMath.load(p + 32, count: 16), o: WideVectorMath.load(p + 48, count: 16))
    }

    /// Lane-wise sum of two gate sets.
    @inline(__always)
    static func add(_ a: Gates, _ b: Gates) -> Gates {
        Gates(i: a.i + b.i, f: a.f + b.f, g: a.g + b.g, o: a.o + b.o)
    }
}
