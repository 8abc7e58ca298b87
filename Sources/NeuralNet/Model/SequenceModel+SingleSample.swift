/// Prediction of small batches one sample at a time through the LSTMs' single-sample path.
extension SequenceModel {
    /// Largest batch predicted sample by sample (larger batches fill the GEMM tiles well enough).
    static let sampleBySampleLimit = 4

    /// Runs the network without dropout on each sample separately, then the head on all of them.
    ///
    /// Bit-identical to `forward(inputs, dropoutActive: false)`: every LSTM output is computed
    /// by the same operations as in the batched path, and the head works row by row.
    func forwardSampleBySample(_ inputs: SequenceBatch) -> Matrix {
        let batch = inputs.batchSize, time = inputs.timeSteps, f = architecture.numericFeatures
        precondition(time > 0, "sequences need at least one timestep")
        let statics = staticInputs(checking: inputs)
        let units = recurrent[recurrent.count - 1].units
        let stepwise = architecture.stepwiseHead, steps = stepwise ? architecture.outputSteps : 1
        // Step-major rows `s * batch + b`: the final states, or the stepwise head's input rows.
        let rowWidth = stepwise ? 2 * units : units
        var last = Matrix(rows: steps * batch, columns: rowWidth)
        inputs.numeric.storage.withUnsafeBufferPointer { numeric in
            let staticStorage = statics?.storage ?? []
            staticStorage.withUnsafeBufferPointer { staticValues in
                last.storage.withUnsafeMutableBufferPointer { out in
                    for b in 0..<batch {
                        var x = f > 0 ? numeric.baseAddress.map { UnsafePointer($0 + b * time * f) } : nil
                        var stride = f, width = f
                        for (index, lstm) in recurrent.enumerated() {
                            let staticRow = index == 0 && statics != nil
                                ? staticValues.baseAddress.map { $0 + b * (lstm.inputSize - f) } : nil
                            let result = lstm.forwardSingleSample(
                                input: x, inputStride: stride, sequenceFeatures: width, staticInput: staticRow, time: time)
                            x = result.states
                            stride = result.stride
                            width = lstm.units
                        }
                        guard let x else { continue }
                        guard stepwise else {
                            (out.baseAddress! + b * units).update(from: x + (time - 1) * stride, count: units)
                            continue
                        }
                        let rows = SequenceOps.horizonInput(x, stride: stride, units: units, batch: 1, time: time, steps: steps)
                        rows.storage.withUnsafeBufferPointer { source in
                            for s in 0..<steps {
                                (out.baseAddress! + (s * batch + b) * rowWidth).update(from: source.baseAddress! + s * rowWidth, count: rowWidth)
                            }
                        }
                    }
                }
            }
        }
        return applyHead(last, batch: batch, threads: 1)
    }
}
