import Testing
import NeuralNetAVX512
@testable import NeuralNet

/// The FMA probe the benchmark measures GEMM against does all the work it counts.
@Suite struct FMARateTests {
    @Test func everyChainAddsEachRoundsProduct() {
        // Twelve chains of 8 lanes, each adding 2 · 1e-7 per round for 1,000 rounds.
        let narrow = FMARate.narrow(iterations: 1_000, seed: 2)
        #expect(abs(narrow - 96 * 1_000 * 2e-7) < 1e-4, "\(narrow)")
        #expect(FMARate.gflops(iterations: 10_000) > 0)
        guard CPUFeatures.avx512 else { return }
        let wide = WideFMARate.run(iterations: 1_000, seed: 2)
        #expect(abs(wide - 192 * 1_000 * 2e-7) < 1e-4, "\(wide)")
    }
}
