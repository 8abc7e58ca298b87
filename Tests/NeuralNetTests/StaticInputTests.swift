import Testing
@testable import NeuralNet

struct StaticInputTests {
    /// A static input gives the same outputs and gradients as appending it to every timestep.
    @Test(arguments: [1, 2])
    func staticInputMatchesAppendedFeatures(threads: Int) {
        var rng = SplitMix64(seed: 71)
        let batch = 26, time = 4, features = 3, statics = 5, units = 9
        let sequence = GradCheck.random(time * batch, features, rng: &rng)
        let staticRows = GradCheck.random(batch, statics, rng: &rng)
        let upstream = GradCheck.random(time * batch, units, rng: &rng)
        var initRNG = SplitMix64(seed: 72)
        let split = LSTMLayer(inputSize: features + statics, units: units, returnSequences: true, name: "s", rng: &initRNG)
        initRNG = SplitMix64(seed: 72)
        let joined = LSTMLayer(inputSize: features + statics, units: units, returnSequences: true, name: "j", rng: &initRNG)

        let a = split.forward(sequence, staticInput: staticRows, batch: batch, time: time, threads: threads)
        let appended = SequenceOps.appendStatic(sequence, staticRows, batch: batch, time: time)
        let b = joined.forward(appended, batch: batch, time: time, threads: threads)
        #expect(zip(a.storage, b.storage).allSatisfy { abs($0 - $1) < 1e-5 })

        let sequenceGradient = split.backward(upstream, threads: threads)
        let fullGradient = joined.backward(upstream, threads: threads)
        let expectedStatic = SequenceOps.staticGradient(fullGradient, sequenceFeatures: features, batch: batch, time: time)
        #expect(sequenceGradient.columns == features)
        for r in 0..<(time * batch) {
            for c in 0..<features { #expect(abs(sequenceGradient[r, c] - fullGradient[r, c]) < 1e-4) }
        }
        #expect(zip(split.staticInputGradient.storage, expectedStatic.storage).allSatisfy { abs($0 - $1) < 1e-4 })
        for (p, q) in zip(split.parameters, joined.parameters) {
            #expect(zip(p.gradient, q.gradient).allSatisfy { abs($0 - $1) < 1e-4 }, "\(p.name)")
        }
    }
}

struct ChunkedInferenceTests {
    /// Predicting a large batch in chunks gives exactly the one-pass forward result.
    @Test func chunkedPredictionEqualsOnePass() {
        let architecture = ModelArchitecture(
            numericFeatures: 2,
            embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3), EmbeddingSpec(cardinality: 4, dimension: 2, combiner: .mean)],
            recurrentLayers: [RecurrentLayerSpec(units: 8, dropout: 0.2), RecurrentLayerSpec(units: 6)],
            denseLayers: [DenseLayerSpec(units: 5)], outputSteps: 2, loss: .meanSquared)
        let model = SequenceModel(architecture: architecture, seed: 9, threads: 2)
        let samples = SequenceModel.inferenceChunk * 2 + 37
        let data = TestData.mixed(samples: samples, window: 5, features: 2, outputs: 2, seed: 3)
        let (inputs, _) = data.batch(Array(0..<samples))
        #expect(model.predict(inputs) == model.forward(inputs, dropoutActive: false))
    }
}
