import Foundation

/// What happened to one alert on one channel.
public struct ChannelDeliveryResult: Sendable, Equatable {
    /// The end state.
    public enum Outcome: String, Sendable {
        /// The channel accepted the alert.
        case delivered
        /// Every attempt failed, or the failure was permanent.
        case failed
        /// Not sent: the same kind and subject went to this channel within the dedup window.
        case skippedDuplicate
    }

    /// The channel's name (`AlertChannel.name`).
    public var channel: String
    /// The end state.
    public var outcome: Outcome
    /// Delivery attempts made (0 when skipped).
    public var attempts: Int
    /// The last attempt's error, when one failed (also set when a later retry succeeded).
    public var lastError: String?
    /// For a skipped duplicate: when the earlier delivery happened.
    public var previousDelivery: Date?

    /// Creates a result.
    public init(channel: String, outcome: Outcome, attempts: Int, lastError: String? = nil, previousDelivery: Date? = nil) {
        self.channel = channel
        self.outcome = outcome
        self.attempts = attempts
        self.lastError = lastError
        self.previousDelivery = previousDelivery
    }

    /// True when the channel accepted the alert in this dispatch.
    public var delivered: Bool { outcome == .delivered }
}

/// The outcome of dispatching one alert to every channel.
public struct DispatchReport: Sendable, Equatable {
    /// The alert's id.
    public var alertId: String
    /// One result per channel, in channel order.
    public var results: [ChannelDeliveryResult]
    /// Set when the dedup state file could not be read or written (delivery still went ahead).
    public var stateWarning: String?

    /// Creates a report.
    public init(alertId: String, results: [ChannelDeliveryResult], stateWarning: String? = nil) {
        self.alertId = alertId
        self.results = results
        self.stateWarning = stateWarning
    }

    /// True when no channel failed (each delivered or was a skipped duplicate).
    public var succeeded: Bool { results.allSatisfy { $0.outcome != .failed } }
}
