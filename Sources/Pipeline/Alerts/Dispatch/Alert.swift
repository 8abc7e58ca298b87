/// How urgent an alert is; shown in e-mail subjects.
public enum AlertSeverity: String, Sendable, Codable, CaseIterable {
    /// For information; nothing needs doing.
    case info
    /// Something needs a look soon.
    case warning
    /// Something failed.
    case error
    /// Forecasts are missing or wrong; act now.
    case critical
}

/// One thing a person should know about, ready to deliver to every channel.
public struct Alert: Sendable, Equatable {
    /// Unique id of this alert occurrence (sent as `X-Alert-Id`).
    public var id: String
    /// What happened, machine-readable: `state-failed`, `config-refused`, `drift`, ...
    public var kind: String
    /// What it happened to (a state, a file, a SKU); with `kind` it forms the dedup key.
    public var subject: String
    /// How urgent it is.
    public var severity: AlertSeverity
    /// One or a few lines for a person (the e-mail subject uses the first line).
    public var summary: String
    /// The JSON document POSTed to webhooks, byte for byte (also quoted in e-mails).
    public var jsonBody: [UInt8]

    /// Creates an alert.
    public init(id: String, kind: String, subject: String, severity: AlertSeverity, summary: String, jsonBody: [UInt8]) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.severity = severity
        self.summary = summary
        self.jsonBody = jsonBody
    }

    /// The e-mail subject: `[DemandPlanner] ERROR state-failed: <first line of summary>`.
    public var mailSubject: String {
        let firstLine = summary.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return "[DemandPlanner] \(severity.rawValue.uppercased()) \(kind): \(firstLine)"
    }

    /// The e-mail text: the summary, the alert's identity, then the JSON body.
    public var mailBody: String {
        """
        \(summary)

        alert id: \(id)
        kind: \(kind)
        subject: \(subject)
        severity: \(severity.rawValue)

        \(String(decoding: jsonBody, as: UTF8.self))
        """
    }
}
