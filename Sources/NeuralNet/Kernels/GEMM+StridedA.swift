import NeuralNetAVX512

/// Products whose left operand is read in place with arbitrary strides.
///
/// Backpropagation adds `x_tᵀ dZ_t` and `h_{t−1}ᵀ dZ_t` to the weight gradients at every timestep:
/// the left operands are transposed row-major blocks already in cache. Reading them in place
/// saves joining `x_t` and `h_{t−1}` into one matrix and packing it (a scalar copy per element),
/// and `dZ_t` is packed once for both products.
extension GEMM {
    /// A left operand `A` (`m` rows, `A(i, p)` at `a[i * rowStride + p * depthStride]`) and the
    /// rows of `C` its product adds to.
    struct StridedProduct {
        /// Rows of `A` and `C`.
        var m: Int
        /// Address of `A(0, 0)`.
        var a: UnsafePointer<Float>
        /// Distance between rows of `A`.
        var rowStride: Int
        /// Distance between depth steps of `A`.
        var depthStride: Int
        /// Address of `C(0, 0)`.
        var c: UnsafeMutablePointer<Float>
        /// Distance between rows of `C`.
        var ldc: Int
    }

    /// Computes `C += A * B` for each product given, with `B` row-major `k x n` (packed here once,
    /// depth block by depth block, for both).
    ///
    /// Every element is accumulated as in `serial` (fused multiply-adds in depth order from zero,
    /// one sum per depth block of `kcBlock`, added to `C`), so the results are bit-identical to
    /// `serial` with `alpha = 1, beta = 1`. Needs AVX-512 (`WideMacroKernel`).
    ///
    /// `packedB`, when given, already holds `B` as `GEMMPacking.packB` would pack it whole (one depth
    /// block, one column block: only for `k <= kcBlock`, `n <= ncBlock`); `b` is then not read.
    static func accumulate(
        _ first: StridedProduct?, _ second: StridedProduct? = nil,
        n: Int, k: Int, b: UnsafePointer<Float>, ldb: Int, packedB: UnsafePointer<Float>? = nil
    ) {
        if n == 0 || (first == nil && second == nil) { return }
        precondition(packedB == nil || (k <= kcBlock && n <= ncBlock), "a packed B must be one block")
        let nr = GEMMPacking.nr
        var pc = 0
        while pc < k {
            let kc = min(kcBlock, k - pc)
            var jc = 0
            while jc < n {
                let nc = min(ncBlock, n - jc)
                let bPack: UnsafePointer<Float>
                if let packedB {
                    bPack = packedB
                } else {
                    let scratch = ThreadScratch.buffer(ThreadScratch.packedB, count: kc * ((nc + nr - 1) / nr * nr))
                    GEMMPacking.packB(transposed: false, b: b, ldb: ldb, k0: pc, kc: kc, col0: jc, nc: nc, into: scratch)
                    bPack = UnsafePointer(scratch)
                }
                for product in [first, second] {
                    guard let product, product.m > 0 else { continue }
                    WideMacroKernel.block(
                        mc: product.m, nc: nc, kc: kc, a: product.a + pc * product.depthStride,
                        aRowStride: product.rowStride, aDepthStride: product.depthStride,
                        b: bPack, c: product.c + jc, ldc: product.ldc)
                }
                jc &+= nc
            }
            pc &+= kc
        }
    }
}
