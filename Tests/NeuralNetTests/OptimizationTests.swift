import Testing
@testable import NeuralNet

struct OptimizationTests {
    @Test func adamMinimisesAQuadraticAndWeightDecayShrinks() {
        let p = Parameter(name: "w", shape: [2], value: [3, -2])
        let adam = AdamOptimizer(learningRate: 0.1)
        for _ in 0..<300 {
            // f(w) = (w0 - 1)² + (w1 + 0.5)²
            p.gradient = [2 * (p.value[0] - 1), 2 * (p.value[1] + 0.5)]
            adam.step([p])
        }
        #expect(abs(p.value[0] - 1) < 1e-2 && abs(p.value[1] + 0.5) < 1e-2)
        let q = Parameter(name: "q", shape: [1], value: [1])
        let decaying = AdamOptimizer(learningRate: 0.1, weightDecay: 0.5)
        q.gradient = [0]
        decaying.step([q])
        #expect(abs(q.value[0] - 0.95) < 1e-6)
    }

    /// The eight-wide update gives exactly the scalar formula (13 elements: one block of eight and a tail).
    @Test func adamVectorUpdateEqualsScalarFormula() {
        var rng = SplitMix64(seed: 41)
        let start = (0..<13).map { _ in rng.nextFloat(in: -1, 1) }
        let p = Parameter(name: "w", shape: [13], value: start)
        let adam = AdamOptimizer(learningRate: 0.01, weightDecay: 0.1)
        var w = start, m = [Float](repeating: 0, count: 13), v = m
        let (b1, b2, eps, lr, decay): (Float, Float, Float, Float, Float) = (0.9, 0.999, 1e-7, 0.01, 0.1)
        for step in 1...3 {
            let g = (0..<13).map { _ in rng.nextFloat(in: -1, 1) }
            p.gradient = g
            adam.step([p])
            let c1 = Float(1 - pow(Double(b1), step)), c2 = Float(1 - pow(Double(b2), step))
            for i in 0..<13 {
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                w[i] -= lr * (m[i] / c1 / ((v[i] / c2).squareRoot() + eps) + decay * w[i])
            }
            #expect(p.value == w, "step \(step)")
        }
    }

    @Test func clippingByGlobalNorm() {
        let a = Parameter(name: "a", shape: [2], value: [0, 0])
        let b = Parameter(name: "b", shape: [1], value: [0])
        a.gradient = [3, 0]
        b.gradient = [4]
        #expect(GradientClipping.clipByGlobalNorm([a, b], maxNorm: 1) == 5)
        #expect(abs(GradientClipping.globalNorm([a, b]) - 1) < 1e-6)
        #expect(abs(a.gradient[0] - 0.6) < 1e-6 && abs(b.gradient[0] - 0.8) < 1e-6)
        #expect(GradientClipping.clipByGlobalNorm([a, b], maxNorm: 10) <= 1.0001)
    }

    @Test func reduceOnPlateauAndEarlyStopping() {
        var schedule = ReduceLROnPlateau(factor: 0.5, patience: 2, minLearningRate: 0.2)
        var lr: Float = 1
        let metrics: [Float] = [1.0, 0.9, 0.9, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9]
        var reductions = 0
        for m in metrics where schedule.update(metric: m, learningRate: &lr) { reductions += 1 }
        #expect(reductions == 2 && lr == 0.25)
        var stopper = EarlyStopping(patience: 2, minDelta: 0.01)
        #expect(stopper.update(metric: 1, epoch: 0) == .improved)
        #expect(stopper.update(metric: 0.995, epoch: 1) == .wait)
        #expect(stopper.update(metric: 0.5, epoch: 2) == .improved)
        #expect(stopper.update(metric: 0.6, epoch: 3) == .wait)
        #expect(stopper.update(metric: 0.6, epoch: 4) == .wait)
        #expect(stopper.update(metric: 0.6, epoch: 5) == .stop)
        #expect(stopper.bestEpoch == 2 && stopper.bestMetric == 0.5)
    }
}
