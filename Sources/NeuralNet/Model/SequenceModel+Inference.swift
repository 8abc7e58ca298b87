/// The network without dropout through the LSTMs' cache-free inference path.
extension SequenceModel {
    /// Runs the network without dropout, keeping no state for backpropagation.
    ///
    /// Bit-identical to `forward(inputs, dropoutActive: false)` (see `LSTMLayer+Inference`).
    func forwardInference(_ inputs: SequenceBatch) -> Matrix {
        let batch = inputs.batchSize, time = inputs.timeSteps, f = architecture.numericFeatures
        precondition(time > 0, "sequences need at least one timestep")
        let statics = staticInputs(checking: inputs)
        let sequence = SequenceOps.timeMajor(inputs.numeric)
        let units = recurrent[recurrent.count - 1].units
        var last = Matrix(rows: batch, columns: units)
        sequence.storage.withUnsafeBufferPointer { numeric in
            (statics?.storage ?? []).withUnsafeBufferPointer { staticValues in
                var x = f > 0 ? numeric.baseAddress.map { UnsafePointer($0) } : nil
                var stride = f, width = f
                for (index, lstm) in recurrent.enumerated() {
                    let staticRows = index == 0 && statics != nil ? staticValues.baseAddress : nil
                    let result = lstm.forwardInference(
                        input: x, inputStride: stride, sequenceFeatures: width, staticInput: staticRows,
                        batch: batch, time: time, threads: threads)
                    x = result.states
                    stride = result.stride
                    width = lstm.units
                }
                guard let x else { return }
                if architecture.stepwiseHead {
                    // The last layer returned every timestep's state (row `t * batch + b`).
                    last = SequenceOps.horizonInput(x, stride: stride, units: units, batch: batch, time: time,
                                                    steps: architecture.outputSteps)
                    return
                }
                last.storage.withUnsafeMutableBufferPointer { out in
                    for b in 0..<batch { (out.baseAddress! + b * units).update(from: x + b * stride, count: units) }
                }
            }
        }
        return applyHead(last, batch: batch, threads: threads)
    }
}
