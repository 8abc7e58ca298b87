/// How often and how patiently to retry a failed delivery: exponential backoff with a cap.
public struct DeliveryRetryPolicy: Sendable, Equatable {
    /// Attempts in total, including the first (at least 1).
    public var maxAttempts: Int
    /// Seconds to wait after the first failure.
    public var initialDelay: Double
    /// Factor by which the wait grows after each further failure (1 = constant).
    public var backoffRate: Double
    /// The longest wait between attempts, in seconds.
    public var maxDelay: Double

    /// Creates a policy; values below their minimum are raised to it (1 attempt, 0 s, rate 1).
    public init(maxAttempts: Int = 4, initialDelay: Double = 2, backoffRate: Double = 2, maxDelay: Double = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = max(0, initialDelay)
        self.backoffRate = max(1, backoffRate)
        self.maxDelay = max(0, maxDelay)
    }

    /// A single attempt, no retries.
    public static let once = DeliveryRetryPolicy(maxAttempts: 1)

    /// Seconds to wait after failed attempt `attempt` (1-based): initialDelay × backoffRate^(attempt−1), at most maxDelay.
    public func delay(afterAttempt attempt: Int) -> Double {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) {
            delay *= backoffRate
            if delay >= maxDelay { break }
        }
        return min(delay, maxDelay)
    }
}
