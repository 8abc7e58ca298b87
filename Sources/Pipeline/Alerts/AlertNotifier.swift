import Foundation

/// Sends recorded alerts to the channels in the config and records each delivery in the database.
///
/// Delivery never fails the caller: what happened per channel is returned, logged and stored in
/// `alert_deliveries`. Secrets come from the environment variables the config names.
public struct AlertNotifier: Sendable {
    let settings: AlertSettings
    let statePath: String
    let environment: [String: String]
    let sleep: @Sendable (Double) -> Void

    /// Creates a notifier; `statePath` is the dedup memory (`artifacts/alert-deliveries.json`).
    public init(settings: AlertSettings, statePath: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                sleep: @escaping @Sendable (Double) -> Void = AlertDispatcher.systemSleep) {
        self.settings = settings
        self.statePath = statePath
        self.environment = environment
        self.sleep = sleep
    }

    /// Whether any channel is configured.
    public var hasChannels: Bool { settings.webhook != nil || settings.email != nil }

    /// The channels of the config; a missing secret variable is an error naming it.
    func channels() throws -> [AlertChannel] {
        var channels: [AlertChannel] = []
        if let webhook = settings.webhook {
            var secret: String?
            if let name = webhook.secretEnv {
                guard let value = environment[name], !value.isEmpty else {
                    throw PipelineError(.config, "alerts.webhook.secretEnv names \(name), but that environment variable is not set")
                }
                secret = value
            }
            channels.append(.webhook(WebhookConfig(url: webhook.url, secret: secret)))
        }
        if let email = settings.email {
            let username = email.usernameEnv.flatMap { environment[$0] }
            let password = email.passwordEnv.flatMap { environment[$0] }
            channels.append(.email(SMTPConfig(host: email.host, port: email.port, from: email.from, to: email.to,
                                              username: username, password: password)))
        }
        return channels
    }

    /// Delivers one alert to every channel; returns one line per channel saying what happened.
    @discardableResult
    public func deliver(runId: String?, kind: String, subject: String, severity: AlertSeverity, message: String,
                        details: [String: String] = [:], database: RunDatabase?) -> [String] {
        guard hasChannels else { return [] }
        let channels: [AlertChannel]
        do { channels = try self.channels() } catch { return ["alert delivery skipped: \(error)"] }
        var body: [String: String] = details
        body["kind"] = kind
        body["subject"] = subject
        body["severity"] = severity.rawValue
        body["message"] = message
        if let runId { body["run_id"] = runId }
        let json = "{" + body.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(body[$0] ?? ""))" }.joined(separator: ",") + "}"
        let id = "\(runId ?? "daemon")-\(kind)-\(UUID().uuidString.prefix(8).lowercased())"
        let alert = Alert(id: id, kind: kind, subject: subject, severity: severity, summary: message, jsonBody: Array(json.utf8))
        let policy = DeliveryRetryPolicy(maxAttempts: settings.maxAttempts, initialDelay: settings.initialDelaySeconds,
                                         backoffRate: settings.backoffRate, maxDelay: settings.maxDelaySeconds)
        let dispatcher = AlertDispatcher(channels: channels, retryPolicy: policy, dedupWindow: settings.dedupWindowSeconds,
                                         statePath: statePath, sleep: sleep)
        let report = dispatcher.dispatch(alert)
        var lines: [String] = []
        for result in report.results {
            let outcome: String
            switch result.outcome {
            case .delivered: outcome = "delivered"
            case .failed: outcome = "failed"
            case .skippedDuplicate: outcome = "skipped (same alert sent within \(Int(settings.dedupWindowSeconds)) s)"
            }
            var line = "alert \(kind) → \(result.channel): \(outcome) after \(result.attempts) attempt(s)"
            if let error = result.lastError { line += ": \(error)" }
            lines.append(line)
            try? database?.recordDelivery(runId: runId, kind: kind, channel: result.channel, outcome: String(describing: result.outcome),
                                          attempts: result.attempts, error: result.lastError.map { String(describing: $0) }, at: Timestamp.now())
        }
        if let warning = report.stateWarning { lines.append("alert delivery state: \(warning)") }
        return lines
    }
}
