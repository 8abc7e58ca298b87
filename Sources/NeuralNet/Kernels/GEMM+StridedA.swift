import NeuralNetAVX512

/// Products whose left operand is read in place with arbitrary strides.
///
/// Backpropagation adds `x_tᵀ dZ_t` and `h_{t−1}ᵀ dZ_t` to the weight gradients at every timestep:
/// the left operands are transposed row-major blocks already in cache. Reading them in place
/// saves joining `x_t` and `h_{t−1}` into one matrix and packing it (a scalar copy per element).
extension GEMM {
    /// Computes `C += A * B` where `A(i, p)` is at `a[i * aRowStride + p * aDepthStride]` and `B` is
    /// row-major `k x n` (packed here, depth block by depth block).
    ///
    /// Every element is accumulated as in `serial` (fused multiply-adds in depth order from zero,
    /// one sum per depth block of `kcBlock`, added to `C`), so the results are bit-identical to
    /// `serial` with `alpha = 1, beta = 1`. Needs AVX-512 (`WideMacroKernel`).
    static func accumulate(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int,
        b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        let nr = GEMMPacking.nr
        var pc = 0
        while pc < k {
            let kc = min(kcBlock, k - pc)
            var jc = 0
            while jc < n {
                let nc = min(ncBlock, n - jc)
                let bPack = ThreadScratch.buffer(ThreadScratch.packedB, count: kc * ((nc + nr - 1) / nr * nr))
                GEMMPacking.packB(transposed: false, b: b, ldb: ldb, k0: pc, kc: kc, col0: jc, nc: nc, into: bPack)
                WideMacroKernel.block(
                    mc: m, nc: nc, kc: kc, a: a + pc * aDepthStride, aRowStride: aRowStride, aDepthStride: aDepthStride,
                    b: bPack, c: c + jc, ldc: ldc)
                jc &+= nc
            }
            pc &+= kc
        }
    }
}
