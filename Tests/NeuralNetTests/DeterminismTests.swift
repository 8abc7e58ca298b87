import Testing
@testable import NeuralNet

struct DeterminismTests {
    /// Trains two epochs with dropout, embeddings and shuffling and returns the checkpoint.
    static func train(seed: UInt64, threads: Int) -> [UInt8] {
        let architecture = ModelArchitecture(
            numericFeatures: 2,
            embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3), EmbeddingSpec(cardinality: 4, dimension: 2)],
            recurrentLayers: [RecurrentLayerSpec(units: 32, dropout: 0.3), RecurrentLayerSpec(units: 32, dropout: 0.2)],
            denseLayers: [DenseLayerSpec(units: 8)], outputSteps: 3, loss: .meanSquared)
        let model = SequenceModel(architecture: architecture, seed: seed, optimizer: AdamOptimizer(learningRate: 0.01),
                                  threads: threads, gradientClipNorm: 1)
        let data = TestData.mixed(samples: 64, window: 6, features: 2, outputs: 3, seed: 5)
        var shuffle = SplitMix64(seed: seed &+ 1)
        for _ in 0..<2 { model.fitEpoch(data, batchSize: 32, shuffleRNG: &shuffle) }
        return model.checkpointBytes()
    }

    @Test func sameSeedGivesIdenticalCheckpointForOneOrTwoThreads() {
        // Batch 32 x 4*32 gates x 32 units reaches the GEMM parallel threshold, so the 2-thread
        // run really splits work.
        #expect(GEMM.chunkPlan(m: 32, n: 128, k: 32).count == 2)
        let one = Self.train(seed: 42, threads: 1)
        let two = Self.train(seed: 42, threads: 2)
        let again = Self.train(seed: 42, threads: 1)
        #expect(one == two)
        #expect(one == again)
        #expect(Self.train(seed: 43, threads: 1) != one)
    }
}
