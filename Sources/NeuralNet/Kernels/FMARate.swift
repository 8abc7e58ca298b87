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
        WideFMARate.chains(iterations: iterations, x: SIMD8<Float>(repeating: seed), y: SIMD8<Float>(repeating: 1e-7))
    }
}
