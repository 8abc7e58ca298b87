import NeuralNetAVX512

/// One fused LSTM timestep for a single sample on 8-lane vectors: recurrent product and gate math.
///
/// The portable twin of `WideRecurrentStep` (same layout, same operations lane for lane, so the
/// two are bit-identical): gate rows are regrouped in blocks of 64 columns `[i | f | g | o]` for
/// 16 units, and the recurrent weights are stored by groups of blocks as described in
/// `WideRecurrentStep`. See `LSTMInferencePack`.
enum RecurrentStep {
    /// The four gates of one block of 16 units, each as two 8-lane halves.
    struct Gates {
        var i0: SIMD8<Float>, i1: SIMD8<Float>, f0: SIMD8<Float>, f1: SIMD8<Float>
        var g0: SIMD8<Float>, g1: SIMD8<Float>, o0: SIMD8<Float>, o1: SIMD8<Float>

        /// All lanes zero.
        static let zero = Gates(i0: .zero, i1: .zero, f0: .zero, f1: .zero, g0: .zero, g1: .zero, o0: .zero, o1: .zero)
    }

    /// Computes cell and hidden state of `blocks` blocks of 16 units for one timestep.
    ///
    /// `gates` holds the input projection of this timestep (read only); `previousHidden` is
    /// `nil` at the first timestep, when there is no recurrent product and no previous cell.
    /// `cell` holds the previous cell state on entry and the new one on exit.
    static func run(
        blocks: Int, depth: Int, depthBlock: Int, panels: UnsafePointer<Float>,
        previousHidden: UnsafePointer<Float>?, gates: UnsafePointer<Float>,
        cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>
    ) {
        var block = 0
        while block < blocks {
            let width = WideRecurrentStep.groupWidth(remaining: blocks - block)
            let panel = panels + block * depth * 64
            for member in 0..<width {
                let b = block + member
                var z = load(gates + b * 64)
                if let previousHidden {
                    var k0 = 0
                    while k0 < depth {
                        let kc = min(depthBlock, depth - k0)
                        z = add(z, products(panel + k0 * width * 64 + member * 64, rowStride: width * 256,
                                            hidden: previousHidden + k0, depth: kc))
                        k0 &+= kc
                    }
                }
                finish(z, cell: cell + b * 16, hidden: hidden + b * 16, hasPrevious: previousHidden != nil)
            }
            block &+= width
        }
    }

    /// Activates `rows` rows of regrouped gate pre-activations (row stride `gateStride`) and
    /// writes each row's new cell and hidden state (row stride `stateStride`), as
    /// `WideRecurrentStep.activate` does.
    static func activate(
        rows: Int, blocks: Int, gates: UnsafePointer<Float>, gateStride: Int,
        cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, stateStride: Int, hasPrevious: Bool
    ) {
        for row in 0..<rows {
            for block in 0..<blocks {
                finish(load(gates + row * gateStride + block * 64), cell: cell + row * stateStride + block * 16,
                       hidden: hidden + row * stateStride + block * 16, hasPrevious: hasPrevious)
            }
        }
    }

    /// `Σ_k h[k] · panel[k]` for one block whose rows are `rowStride` bytes apart (eight
    /// independent accumulator chains).
    @inline(__always)
    static func products(_ p: UnsafePointer<Float>, rowStride: Int, hidden h: UnsafePointer<Float>, depth: Int) -> Gates {
        var a = Gates.zero
        var w = UnsafeRawPointer(p)
        var k = 0
        while k < depth {
            let x = SIMD8<Float>(repeating: h[k])
            a.i0 = a.i0.addingProduct(x, w.loadUnaligned(as: SIMD8<Float>.self))
            a.i1 = a.i1.addingProduct(x, w.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self))
            a.f0 = a.f0.addingProduct(x, w.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self))
            a.f1 = a.f1.addingProduct(x, w.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self))
            a.g0 = a.g0.addingProduct(x, w.loadUnaligned(fromByteOffset: 128, as: SIMD8<Float>.self))
            a.g1 = a.g1.addingProduct(x, w.loadUnaligned(fromByteOffset: 160, as: SIMD8<Float>.self))
            a.o0 = a.o0.addingProduct(x, w.loadUnaligned(fromByteOffset: 192, as: SIMD8<Float>.self))
            a.o1 = a.o1.addingProduct(x, w.loadUnaligned(fromByteOffset: 224, as: SIMD8<Float>.self))
            w += rowStride
            k &+= 1
        }
        return a
    }

    /// Activates the gates and writes the block's new cell and hidden state.
    @inline(__always)
    static func finish(_ z: Gates, cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, hasPrevious: Bool) {
        half(z.i0, z.f0, z.g0, z.o0, cell: cell, hidden: hidden, hasPrevious: hasPrevious)
        half(z.i1, z.f1, z.g1, z.o1, cell: cell + 8, hidden: hidden + 8, hasPrevious: hasPrevious)
    }

    /// The gate math of eight units (as in `LSTMLayer`'s batched cell step).
    @inline(__always)
    static func half(
        _ zi: SIMD8<Float>, _ zf: SIMD8<Float>, _ zg: SIMD8<Float>, _ zo: SIMD8<Float>,
        cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, hasPrevious: Bool
    ) {
        let i = VectorMath.sigmoid(zi), f = VectorMath.sigmoid(zf), g = VectorMath.tanh(zg), o = VectorMath.sigmoid(zo)
        var c = i * g
        if hasPrevious { c = c.addingProduct(f, VectorMath.load(cell, count: 8)) }
        let t = VectorMath.tanh(c)
        VectorMath.store(c, to: cell, count: 8)
        VectorMath.store(o * t, to: hidden, count: 8)
    }

    /// The gates of one block's 64 columns.
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Gates {
        Gates(i0: VectorMath.load(p, count: 8), i1: VectorMath.load(p + 8, count: 8),
              f0: VectorMath.load(p + 16, count: 8), f1: VectorMath.load(p + 24, count: 8),
              g0: VectorMath.load(p + 32, count: 8), g1: VectorMath.load(p + 40, count: 8),
              o0: VectorMath.load(p + 48, count: 8), o1: VectorMath.load(p + 56, count: 8))
    }

    /// Lane-wise sum of two gate sets.
    @inline(__always)
    static func add(_ a: Gates, _ b: Gates) -> Gates {
        Gates(i0: a.i0 + b.i0, i1: a.i1 + b.i1, f0: a.f0 + b.f0, f1: a.f1 + b.f1,
              g0: a.g0 + b.g0, g1: a.g1 + b.g1, o0: a.o0 + b.o0, o1: a.o1 + b.o1)
    }
}
