/// Where and how to send alert e-mail over plain SMTP (no TLS; see `SMTPSender`).
public struct SMTPConfig: Sendable, Equatable {
    /// The SMTP server's host name or IP address (a local relay, typically).
    public var host: String
    /// The server's port: 25 (relay) or 587 (submission) without TLS.
    public var port: Int
    /// The envelope and header sender, `alerts@example.com`.
    public var from: String
    /// The recipients, each `name@example.com`; at least one.
    public var to: [String]
    /// The AUTH user name; set together with `password`, or leave both nil to skip AUTH.
    public var username: String?
    /// The AUTH password; never written to errors or logs.
    public var password: String?
    /// The name given in EHLO/HELO and Message-ID; nil uses this machine's host name.
    public var heloName: String?
    /// Seconds to wait for the TCP connection to open.
    public var connectTimeout: Double
    /// Seconds to wait for any single reply or send.
    public var ioTimeout: Double
    /// Seconds the whole conversation may take.
    public var totalTimeout: Double

    /// Creates a configuration; `validate()` checks it.
    public init(host: String, port: Int = 25, from: String, to: [String], username: String? = nil, password: String? = nil,
                heloName: String? = nil, connectTimeout: Double = 10, ioTimeout: Double = 30, totalTimeout: Double = 120) {
        self.host = host
        self.port = port
        self.from = from
        self.to = to
        self.username = username
        self.password = password
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.ioTimeout = ioTimeout
        self.totalTimeout = totalTimeout
    }

    /// Throws a permanent `SMTPError` naming the first field that cannot work.
    public func validate() throws {
        func invalid(_ message: String) -> SMTPError {
            SMTPError(command: "configuration", reply: nil, message: message, isTransient: false)
        }
        guard !host.isEmpty else { throw invalid("the SMTP host is empty; set it to the mail relay's name or address") }
        guard (1...65_535).contains(port) else { throw invalid("SMTP port \(port) is out of range; use 25 or 587") }
        guard Self.isPlainAddress(from) else {
            throw invalid("the sender '\(from)' is not a plain address like alerts@example.com (no display name, spaces or angle brackets)")
        }
        guard !to.isEmpty else { throw invalid("no recipients are configured; add at least one address to 'to'") }
        for address in to where !Self.isPlainAddress(address) {
            throw invalid("the recipient '\(address)' is not a plain address like ops@example.com (no display name, spaces or angle brackets)")
        }
        guard (username == nil) == (password == nil) else {
            throw invalid("only one of username and password is set; set both for AUTH, or neither")
        }
    }

    /// True for `local@domain` with no whitespace, control characters, angle brackets or commas.
    static func isPlainAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[parts.count - 1].isEmpty else { return false }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>,;()\"\\".unicodeScalars.contains($0) }
    }
}
