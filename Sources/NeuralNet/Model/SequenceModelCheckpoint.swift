import Foundation

/// Saving and restoring `SequenceModel` weights through `Checkpoint`.
extension SequenceModel {
    /// Serialises this model into checkpoint bytes.
    public func checkpointBytes() -> [UInt8] {
        Checkpoint.encode(self)
    }

    /// Builds a model from checkpoint bytes (architecture and weights).
    ///
    /// `seed` only affects future dropout masks; weights come from the checkpoint.
    public convenience init(checkpoint bytes: [UInt8], seed: UInt64 = 0, optimizer: AdamOptimizer = AdamOptimizer(),
                            threads: Int = 1) throws(CheckpointError) {
        let (header, _) = try Checkpoint.decode(bytes)
        self.init(architecture: header.architecture, seed: seed, optimizer: optimizer, threads: threads)
        try loadWeights(from: bytes)
    }

    /// Replaces this model's weights with those of a checkpoint of the same architecture.
    ///
    /// Nothing is modified when an error is thrown.
    public func loadWeights(from bytes: [UInt8]) throws(CheckpointError) {
        let (header, tensors) = try Checkpoint.decode(bytes)
        guard header.architecture == architecture else {
            throw .architectureMismatch("stored \(header.architecture), model \(architecture)")
        }
        let parameters = self.parameters
        guard header.tensors.count == parameters.count else {
            throw .tensorMismatch("checkpoint has \(header.tensors.count) tensors, model has \(parameters.count)")
        }
        for (descriptor, p) in zip(header.tensors, parameters) where descriptor.name != p.name || descriptor.shape != p.shape {
            throw .tensorMismatch("expected \(p.name) \(p.shape), found \(descriptor.name) \(descriptor.shape)")
        }
        for (values, p) in zip(tensors, parameters) { p.value = values }
    }

    /// Writes the checkpoint to a file.
    public func saveCheckpoint(to path: String) throws {
        try Data(checkpointBytes()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Loads weights from a checkpoint file (see `loadWeights(from:)`).
    public func loadCheckpoint(from path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try loadWeights(from: [UInt8](data))
    }
}
