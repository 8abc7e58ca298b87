import Foundation

/// `alert`: records what needs a person's attention — a failed state now, drift later.
///
/// Always runs last, also after a failure. Writes `alerts.json` (deterministic: no timestamps)
/// and one row per alert in the database's `alerts` table, from which delivery (webhook, email)
/// picks them up.
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(["alerts": alerts]), as: UTF8.self) + "\n"
        try FileSystem.writeAtomically(text, to: context.output("alerts.json"))
        for alert in alerts {
            try context.database?.recordAlert(runId: context.runId, kind: alert.kind, state: alert.state,
                                               message: alert.message, at: Timestamp.now())
            context.log.error(alert.message)
        }
        if alerts.isEmpty { context.log.info("nothing to alert") }
    }
}
