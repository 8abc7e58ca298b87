/// Reduces the learning rate when a monitored metric stops improving (lower is better).
public struct ReduceLROnPlateau: Sendable, Equatable {
    /// Multiplier applied to the learning rate on a plateau.
    public var factor: Float
    /// Epochs without improvement before reducing.
    public var patience: Int
    /// Minimum decrease that counts as an improvement.
    public var minDelta: Float
    /// Lower bound for the learning rate.
    public var minLearningRate: Float
    /// Epochs to wait after a reduction before counting again.
    public var cooldown: Int
    /// Best metric seen so far.
    public private(set) var best: Float = .infinity
    private var badEpochs = 0
    private var cooldownLeft = 0

    /// Creates a scheduler.
    public init(factor: Float = 0.5, patience: Int = 5, minDelta: Float = 1e-4,
                minLearningRate: Float = 1e-6, cooldown: Int = 0) {
        precondition(factor > 0 && factor < 1, "factor must be in (0, 1)")
        self.factor = factor
        self.patience = patience
        self.minDelta = minDelta
        self.minLearningRate = minLearningRate
        self.cooldown = cooldown
    }

    /// Records one epoch's `metric`; lowers `learningRate` on a plateau and returns `true` if it did.
    @discardableResult
    public mutating func update(metric: Float, learningRate: inout Float) -> Bool {
        if metric < best - minDelta {
            best = metric
            badEpochs = 0
        } else if cooldownLeft > 0 {
            cooldownLeft -= 1
        } else {
            badEpochs += 1
        }
        guard badEpochs > patience else { return false }
        badEpochs = 0
        cooldownLeft = cooldown
        let reduced = max(learningRate * factor, minLearningRate)
        guard reduced < learningRate else { return false }
        learningRate = reduced
        return true
    }
}

/// Tracks a validation metric (lower is better) and signals when training should stop.
public struct EarlyStopping: Sendable, Equatable {
    /// Epochs without improvement tolerated before stopping.
    public var patience: Int
    /// Minimum decrease that counts as an improvement.
    public var minDelta: Float
    /// Best metric seen so far.
    public private(set) var bestMetric: Float = .infinity
    /// Epoch index at which `bestMetric` was seen (-1 before any update).
    public private(set) var bestEpoch = -1
    private var epochsSinceBest = 0

    /// Creates a tracker.
    public init(patience: Int = 10, minDelta: Float = 0) {
        self.patience = patience
        self.minDelta = minDelta
    }

    /// Outcome of recording one epoch.
    public enum Decision: Sendable, Equatable {
        /// The metric improved; a caller may snapshot the weights.
        case improved
        /// No improvement yet, but patience is not exhausted.
        case wait
        /// Patience is exhausted; restore the best snapshot and stop.
        case stop
    }

    /// Records `metric` for `epoch` and returns what to do.
    public mutating func update(metric: Float, epoch: Int) -> Decision {
        if metric < bestMetric - minDelta {
            bestMetric = metric
            bestEpoch = epoch
            epochsSinceBest = 0
            return .improved
        }
        epochsSinceBest += 1
        return epochsSinceBest > patience ? .stop : .wait
    }
}
