import Foundation
import Glibc

/// Sends a plain-text e-mail over plain SMTP (RFC 5321), with optional AUTH PLAIN/LOGIN (RFC 4954).
///
/// There is no TLS: STARTTLS is out of scope. Use a relay that accepts plain SMTP from this
/// machine (a local postfix/exim on 127.0.0.1:25, or port 587 inside a trusted network). When the
/// server demands STARTTLS, or only offers AUTH after it, sending fails with an `SMTPError` that
/// says so instead of sending credentials in the clear to a server that refuses them.
///
/// The conversation: greeting 220, EHLO (HELO when EHLO is refused with 5xx), AUTH when
/// credentials are configured, MAIL FROM (with BODY=8BITMIME when offered and needed), one RCPT
/// TO per recipient, DATA with CRLF-normalised, dot-stuffed text, then QUIT. Every reply code is
/// checked; errors name the command and quote the reply.
public struct SMTPSender: Sendable {
    /// The validated configuration.
    public let config: SMTPConfig
    private let now: @Sendable () -> Date

    /// Validates `config` (throws a permanent `SMTPError` naming the bad field); `now` dates messages.
    public init(config: SMTPConfig, now: @escaping @Sendable () -> Date = { Date() }) throws {
        try config.validate()
        self.config = config
        self.now = now
    }

    /// The name used in EHLO/HELO and Message-IDs: the configured one or this machine's host name.
    public var heloName: String {
        if let name = config.heloName, !name.isEmpty { return name }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// A message from the configured sender to the configured recipients, dated now, with a fresh Message-ID.
    public func makeMessage(subject: String, body: String, extraHeaders: [(name: String, value: String)] = []) -> MailMessage {
        let date = now()
        return MailMessage(from: config.from, to: config.to, subject: subject, body: body, date: MailDate.format(date),
                           messageID: MailHeaderText.makeMessageID(host: heloName, date: date), extraHeaders: extraHeaders)
    }

    /// Sends `subject` and `body` to the configured recipients.
    @discardableResult
    public func send(subject: String, body: String, extraHeaders: [(name: String, value: String)] = []) throws -> SMTPReceipt {
        try send(makeMessage(subject: subject, body: body, extraHeaders: extraHeaders))
    }

    /// Sends `message` (envelope sender and recipients are its From and To); throws `SMTPError`.
    @discardableResult
    public func send(_ message: MailMessage) throws -> SMTPReceipt {
        let session = try SMTPSession(config: config)
        defer { session.close() }
        var accepted = false
        do {
            let extensions = try greetAndIntroduce(session)
            try authenticate(session, extensions: extensions)
            let content = message.rendered()
            let eightBit = content.contains { $0 >= 0x80 } && extensions.supports("8BITMIME")
            try session.command("MAIL FROM:<\(message.from)>" + (eightBit ? " BODY=8BITMIME" : ""), expecting: [250],
                                hint: "the server refused the sender; check 'from' is an address this server accepts mail from")
            for recipient in message.to {
                try session.command("RCPT TO:<\(recipient)>", expecting: [250, 251],
                                    hint: "the server refused this recipient; check the address, or that the server relays for this domain (it may need AUTH)")
            }
            try session.command("DATA", expecting: [354], hint: "the server would not accept the message text")
            try session.write(MailBodyEncoding.dotStuffed(content), for: "DATA (message text)")
            let queued = try session.readReply(for: "DATA (end of message)")
            guard queued.code == 250 else {
                throw SMTPError.rejected("DATA (end of message)", queued, hint: "the server refused the message after receiving it; see its reply")
            }
            accepted = true
            return SMTPReceipt(messageID: message.messageID, acceptedReply: queued.description, quitWarning: quit(session))
        } catch {
            if !accepted { _ = quit(session) }
            throw error
        }
    }

    /// Reads the greeting, says EHLO (or HELO after a 5xx) and returns the offered extensions.
    private func greetAndIntroduce(_ session: SMTPSession) throws -> SMTPExtensions {
        let greeting = try session.readReply(for: "greeting")
        guard greeting.code == 220 else {
            throw SMTPError.rejected("greeting", greeting, hint: "the server does not accept connections from this machine now; check its logs or use another relay")
        }
        let ehlo = try session.send("EHLO \(heloName)")
        if ehlo.code == 250 { return SMTPExtensions(ehloReply: ehlo) }
        guard (500..<600).contains(ehlo.code) else {
            throw SMTPError.rejected("EHLO \(heloName)", ehlo, hint: "the server is not accepting mail now; it will be retried")
        }
        try session.command("HELO \(heloName)", expecting: [250],
                            hint: "the server refused both EHLO and HELO; set 'heloName' to this machine's fully qualified name")
        return SMTPExtensions()
    }

    /// Authenticates with PLAIN (preferred) or LOGIN when credentials are configured.
    private func authenticate(_ session: SMTPSession, extensions: SMTPExtensions) throws {
        guard let username = config.username, let password = config.password else { return }
        let mechanisms = extensions.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = Self.base64(Array("\0\(username)\0\(password)".utf8))
            var reply = try session.send("AUTH PLAIN \(token)", shownAs: "AUTH PLAIN")
            if reply.code == 334 { reply = try session.send(token, shownAs: "AUTH PLAIN (credentials)") }
            try checkAuthentication(reply, command: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try session.command("AUTH LOGIN", expecting: [334], hint: "the server offered AUTH LOGIN but refused to start it")
            try session.command(Self.base64(Array(username.utf8)), shownAs: "AUTH LOGIN (user name)", expecting: [334],
                                hint: "the server refused the user name; check 'username'")
            let reply = try session.send(Self.base64(Array(password.utf8)), shownAs: "AUTH LOGIN (password)")
            try checkAuthentication(reply, command: "AUTH LOGIN")
        } else if extensions.supports("STARTTLS") {
            throw SMTPError(command: "AUTH", reply: nil,
                            message: "credentials are configured but the server offers AUTH only after STARTTLS; " + SMTPError.tlsRequiredMessage,
                            isTransient: false)
        } else {
            let offered = mechanisms.isEmpty ? "no AUTH at all" : "only AUTH \(mechanisms.joined(separator: " "))"
            throw SMTPError(command: "AUTH", reply: nil,
                            message: "credentials are configured but the server offers \(offered) (PLAIN or LOGIN is needed); remove username/password if this relay accepts mail without AUTH",
                            isTransient: false)
        }
    }

    private func checkAuthentication(_ reply: SMTPReply, command: String) throws {
        guard reply.code == 235 else {
            let hint = reply.code == 535 ? "the server rejected the user name or password; check 'username' and 'password'"
                : "authentication did not succeed"
            throw SMTPError.rejected(command, reply, hint: hint)
        }
    }

    /// Sends QUIT and checks for 221; returns a warning instead of throwing (the message is already queued).
    private func quit(_ session: SMTPSession) -> String? {
        do {
            let reply = try session.send("QUIT")
            return reply.code == 221 ? nil : "QUIT answered '\(reply)' instead of 221"
        } catch {
            return "\(error)"
        }
    }

    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// What the server said when it accepted a message.
public struct SMTPReceipt: Sendable, Equatable {
    /// The Message-ID of the sent message.
    public var messageID: String
    /// The server's reply to the end of DATA (often carries its queue id).
    public var acceptedReply: String
    /// Set when QUIT did not end cleanly; the message was still accepted.
    public var quitWarning: String?

    /// Creates a receipt.
    public init(messageID: String, acceptedReply: String, quitWarning: String?) {
        self.messageID = messageID
        self.acceptedReply = acceptedReply
        self.quitWarning = quitWarning
    }
}
