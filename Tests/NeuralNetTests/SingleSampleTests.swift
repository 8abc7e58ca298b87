import Testing
@testable import NeuralNet

struct SingleSampleTests {
    /// Architectures covering stacked layers, hidden sizes that are not multiples of 16, static
    /// embeddings (single- and multi-label), the quantile output and the stepwise head.
    static let architectures = [
        ModelArchitecture(
            numericFeatures: 3,
            recurrentLayers: [RecurrentLayerSpec(units: 20, dropout: 0.3), RecurrentLayerSpec(units: 33), RecurrentLayerSpec(units: 16)],
            denseLayers: [DenseLayerSpec(units: 7)], outputSteps: 4, loss: .meanSquared),
        ModelArchitecture(
            numericFeatures: 2,
            embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3), EmbeddingSpec(cardinality: 4, dimension: 2, combiner: .sum)],
            recurrentLayers: [RecurrentLayerSpec(units: 40), RecurrentLayerSpec(units: 8)],
            outputSteps: 2, loss: .pinball(quantiles: [0.1, 0.5, 0.9])),
        ModelArchitecture(
            numericFeatures: 2,
            embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3)],
            recurrentLayers: [RecurrentLayerSpec(units: 12), RecurrentLayerSpec(units: 18)],
            denseLayers: [DenseLayerSpec(units: 6)], outputSteps: 3, loss: .pinball(quantiles: [0.2, 0.5, 0.8]),
            stepwiseHead: true),
    ]

    /// Predicting one sample (or a few) gives exactly that sample's row of a batched prediction,
    /// before and after the weights change.
    @Test(arguments: [0, 1, 2])
    func smallBatchesEqualTheirRowsOfALargeBatch(architectureIndex: Int) {
        let architecture = Self.architectures[architectureIndex]
        let model = SequenceModel(architecture: architecture, seed: 5, threads: 2)
        let samples = 11, window = 6
        let data = TestData.mixed(samples: samples, window: window, features: architecture.numericFeatures,
                                  outputs: architecture.outputSteps, seed: 8)
        let categorical = Array(data.categorical.prefix(architecture.embeddings.count))
        let dataset = SequenceDataset(numeric: data.numeric, categorical: categorical, targets: data.targets)
        for round in 0..<2 {
            let (inputs, targets) = dataset.batch(Array(0..<samples))
            let all = model.predict(inputs)
            for b in 0..<samples {
                let one = model.predict(inputs.samples(b..<(b + 1)))
                #expect(one.storage == all.row(b), "round \(round), sample \(b)")
            }
            let three = model.predict(inputs.samples(4..<7))
            #expect(three.storage == Array(all.storage[(4 * all.columns)..<(7 * all.columns)]))
            // Training changes every weight; the next single-sample prediction must see the new ones.
            model.fit(inputs, targets: targets)
        }
    }

    /// The cache-free batched inference path gives exactly the training forward's outputs.
    @Test(arguments: [(0, 1), (0, 2), (1, 1), (1, 2), (2, 1), (2, 2)])
    func batchedInferenceEqualsTrainingForward(architectureIndex: Int, threads: Int) {
        let architecture = Self.architectures[architectureIndex]
        let model = SequenceModel(architecture: architecture, seed: 12, threads: threads)
        let samples = 40
        let data = TestData.mixed(samples: samples, window: 5, features: architecture.numericFeatures,
                                  outputs: architecture.outputSteps, seed: 13)
        let categorical = Array(data.categorical.prefix(architecture.embeddings.count))
        let (inputs, targets) = SequenceDataset(numeric: data.numeric, categorical: categorical, targets: data.targets)
            .batch(Array(0..<samples))
        for _ in 0..<2 {
            #expect(model.predict(inputs) == model.forward(inputs, dropoutActive: false))
            model.fit(inputs, targets: targets)
        }
    }

    /// Restoring a snapshot invalidates the regrouped weights.
    @Test func restoringWeightsIsSeenBySingleSamplePrediction() {
        let architecture = Self.architectures[0]
        let model = SequenceModel(architecture: architecture, seed: 6)
        let data = TestData.mixed(samples: 8, window: 5, features: 3, outputs: 4, seed: 9)
        let dataset = SequenceDataset(numeric: data.numeric, targets: data.targets)
        let (inputs, targets) = dataset.batch(Array(0..<8))
        let single = inputs.samples(0..<1)
        let saved = model.snapshot()
        let before = model.predict(single)
        for _ in 0..<3 { model.fit(inputs, targets: targets) }
        #expect(model.predict(single) != before)
        model.restore(saved)
        #expect(model.predict(single) == before)
    }

    /// The AVX-512 fused step gives exactly the portable step's results.
    @Test(.enabled(if: CPUFeatures.avx512, "needs AVX-512F"), arguments: [0, 1, 2])
    func wideStepIsBitIdenticalToPortableStep(architectureIndex: Int) {
        let architecture = Self.architectures[architectureIndex]
        let data = TestData.mixed(samples: 3, window: 7, features: architecture.numericFeatures,
                                  outputs: architecture.outputSteps, seed: 10)
        let categorical = Array(data.categorical.prefix(architecture.embeddings.count))
        let inputs = SequenceDataset(numeric: data.numeric, categorical: categorical, targets: data.targets)
            .batch([0, 1, 2]).inputs
        var results: [Matrix] = []
        for wide in [true, false] {
            let model = SequenceModel(architecture: architecture, seed: 11)
            for layer in model.recurrent { layer.useWideKernels = wide }
            results.append(model.predict(inputs))
        }
        #expect(results[0] == results[1])
    }
}
