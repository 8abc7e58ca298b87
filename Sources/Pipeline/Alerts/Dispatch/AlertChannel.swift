import Foundation

/// A destination for alerts.
public enum AlertChannel: Sendable {
    /// POST the alert's JSON body to a webhook.
    case webhook(WebhookConfig)
    /// E-mail the alert over SMTP.
    case email(SMTPConfig)
    /// Any other delivery (a log, a test double): `deliver` throws to report failure.
    case custom(name: String, deliver: @Sendable (Alert) throws -> Void)

    /// A stable, secret-free name: the key under which deliveries are remembered for dedup.
    public var name: String {
        switch self {
        case .webhook(let config):
            return "webhook \(config.url)"
        case .email(let config):
            return "email \(NetworkPeer.describe(host: config.host, port: config.port)) to \(config.to.joined(separator: ","))"
        case .custom(let name, _):
            return name
        }
    }

    /// Delivers `alert` once (no retries), throwing what went wrong.
    func deliver(_ alert: Alert, now: @escaping @Sendable () -> Date) throws {
        switch self {
        case .webhook(let config):
            try WebhookSender(config: config).send(alertId: alert.id, body: alert.jsonBody)
        case .email(let config):
            try SMTPSender(config: config, now: now)
                .send(subject: alert.mailSubject, body: alert.mailBody, extraHeaders: [(name: "X-Alert-Id", value: alert.id)])
        case .custom(_, let deliver):
            try deliver(alert)
        }
    }
}
