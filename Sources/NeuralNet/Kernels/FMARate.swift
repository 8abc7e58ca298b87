import NeuralNetAVX512

/// The rate of the machine's fused multiply-adds on the vectors the kernels use: the peak that GEMM
/// throughput is measured against.
public enum FMARate {
    /// Lanes of the vectors the kernels use here: 16 with AVX-512, 8 otherwise.
    public static var lanes: Int { CPUFeatures.avx512 ? 16 : 8 }

    /// Single-thread GFLOP/s of twelve independent fused multiply-add chains over `iterations` rounds.
    public static func gflops(iterations: Int = 50_000_000) -> Double {
        let start = ContinuousClock.now
        let sum = CPUFeatures.avx512 ? WideFMARate.run(iterations: iterations, seed: 1) : narrow(iterations: iterations, seed: 1)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        // The sum is checked so the loop cannot be dropped: every lane adds `iterations` times 1e-7.
        precondition(sum > 0, "FMA probe lost its work")
        return Double(iterations) * 12 * Double(lanes) * 2 / seconds / 1e9
    }

    /// The 8-lane twin of `WideFMARate.run`.
    @inline(never)
    static func narrow(iterations: Int, seed: Float) -> Float {
        let x = SIMD8<Float>(repeating: seed), y = SIMD8<Float>(repeating: 1e-7)
        var a0 = SIMD8<Float>(repeating: 0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0
        var a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0
        var round = 0
        while round < iterations {
            a0 = a0.addingProduct(x, y); a1 = a1.addingProduct(x, y); a2 = a2.addingProduct(x, y)
            a3 = a3.addingProduct(x, y); a4 = a4.addingProduct(x, y); a5 = a5.addingProduct(x, y)
            a6 = a6.addingProduct(x, y); a7 = a7.addingProduct(x, y); a8 = a8.addingProduct(x, y)
            a9 = a9.addingProduct(x, y); a10 = a10.addingProduct(x, y); a11 = a11.addingProduct(x, y)
            round &+= 1
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).sum()
    }
}
