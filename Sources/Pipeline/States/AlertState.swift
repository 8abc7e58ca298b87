import Foundation

/// `alert`: records what needs a person's attention and delivers it by webhook and/or e-mail.
///
/// Always runs last, also after a failure. Writes `alerts.json` (deterministic: no timestamps, no
/// delivery results, so replays compare equal) and one row per alert in the database; then sends
/// each alert to the configured channels (not during replays or backtests). Delivery results go
/// to the state log and the `alert_deliveries` table; a delivery failure does not fail the run.
public struct AlertState: PipelineState {
    public let name = StateName.alert
    public init() {}

    /// One alert as written to `alerts.json`.
    struct Alert: Codable, Equatable {
        var kind: String
        var state: String?
        var message: String
        var attempts: Int?
    }

    public func run(_ context: StateContext) throws {
        var alerts: [Alert] = []
        if let failure = context.failure {
            alerts.append(Alert(kind: "state-failed", state: failure.state.rawValue,
                                message: "run \(context.runId): state \(failure.state.rawValue) failed after \(failure.attempts) attempt(s): \(failure.message)",
                                attempts: failure.attempts))
        }
        if let drift = try DriftCheck.run(context), drift.event != .none {
            let last = drift.state.history.suffix(drift.consecutiveBuckets).map { "\($0.bucket) \(NumberText.format($0.wape * 100, decimals: 1))%" }
            let percent = NumberText.format(drift.threshold * 100, decimals: 1)
            alerts.append(drift.event == .raised
                ? Alert(kind: "drift", state: nil, message: "run \(context.runId): forecast accuracy drifted: WAPE above \(percent)% for \(drift.state.consecutive) bucket(s) in a row (\(last.joined(separator: ", "))); see alert/drift-skus.csv", attempts: nil)
                : Alert(kind: "drift-cleared", state: nil, message: "run \(context.runId): forecast accuracy recovered: WAPE \(last.last ?? "") is below \(NumberText.format(drift.threshold * drift.clearRatio * 100, decimals: 1))%", attempts: nil))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(["alerts": alerts]), as: UTF8.self) + "\n"
        try FileSystem.writeAtomically(text, to: context.output("alerts.json"))
        for alert in alerts {
            try context.database?.recordAlert(runId: context.runId, kind: alert.kind, state: alert.state,
                                               message: alert.message, at: Timestamp.now())
            if alert.kind == "drift-cleared" { context.log.info(alert.message) } else { context.log.error(alert.message) }
        }
        if alerts.isEmpty { context.log.info("nothing to alert") }
        guard !alerts.isEmpty, context.trigger != "replay", context.trigger != "backtest" else { return }
        let notifier = AlertNotifier(settings: context.config.alerts,
                                     statePath: "\(context.root)/\(context.config.paths.artifacts)/alert-deliveries.json")
        guard notifier.hasChannels else {
            context.log.info("no alert channel configured (alerts.webhook / alerts.email); alerts stay in the database")
            return
        }
        for alert in alerts {
            let lines = notifier.deliver(runId: context.runId, kind: alert.kind, subject: alert.state ?? alert.kind,
                                         severity: alert.kind == "state-failed" ? .error : alert.kind == "drift-cleared" ? .info : .warning, message: alert.message,
                                         details: alert.state.map { ["state": $0] } ?? [:], database: context.database)
            for line in lines {
                if line.contains(": delivered") || line.contains("skipped") { context.log.info(line) } else { context.log.warning(line) }
            }
        }
    }
}
