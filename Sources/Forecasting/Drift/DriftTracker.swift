/// Decides when forecast accuracy has drifted: a threshold held for consecutive buckets raises the
/// alert, and it clears only when accuracy recovers below a lower bar (hysteresis), so one good or
/// bad week does not make the alert flap.
public struct DriftTracker: Sendable, Codable, Equatable {
    /// WAPE (fraction) above which a bucket counts as drifting.
    public var threshold: Double
    /// Consecutive drifting buckets that raise the alert.
    public var consecutiveBuckets: Int
    /// The alert clears when a bucket's WAPE is below `threshold × clearRatio`.
    public var clearRatio: Double

    /// The drift history carried from run to run.
    public struct State: Sendable, Codable, Equatable {
        /// Every bucket evaluated so far, oldest first.
        public var history: [BucketAccuracy] = []
        /// Drifting buckets in a row at the end of the history.
        public var consecutive = 0
        /// Whether the drift alert is currently raised.
        public var active = false
        public init() {}
    }

    /// What one update changed.
    public enum Event: String, Sendable, Codable {
        case none, raised, cleared
    }

    /// Creates a tracker.
    public init(threshold: Double, consecutiveBuckets: Int, clearRatio: Double) {
        self.threshold = threshold
        self.consecutiveBuckets = consecutiveBuckets
        self.clearRatio = clearRatio
    }

    /// Adds newly evaluated buckets (oldest first; buckets already in the history are ignored) and
    /// returns the new state and the last event it caused.
    public func update(_ state: State, with buckets: [BucketAccuracy]) -> (state: State, event: Event) {
        var state = state
        var event = Event.none
        let known = Set(state.history.map(\.bucket))
        for bucket in buckets where !known.contains(bucket.bucket) {
            state.history.append(bucket)
            state.consecutive = bucket.wape > threshold ? state.consecutive + 1 : 0
            if !state.active, state.consecutive >= consecutiveBuckets {
                state.active = true
                event = .raised
            } else if state.active, bucket.wape < threshold * clearRatio {
                state.active = false
                event = .cleared
            }
        }
        return (state, event)
    }
}
