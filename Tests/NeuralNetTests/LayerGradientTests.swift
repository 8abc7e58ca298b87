import Testing
@testable import NeuralNet

struct LayerGradientTests {
    @Test(arguments: [Activation.linear, Activation.relu])
    func denseGradients(activation: Activation) {
        var rng = SplitMix64(seed: 11)
        let layer = DenseLayer(inputSize: 5, outputSize: 7, activation: activation, name: "d", rng: &rng)
        var input = GradCheck.random(4, 5, rng: &rng)
        let weights = GradCheck.random(4, 7, rng: &rng)
        for p in layer.parameters { p.value = p.value.map { $0 + 0.1 } }
        _ = layer.forward(input)
        let inputGradient = layer.backward(weights)
        let objective = { GradCheck.probe(layer.forward(input), weights) }
        for p in layer.parameters {
            GradCheck.check(p.name, analytic: p.gradient, perturb: { i, d in p.value[i] += d }, objective: objective)
        }
        GradCheck.check("input", analytic: inputGradient.storage,
                        perturb: { i, d in input.storage[i] += d },
                        objective: { GradCheck.probe(layer.forward(input), weights) })
    }

    @Test(arguments: [false, true])
    func lstmGradients(returnSequences: Bool) {
        var rng = SplitMix64(seed: 21)
        let batch = 3, time = 4, features = 5, units = 10
        let layer = LSTMLayer(inputSize: features, units: units, returnSequences: returnSequences, name: "l", rng: &rng)
        var input = GradCheck.random(time * batch, features, rng: &rng)
        let outRows = returnSequences ? time * batch : batch
        let weights = GradCheck.random(outRows, units, rng: &rng)
        _ = layer.forward(input, batch: batch, time: time)
        let inputGradient = layer.backward(weights)
        let objective = { GradCheck.probe(layer.forward(input, batch: batch, time: time), weights) }
        for (k, p) in layer.parameters.enumerated() {
            GradCheck.check(p.name, analytic: p.gradient, perturb: { i, d in p.value[i] += d },
                            objective: objective, seed: UInt64(k + 1))
        }
        GradCheck.check("input", analytic: inputGradient.storage,
                        perturb: { i, d in input.storage[i] += d },
                        objective: { GradCheck.probe(layer.forward(input, batch: batch, time: time), weights) })
    }

    @Test(arguments: [EmbeddingCombiner.mean, EmbeddingCombiner.sum])
    func embeddingGradients(combiner: EmbeddingCombiner) {
        var rng = SplitMix64(seed: 31)
        let layer = EmbeddingLayer(cardinality: 4, dimension: 3, combiner: combiner, name: "e", rng: &rng)
        // Unknown (0), out-of-range (9, -1), empty and repeated labels all appear.
        let input = CategoryIndices(multiLabel: [[1], [2, 3], [0], [9, 4, 4], [], [-1, 2]])
        let weights = GradCheck.random(6, 3, rng: &rng)
        _ = layer.forward(input)
        layer.backward(weights)
        GradCheck.check("table", analytic: layer.table.gradient, perturb: { i, d in layer.table.value[i] += d },
                        objective: { GradCheck.probe(layer.forward(input), weights) })
        let out = layer.forward(input)
        // Row 4 averaged twice with the unknown row once.
        let table = layer.table.value
        var expectedMean = [Float](repeating: 0, count: 3)
        for d in 0..<3 {
            let total: Float = table[d] + 2 * table[12 + d]
            expectedMean[d] = combiner == .mean ? total / 3 : total
        }
        for d in 0..<3 { #expect(abs(out[3, d] - expectedMean[d]) < 1e-6) }
        for d in 0..<3 { #expect(out[4, d] == layer.table.value[d]) }
    }

    @Test func dropoutScalesAndMasks() {
        var rng = SplitMix64(seed: 41)
        let layer = DropoutLayer(rate: 0.25)
        let input = Matrix(rows: 100, columns: 40, repeating: 1)
        let out = layer.forward(input, active: true, rng: &rng)
        let kept = out.storage.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 1 / 0.75) < 1e-6 })
        let fraction = Double(kept.count) / Double(out.count)
        #expect(abs(fraction - 0.75) < 0.03)
        let g = layer.backward(Matrix(rows: 100, columns: 40, repeating: 2))
        for i in 0..<g.count { #expect(g.storage[i] == 2 * out.storage[i]) }
        #expect(layer.forward(input, active: false, rng: &rng) == input)
    }

    /// Dropout in place gives the values and mask of `forward`, at one and two threads.
    @Test(arguments: [1, 2])
    func dropoutInPlaceMatchesForward(threads: Int) {
        var data = SplitMix64(seed: 43)
        let input = GradCheck.random(300, 128, rng: &data)
        let upstream = GradCheck.random(300, 128, rng: &data)
        let copying = DropoutLayer(rate: 0.3), inPlace = DropoutLayer(rate: 0.3)
        var rngA = SplitMix64(seed: 47), rngB = SplitMix64(seed: 47)
        let out = copying.forward(input, active: true, rng: &rngA, threads: threads)
        var values = input
        inPlace.apply(to: &values, active: true, rng: &rngB, threads: threads)
        #expect(values == out)
        var gradient = upstream
        inPlace.backward(&gradient)
        #expect(gradient == copying.backward(upstream))
        #expect(rngA.next() == rngB.next())
    }

    @Test func staticConcatenationGradient() {
        var rng = SplitMix64(seed: 51)
        let batch = 2, time = 3
        let sequence = GradCheck.random(time * batch, 2, rng: &rng)
        var statics = GradCheck.random(batch, 3, rng: &rng)
        let weights = GradCheck.random(time * batch, 5, rng: &rng)
        let combined = SequenceOps.appendStatic(sequence, statics, batch: batch, time: time)
        #expect(combined[4, 3] == statics[0, 1])
        let g = SequenceOps.staticGradient(weights, sequenceFeatures: 2, batch: batch, time: time)
        GradCheck.check("static", analytic: g.storage, perturb: { i, d in statics.storage[i] += d },
                        objective: { GradCheck.probe(SequenceOps.appendStatic(sequence, statics, batch: batch, time: time), weights) })
    }

    @Test func quantileOutputIsMonotoneAndDifferentiable() {
        var rng = SplitMix64(seed: 61)
        let head = QuantileOutput(quantileCount: 3)
        var raw = GradCheck.random(4, 6, scale: 3, rng: &rng)
        let weights = GradCheck.random(4, 6, rng: &rng)
        let out = head.forward(raw)
        for r in 0..<4 {
            for s in 0..<2 {
                #expect(out[r, s * 3] < out[r, s * 3 + 1] && out[r, s * 3 + 1] < out[r, s * 3 + 2])
            }
        }
        let g = head.backward(weights)
        GradCheck.check("raw", analytic: g.storage, perturb: { i, d in raw.storage[i] += d },
                        objective: { GradCheck.probe(head.forward(raw), weights) })
    }
}
