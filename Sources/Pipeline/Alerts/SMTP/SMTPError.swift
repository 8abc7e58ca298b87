/// An SMTP conversation failed: names the command, the server's reply and what to do.
public struct SMTPError: DeliveryFailure, Equatable {
    /// The command that failed (`EHLO`, `AUTH PLAIN`, `RCPT TO:<ops@example.com>`, `DATA`, ...),
    /// or `connect`, `greeting`, `configuration`. Never contains credentials.
    public var command: String
    /// The server's reply, when there was one.
    public var reply: SMTPReply?
    /// What went wrong and what to change.
    public var message: String
    /// True for 4xx replies and network trouble; false for 5xx replies and configuration problems.
    public var isTransient: Bool

    /// Creates an error.
    public init(command: String, reply: SMTPReply?, message: String, isTransient: Bool) {
        self.command = command
        self.reply = reply
        self.message = message
        self.isTransient = isTransient
    }

    /// An error for a reply that is not the expected one: transient for 4xx, permanent otherwise,
    /// with a STARTTLS-specific message when the server demands encryption.
    static func rejected(_ command: String, _ reply: SMTPReply, hint: String) -> SMTPError {
        if requiresTLS(reply) {
            return SMTPError(command: command, reply: reply, message: tlsRequiredMessage, isTransient: false)
        }
        if reply.code == 530 {
            return SMTPError(command: command, reply: reply,
                             message: "the server requires authentication; set username and password in the e-mail channel configuration",
                             isTransient: false)
        }
        return SMTPError(command: command, reply: reply, message: hint, isTransient: (400..<500).contains(reply.code))
    }

    /// What to do when the server insists on STARTTLS.
    static let tlsRequiredMessage =
        "the server requires STARTTLS (encryption), which this sender does not support; send through a local relay that accepts plain SMTP (for example postfix on 127.0.0.1:25 relaying to this server), or an stunnel/TLS wrapper on localhost"

    /// True when the reply says encryption must be started first (530/538 mentioning TLS, or 538).
    static func requiresTLS(_ reply: SMTPReply) -> Bool {
        let text = reply.lines.joined(separator: " ").uppercased()
        return reply.code == 538 || ((reply.code == 530 || reply.code == 554 || reply.code == 550) && text.contains("TLS"))
    }

    /// `SMTP RCPT TO:<x> failed: server replied '550 ...'; message`.
    public var description: String {
        let replyText = reply.map { "server replied '\($0)'" } ?? "no reply"
        return "SMTP \(command) failed: \(replyText); \(message)"
    }
}
