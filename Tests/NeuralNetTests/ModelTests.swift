import Testing
@testable import NeuralNet

struct ModelTests {
    static let losses: [LossFunction] = [.meanSquared, .huber(delta: 0.3), .pinball(quantiles: [0.1, 0.5, 0.9])]

    @Test(arguments: losses)
    func endToEndGradientsMatchFiniteDifferences(loss: LossFunction) {
        let architecture = ModelArchitecture(
            numericFeatures: 2,
            embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3), EmbeddingSpec(cardinality: 4, dimension: 2, combiner: .sum)],
            recurrentLayers: [RecurrentLayerSpec(units: 6, dropout: 0.2), RecurrentLayerSpec(units: 5)],
            // Linear head: a ReLU kink within eps of a probe would make central differences
            // meaningless; ReLU itself is checked in LayerGradientTests.
            denseLayers: [DenseLayerSpec(units: 4, activation: .linear)],
            outputSteps: 2, loss: loss)
        let model = SequenceModel(architecture: architecture, seed: 5)
        let data = TestData.mixed(samples: 3, window: 4, features: 2, outputs: 2, seed: 9)
        let (inputs, targets) = data.batch([0, 1, 2])
        _ = model.computeGradients(inputs, targets: targets, training: false)
        let gradients = model.parameters.map(\.gradient)
        for (k, p) in model.parameters.enumerated() {
            GradCheck.check(p.name, analytic: gradients[k], perturb: { i, d in p.value[i] += d },
                            objective: { Double(model.evaluate(inputs, targets: targets)) }, seed: UInt64(k))
        }
    }

    /// The stepwise head's gradients, with a timestep before the output steps (whose state every
    /// step also reads) and without one (the window is all output steps).
    @Test(arguments: [(4, LossFunction.meanSquared), (4, .pinball(quantiles: [0.2, 0.5, 0.8])), (3, .huber(delta: 0.3))])
    func stepwiseHeadGradientsMatchFiniteDifferences(window: Int, loss: LossFunction) {
        let architecture = ModelArchitecture(
            numericFeatures: 2, embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3)],
            recurrentLayers: [RecurrentLayerSpec(units: 6, dropout: 0.2), RecurrentLayerSpec(units: 5)],
            denseLayers: [DenseLayerSpec(units: 4, activation: .linear)], outputSteps: 3, loss: loss, stepwiseHead: true)
        let model = SequenceModel(architecture: architecture, seed: 7)
        let data = TestData.mixed(samples: 3, window: window, features: 2, outputs: 3, seed: 4)
        let (inputs, targets) = SequenceDataset(numeric: data.numeric, categorical: Array(data.categorical.prefix(1)), targets: data.targets)
            .batch([0, 1, 2])
        _ = model.computeGradients(inputs, targets: targets, training: false)
        let gradients = model.parameters.map(\.gradient)
        for (k, p) in model.parameters.enumerated() {
            GradCheck.check(p.name, analytic: gradients[k], perturb: { i, d in p.value[i] += d },
                            objective: { Double(model.evaluate(inputs, targets: targets)) }, seed: UInt64(k))
        }
    }

    /// Each output step of the stepwise head reads its own timestep: an input change at the last
    /// timestep moves only the last step's forecast, where the final-state head moves them all.
    @Test func stepwiseHeadStepsReadTheirOwnTimesteps() {
        func outputs(stepwise: Bool, lastValue: Float) -> [Float] {
            let architecture = ModelArchitecture(numericFeatures: 1, recurrentLayers: [RecurrentLayerSpec(units: 8)],
                                                 denseLayers: [DenseLayerSpec(units: 4, activation: .linear)], outputSteps: 3,
                                                 loss: .meanSquared, stepwiseHead: stepwise)
            let model = SequenceModel(architecture: architecture, seed: 3)
            let inputs = SequenceBatch(numeric: Tensor(shape: [1, 5, 1], storage: [0.1, 0.4, -0.2, 0.3, lastValue]), categorical: [])
            return model.predict(inputs).storage
        }
        let stepwise = (outputs(stepwise: true, lastValue: 0.5), outputs(stepwise: true, lastValue: -1.5))
        #expect(stepwise.0[0] == stepwise.1[0] && stepwise.0[1] == stepwise.1[1])
        #expect(stepwise.0[2] != stepwise.1[2])
        let final = (outputs(stepwise: false, lastValue: 0.5), outputs(stepwise: false, lastValue: -1.5))
        #expect((0..<3).allSatisfy { final.0[$0] != final.1[$0] })
    }

    @Test func learnsNoisySineNextStep() {
        // Noise σ = 0.05 (irreducible MSE 0.0025); predicting the mean gives MSE ≈ 0.5.
        let train = TestData.sine(samples: 160, window: 12, noise: 0.05, seed: 1)
        let validation = TestData.sine(samples: 40, window: 12, noise: 0.05, seed: 2)
        let model = SequenceModel(
            architecture: ModelArchitecture(numericFeatures: 1, recurrentLayers: [RecurrentLayerSpec(units: 12)],
                                            outputSteps: 1),
            seed: 3, optimizer: AdamOptimizer(learningRate: 0.02), gradientClipNorm: 1)
        var shuffle = SplitMix64(seed: 4)
        let before = model.evaluate(validation, batchSize: 40)
        for _ in 0..<15 { model.fitEpoch(train, batchSize: 16, shuffleRNG: &shuffle) }
        let after = model.evaluate(validation, batchSize: 40)
        #expect(before > 0.1)
        #expect(after < 0.01, "validation MSE after 15 epochs: \(after) (before: \(before))")
    }

    @Test func learnsDelayedCopy() {
        // Target is the input 3 steps before the last; predicting 0 gives MSE ≈ 1/3.
        let train = TestData.delay(samples: 256, window: 8, delay: 3, seed: 11)
        let validation = TestData.delay(samples: 64, window: 8, delay: 3, seed: 12)
        let model = SequenceModel(
            architecture: ModelArchitecture(numericFeatures: 1, recurrentLayers: [RecurrentLayerSpec(units: 16)],
                                            outputSteps: 1),
            seed: 13, optimizer: AdamOptimizer(learningRate: 0.02), gradientClipNorm: 1)
        var shuffle = SplitMix64(seed: 14)
        for _ in 0..<20 { model.fitEpoch(train, batchSize: 32, shuffleRNG: &shuffle) }
        let after = model.evaluate(validation, batchSize: 64)
        #expect(after < 0.03, "validation MSE after 20 epochs: \(after)")
    }

    @Test func quantilePredictionsNeverCross() {
        let architecture = ModelArchitecture(
            numericFeatures: 1, recurrentLayers: [RecurrentLayerSpec(units: 4)], outputSteps: 3,
            loss: .pinball(quantiles: [0.1, 0.5, 0.9]))
        let model = SequenceModel(architecture: architecture, seed: 1)
        for p in model.parameters { p.value = p.value.map { $0 * 20 } }
        let data = TestData.sine(samples: 8, window: 5, noise: 0.1, seed: 3)
        let prediction = model.predict(data.batch(Array(0..<8)).inputs)
        #expect(prediction.columns == 9)
        for r in 0..<8 {
            for s in 0..<3 {
                #expect(prediction[r, 3 * s] <= prediction[r, 3 * s + 1] && prediction[r, 3 * s + 1] <= prediction[r, 3 * s + 2])
            }
        }
    }

    @Test func monteCarloDropoutVariesOnlyWhenRequested() {
        let architecture = ModelArchitecture(
            numericFeatures: 1, recurrentLayers: [RecurrentLayerSpec(units: 8, dropout: 0.5)], outputSteps: 1)
        let model = SequenceModel(architecture: architecture, seed: 2)
        let inputs = TestData.sine(samples: 4, window: 5, noise: 0, seed: 1).batch([0, 1, 2, 3]).inputs
        #expect(model.predict(inputs) == model.predict(inputs))
        #expect(model.predict(inputs, monteCarloDropout: true) != model.predict(inputs, monteCarloDropout: true))
    }
}
