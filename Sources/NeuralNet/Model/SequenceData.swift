/// One mini-batch of model inputs: numeric sequences plus optional static categories.
public struct SequenceBatch: Sendable, Equatable {
    /// Numeric inputs `(batch, time, features)`.
    public var numeric: Tensor
    /// One entry per embedding of the model, each covering the whole batch.
    public var categorical: [CategoryIndices]

    /// Creates a batch.
    public init(numeric: Tensor, categorical: [CategoryIndices] = []) {
        precondition(numeric.rank == 3, "numeric input must be (batch, time, features)")
        precondition(categorical.allSatisfy { $0.batch == numeric.shape[0] }, "categorical batch sizes differ")
        self.numeric = numeric
        self.categorical = categorical
    }

    /// Number of samples.
    public var batchSize: Int { numeric.shape[0] }
    /// Number of timesteps.
    public var timeSteps: Int { numeric.shape[1] }

    /// The contiguous samples `range` as a batch of their own.
    public func samples(_ range: Range<Int>) -> SequenceBatch {
        let stride = numeric.shape[1] * numeric.shape[2]
        let values = Array(numeric.storage[(range.lowerBound * stride)..<(range.upperBound * stride)])
        return SequenceBatch(numeric: Tensor(shape: [range.count, numeric.shape[1], numeric.shape[2]], storage: values),
                             categorical: categorical.map { $0.gathering(Array(range)) })
    }
}

/// An in-memory training set of equally long sequences and their targets.
public struct SequenceDataset: Sendable, Equatable {
    /// Numeric inputs `(samples, time, features)`.
    public var numeric: Tensor
    /// Categorical inputs, one entry per embedding, each covering all samples.
    public var categorical: [CategoryIndices]
    /// Targets `(samples, outputSteps)`.
    public var targets: Matrix

    /// Creates a dataset.
    public init(numeric: Tensor, categorical: [CategoryIndices] = [], targets: Matrix) {
        precondition(numeric.rank == 3 && numeric.shape[0] == targets.rows, "inputs and targets disagree on sample count")
        precondition(categorical.allSatisfy { $0.batch == targets.rows }, "categorical sample counts differ")
        self.numeric = numeric
        self.categorical = categorical
        self.targets = targets
    }

    /// Number of samples.
    public var count: Int { targets.rows }

    /// Gathers the given samples into a batch and its targets.
    public func batch(_ samples: [Int]) -> (inputs: SequenceBatch, targets: Matrix) {
        let time = numeric.shape[1], features = numeric.shape[2]
        let stride = time * features
        var values = [Float]()
        values.reserveCapacity(samples.count * stride)
        var target = [Float]()
        target.reserveCapacity(samples.count * targets.columns)
        for s in samples {
            values.append(contentsOf: numeric.storage[(s * stride)..<((s + 1) * stride)])
            target.append(contentsOf: targets.storage[(s * targets.columns)..<((s + 1) * targets.columns)])
        }
        let inputs = SequenceBatch(
            numeric: Tensor(shape: [samples.count, time, features], storage: values),
            categorical: categorical.map { $0.gathering(samples) })
        return (inputs, Matrix(rows: samples.count, columns: targets.columns, storage: target))
    }
}
