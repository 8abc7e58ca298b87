import Testing
@testable import NeuralNet

struct LossGradientTests {
    static let losses: [LossFunction] = [
        .meanSquared, .meanAbsolute, .huber(delta: 0.5), .horizonTotal,
        .meanSquaredWithTotal(weight: 0.3), .pinball(quantiles: [0.1, 0.5, 0.9]),
    ]

    @Test(arguments: losses)
    func lossGradientMatchesFiniteDifferences(loss: LossFunction) {
        var rng = SplitMix64(seed: 71)
        let target = GradCheck.random(3, 4, rng: &rng)
        var prediction = GradCheck.random(3, 4 * loss.outputsPerStep, scale: 2, rng: &rng)
        let analytic = loss.evaluate(prediction: prediction, target: target).gradient
        GradCheck.check("\(loss)", analytic: analytic.storage, perturb: { i, d in prediction.storage[i] += d },
                        objective: { Double(loss.evaluate(prediction: prediction, target: target).loss) })
    }

    @Test func lossValues() {
        let target = Matrix([[1, 2], [3, 4]])
        let prediction = Matrix([[2, 2], [3, 2]])
        #expect(LossFunction.meanSquared.evaluate(prediction: prediction, target: target).loss == 1.25)
        #expect(LossFunction.meanAbsolute.evaluate(prediction: prediction, target: target).loss == 0.75)
        #expect(LossFunction.huber(delta: 1).evaluate(prediction: prediction, target: target).loss == (0.5 + 1.5) / 4)
        // Totals: row 0: 4 vs 3, row 1: 5 vs 7 → (1 + 4) / 2.
        #expect(LossFunction.horizonTotal.evaluate(prediction: prediction, target: target).loss == 2.5)
        let pinball = LossFunction.pinball(quantiles: [0.9])
        // Errors y - q: -1, 0, 0, 2 → 0.1, 0, 0, 1.8 → mean 0.475.
        #expect(abs(pinball.evaluate(prediction: prediction, target: target).loss - 0.475) < 1e-6)
    }

    /// A NaN target is a step not observed: each loss equals its value over the steps present, and the
    /// missing steps' predictions get no gradient whatever they are.
    @Test(arguments: losses)
    func missingTargetsAreLeftOut(loss: LossFunction) {
        var rng = SplitMix64(seed: 75)
        let width = loss.outputsPerStep
        var target = GradCheck.random(3, 4, rng: &rng)
        var prediction = GradCheck.random(3, 4 * width, scale: 2, rng: &rng)
        // Row 0 misses its last two steps, row 2 its last one; row 1 is whole.
        for (row, step) in [(0, 2), (0, 3), (2, 3)] { target[row, step] = .nan }
        let masked = loss.evaluate(prediction: prediction, target: target)
        #expect(masked.loss.isFinite)
        for (row, step) in [(0, 2), (0, 3), (2, 3)] {
            for k in 0..<width { #expect(masked.gradient[row, step * width + k] == 0) }
        }
        // Moving a missing step's prediction changes nothing.
        prediction[0, 3 * width] += 5
        #expect(loss.evaluate(prediction: prediction, target: target).loss == masked.loss)
        GradCheck.check("\(loss) with missing targets", analytic: masked.gradient.storage,
                        perturb: { i, d in prediction.storage[i] += d },
                        objective: { Double(loss.evaluate(prediction: prediction, target: target).loss) })
    }

    @Test func missingTargetValues() {
        let target = Matrix([[1, .nan], [3, 4]])
        let prediction = Matrix([[2, 9], [3, 2]])
        // Errors 1, 0, -2 over three present steps.
        #expect(LossFunction.meanSquared.evaluate(prediction: prediction, target: target).loss == 5.0 / 3)
        #expect(LossFunction.meanAbsolute.evaluate(prediction: prediction, target: target).loss == 1)
        // Totals over present steps: row 0: 2 vs 1, row 1: 5 vs 7 → (1 + 4) / 2.
        #expect(LossFunction.horizonTotal.evaluate(prediction: prediction, target: target).loss == 2.5)
    }
}
