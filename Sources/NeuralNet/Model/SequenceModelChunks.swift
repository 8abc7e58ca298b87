/// Inference over large batches in cache-sized chunks.
extension SequenceModel {
    /// Samples per chunk when predicting without dropout.
    static let inferenceChunk = 128

    /// Runs the network without dropout on consecutive chunks of `inferenceChunk` samples
    /// (through `forwardInference`).
    ///
    /// Samples do not interact without dropout, and every output element is computed by the same
    /// operations whatever the batch size, so the result equals one `forward` over the whole batch
    /// while the per-layer caches stay small enough for the processor caches.
    func forwardInChunks(_ inputs: SequenceBatch) -> Matrix {
        var rows: [Float] = []
        var columns = 0
        var start = 0
        while start < inputs.batchSize {
            let end = min(start + Self.inferenceChunk, inputs.batchSize)
            let part = forwardInference(inputs.samples(start..<end))
            columns = part.columns
            rows.append(contentsOf: part.storage)
            start = end
        }
        return Matrix(rows: inputs.batchSize, columns: columns, storage: rows)
    }
}
