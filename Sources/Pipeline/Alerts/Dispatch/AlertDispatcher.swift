import Foundation
import Glibc

/// Delivers an alert to every channel with retries and backoff, skipping recent duplicates.
///
/// Each channel is tried up to `retryPolicy.maxAttempts` times; transient failures (see
/// `DeliveryFailure`) wait `retryPolicy.delay(afterAttempt:)` through the injected `sleep`,
/// permanent ones stop at once. Dedup: when `dedupWindow` > 0 and a state file is given, an alert
/// whose kind and subject reached a channel less than `dedupWindow` seconds ago (by the injected
/// clock) is not sent to that channel again; a channel that failed is tried again by the next
/// dispatch. Channels are served one after another on the calling thread. Not thread-safe with
/// respect to the state file: use one dispatcher per file at a time.
public struct AlertDispatcher: Sendable {
    /// Where alerts go.
    public var channels: [AlertChannel]
    /// How failed deliveries are retried.
    public var retryPolicy: DeliveryRetryPolicy
    /// Seconds during which the same kind + subject is not re-sent to a channel (0 disables dedup).
    public var dedupWindow: Double
    /// The dedup state file, or nil to disable dedup.
    public var stateFile: DeliveryStateFile?
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) -> Void

    /// Creates a dispatcher.
    ///
    /// - Parameters:
    ///   - statePath: JSON file remembering recent deliveries (its folder must exist); nil disables dedup.
    ///   - now: the clock for dedup and message dates (inject a fixed one in tests).
    ///   - sleep: waits the given seconds between attempts (inject a recorder in tests).
    public init(channels: [AlertChannel], retryPolicy: DeliveryRetryPolicy = DeliveryRetryPolicy(), dedupWindow: Double = 0,
                statePath: String? = nil, now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Double) -> Void = AlertDispatcher.systemSleep) {
        self.channels = channels
        self.retryPolicy = retryPolicy
        self.dedupWindow = dedupWindow
        self.stateFile = statePath.map(DeliveryStateFile.init(path:))
        self.now = now
        self.sleep = sleep
    }

    /// Blocks the calling thread for `seconds` (nanosleep, resumed after signals).
    public static func systemSleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// Sends `alert` to every channel and reports, per channel, what happened. Never throws:
    /// failures are in the results, state-file trouble in `stateWarning`.
    public func dispatch(_ alert: Alert) -> DispatchReport {
        var warnings: [String] = []
        let dedupActive = dedupWindow > 0 && stateFile != nil
        var records: [DeliveryRecord] = []
        if dedupActive, let stateFile {
            do {
                records = try stateFile.load()
            } catch {
                warnings.append("\(error); sending without dedup this time, the file will be rewritten")
            }
        }
        var changed = false
        var results: [ChannelDeliveryResult] = []
        for channel in channels {
            let name = channel.name
            let existing = records.firstIndex { $0.kind == alert.kind && $0.subject == alert.subject && $0.channel == name }
            if dedupActive, let existing, now().timeIntervalSince1970 - records[existing].deliveredAt < dedupWindow {
                results.append(ChannelDeliveryResult(channel: name, outcome: .skippedDuplicate, attempts: 0,
                                                     previousDelivery: Date(timeIntervalSince1970: records[existing].deliveredAt)))
                continue
            }
            let result = deliver(alert, to: channel)
            results.append(result)
            if result.delivered && dedupActive {
                let record = DeliveryRecord(kind: alert.kind, subject: alert.subject, channel: name,
                                            deliveredAt: now().timeIntervalSince1970, alertId: alert.id)
                if let existing { records[existing] = record } else { records.append(record) }
                changed = true
            }
        }
        if dedupActive, changed, let stateFile {
            let cutoff = now().timeIntervalSince1970 - dedupWindow
            do {
                try stateFile.save(records.filter { $0.deliveredAt > cutoff })
            } catch {
                warnings.append("\(error); the next dispatch may send duplicates")
            }
        }
        return DispatchReport(alertId: alert.id, results: results, stateWarning: warnings.isEmpty ? nil : warnings.joined(separator: "; "))
    }

    /// Tries one channel until it succeeds, fails permanently, or runs out of attempts.
    private func deliver(_ alert: Alert, to channel: AlertChannel) -> ChannelDeliveryResult {
        var lastError: String?
        for attempt in 1...retryPolicy.maxAttempts {
            do {
                try channel.deliver(alert, now: now)
                return ChannelDeliveryResult(channel: channel.name, outcome: .delivered, attempts: attempt, lastError: lastError)
            } catch {
                lastError = String(describing: error)
                let transient = (error as? DeliveryFailure)?.isTransient ?? true
                guard transient, attempt < retryPolicy.maxAttempts else {
                    return ChannelDeliveryResult(channel: channel.name, outcome: .failed, attempts: attempt, lastError: lastError)
                }
                sleep(retryPolicy.delay(afterAttempt: attempt))
            }
        }
        return ChannelDeliveryResult(channel: channel.name, outcome: .failed, attempts: retryPolicy.maxAttempts, lastError: lastError)
    }
}
