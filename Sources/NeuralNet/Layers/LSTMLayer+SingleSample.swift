import NeuralNetAVX512

/// Inference of one sample at a time without the batched path's caches.
///
/// A batch of one leaves five of the six rows of every GEMM tile empty; this path instead runs the
/// input projection of all timesteps as one product and each timestep as a fused matrix-vector
/// product plus gate math (`RecurrentStep`) against weights regrouped once and kept in an
/// `LSTMInferencePack` until they change. Nothing is allocated per call once the scratch has
/// grown, and the results are bit-identical to `forward` on a batch containing the sample.
extension LSTMLayer {
    /// Runs one sample through the layer and returns its hidden states.
    ///
    /// `input` holds `time` rows of `sequenceFeatures` values, `inputStride` apart; `staticInput`
    /// holds the `inputSize − sequenceFeatures` static values, if any. Row `t` of the result is
    /// `h_t` (the first `units` of `stride` floats); it stays valid until the next call.
    func forwardSingleSample(
        input: UnsafePointer<Float>?, inputStride: Int, sequenceFeatures f: Int,
        staticInput: UnsafePointer<Float>?, time: Int
    ) -> (states: UnsafePointer<Float>, stride: Int) {
        precondition(time > 0, "LSTMLayer needs at least one timestep")
        precondition(f == inputSize || staticInput != nil, "LSTMLayer expects \(inputSize) features, got \(f)")
        let pack = currentInferencePack(sequenceFeatures: f)
        let gp = pack.gateColumns, up = pack.paddedUnits
        let rowStart = pack.rowStart.pointer
        rowStart.update(from: pack.bias.pointer, count: gp)
        if let staticInput, inputSize > f {
            GEMM.serial(
                transposeA: false, transposeB: false, m: 1, n: gp, k: inputSize - f, alpha: 1,
                a: staticInput, lda: inputSize - f, b: pack.staticWeights.pointer, ldb: gp,
                beta: 1, c: rowStart, ldc: gp)
        }
        pack.projection.reset(count: time * gp, zeroed: false)
        pack.states.reset(count: time * up, zeroed: false)
        let z = pack.projection.pointer, states = pack.states.pointer
        for t in 0..<time { (z + t * gp).update(from: rowStart, count: gp) }
        if let sequenceWeights = pack.sequenceWeights, let input {
            GEMM.serial(
                transposeA: false, transposeB: false, m: time, n: gp, k: f, alpha: 1,
                a: input, lda: inputStride, b: nil, ldb: 0, packedB: (sequenceWeights, 0),
                beta: 1, c: z, ldc: gp)
        }
        let blocks = up / LSTMInferencePack.blockUnits
        let panels = UnsafePointer(pack.recurrentPanels.pointer)
        let cell = pack.cell.pointer
        for t in 0..<time {
            let previous = t > 0 ? UnsafePointer(states + (t - 1) * up) : nil
            if useWideKernels {
                WideRecurrentStep.run(
                    blocks: blocks, depth: units, depthBlock: GEMM.kcBlock, panels: panels,
                    previousHidden: previous, gates: z + t * gp, cell: cell, hidden: states + t * up)
            } else {
                RecurrentStep.run(
                    blocks: blocks, depth: units, depthBlock: GEMM.kcBlock, panels: panels,
                    previousHidden: previous, gates: z + t * gp, cell: cell, hidden: states + t * up)
            }
        }
        return (UnsafePointer(states), up)
    }

    /// The inference pack for the current weights, rebuilt when any of them changed.
    func currentInferencePack(sequenceFeatures f: Int) -> LSTMInferencePack {
        if let pack = inferencePack, pack.matches(self, sequenceFeatures: f) { return pack }
        let pack = LSTMInferencePack(layer: self, sequenceFeatures: f)
        inferencePack = pack
        return pack
    }
}
