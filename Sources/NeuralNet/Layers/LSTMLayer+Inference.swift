import NeuralNetAVX512

/// Batched inference without the caches backpropagation needs.
///
/// The training forward stores gates, cells, `tanh(cell)` and hidden states of every timestep
/// (tens of megabytes for a chunk of samples). Inference keeps only one timestep of gate
/// pre-activations and the cell state per sample, plus the hidden states the next layer reads,
/// so everything stays in cache. Weights are the regrouped ones of `LSTMInferencePack`; every
/// value is computed by the same operations as in `forward`, so results are bit-identical.
extension LSTMLayer {
    /// Runs `batch` samples through the layer and returns the hidden states.
    ///
    /// `input` holds time-major rows (`t * batch + b`) of `sequenceFeatures` values,
    /// `inputStride` apart; `staticInput` holds `batch` rows of the `inputSize − sequenceFeatures`
    /// static values, if any. With `returnSequences`, row `t * batch + b` of the result is
    /// `h_t` of sample `b`; otherwise row `b` is its last state. Rows are `stride` floats apart
    /// (the first `units` are the state) and stay valid until the next call.
    func forwardInference(
        input: UnsafePointer<Float>?, inputStride: Int, sequenceFeatures f: Int,
        staticInput: UnsafePointer<Float>?, batch: Int, time: Int, threads: Int
    ) -> (states: UnsafePointer<Float>, stride: Int) {
        precondition(time > 0 && batch > 0, "LSTMLayer needs at least one timestep and sample")
        precondition(f == inputSize || staticInput != nil, "LSTMLayer expects \(inputSize) features, got \(f)")
        let pack = currentInferencePack(sequenceFeatures: f)
        let gp = pack.gateColumns, up = pack.paddedUnits, h = units
        let perSample = staticInput != nil && inputSize > f
        let rowStart = pack.batchRowStart
        rowStart.reset(count: (perSample ? batch : 1) * gp, zeroed: false)
        for r in 0..<(perSample ? batch : 1) { (rowStart.pointer + r * gp).update(from: pack.bias.pointer, count: gp) }
        if perSample, let staticInput {
            GEMM.multiply(
                transposeA: false, transposeB: false, m: batch, n: gp, k: inputSize - f, alpha: 1,
                a: staticInput, lda: inputSize - f, b: pack.staticWeights.pointer, ldb: gp,
                beta: 1, c: rowStart.pointer, ldc: gp, threads: threads)
        }
        pack.batchProjection.reset(count: batch * gp, zeroed: false)
        pack.batchCell.reset(count: batch * up, zeroed: false)
        // All hidden states when the next layer reads them, else two timesteps in turn.
        let stateSteps = returnSequences ? time : min(time, 2)
        pack.batchStates.reset(count: stateSteps * batch * up, zeroed: false)
        let z = pack.batchProjection.pointer, cells = pack.batchCell.pointer, states = pack.batchStates.pointer
        let blocks = SampleBlocks(batch: batch, threads: threads)
        let unitBlocks = up / LSTMInferencePack.blockUnits
        let wide = useWideKernels, returnSequences = self.returnSequences
        let shared = UncheckedSendable((input, pack))
        ParallelFor.run(chunks: blocks.count, threads: threads) { block in
            let (input, pack) = shared.value
            let samples = blocks.range(block), lo = samples.lowerBound, count = samples.count
            let zBlock = z + lo * gp
            for t in 0..<time {
                for b in samples {
                    (z + b * gp).update(from: rowStart.pointer + (perSample ? b : 0) * gp, count: gp)
                }
                if let sequenceWeights = pack.sequenceWeights, let input {
                    GEMM.serial(
                        transposeA: false, transposeB: false, m: count, n: gp, k: f, alpha: 1,
                        a: input + (t * batch + lo) * inputStride, lda: inputStride, b: nil, ldb: 0,
                        packedB: (sequenceWeights, 0), beta: 1, c: zBlock, ldc: gp)
                }
                let row = (returnSequences ? t : t % 2) * batch + lo
                if t > 0 {
                    let previous = (returnSequences ? t - 1 : (t - 1) % 2) * batch + lo
                    GEMM.serial(
                        transposeA: false, transposeB: false, m: count, n: gp, k: h, alpha: 1,
                        a: states + previous * up, lda: up, b: nil, ldb: 0,
                        packedB: (pack.recurrentWeights, 0), beta: 1, c: zBlock, ldc: gp)
                }
                if wide {
                    WideRecurrentStep.activate(
                        rows: count, blocks: unitBlocks, gates: zBlock, gateStride: gp, cell: cells + lo * up,
                        hidden: states + row * up, stateStride: up, hasPrevious: t > 0)
                } else {
                    RecurrentStep.activate(
                        rows: count, blocks: unitBlocks, gates: zBlock, gateStride: gp, cell: cells + lo * up,
                        hidden: states + row * up, stateStride: up, hasPrevious: t > 0)
                }
            }
        }
        let last = returnSequences ? 0 : ((time - 1) % 2) * batch
        return (UnsafePointer(states + last * up), up)
    }
}
