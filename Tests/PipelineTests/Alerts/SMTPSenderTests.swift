import Pipeline
import Foundation
import Testing
import TestServers

@Suite struct SMTPSenderTests {
    private func config(port: Int, username: String? = nil, password: String? = nil,
                        to: [String] = ["ops@example.com", "planner@example.org"]) -> SMTPConfig {
        SMTPConfig(host: "127.0.0.1", port: port, from: "alerts@example.com", to: to, username: username, password: password,
                   heloName: "daemon.example.com", ioTimeout: 5, totalTimeout: 10)
    }

    @Test func fullConversationWithAuthPlainDotStuffingAndHeaders() throws {
        let server = try FakeSMTPServer(script: SMTPScript())
        defer { server.stop() }
        let sender = try SMTPSender(config: config(port: server.port, username: "alice", password: "pa ss"))
        let subject = "Run failed: Prévision ✓ état — " + String(repeating: "long ", count: 12)
        let body = "first line Zürich\n.starts with a dot\r\n..two dots\rlone CR\n.\nlast"
        let receipt = try sender.send(subject: subject, body: body, extraHeaders: [(name: "X-Alert-Id", value: "a-1")])
        #expect(receipt.acceptedReply == "250 2.0.0 Ok: queued as Q1")
        #expect(receipt.quitWarning == nil)

        let conversation = server.conversation.current
        let commands = conversation.commands
        #expect(commands.first == "EHLO daemon.example.com")
        let auth = try #require(commands.first { $0.hasPrefix("AUTH PLAIN ") })
        let token = try #require(Data(base64Encoded: String(auth.dropFirst("AUTH PLAIN ".count))))
        #expect(Array(token) == Array("\0alice\0pa ss".utf8))
        #expect(commands.contains("MAIL FROM:<alerts@example.com> BODY=8BITMIME"))
        #expect(commands.filter { $0.hasPrefix("RCPT TO:") } == ["RCPT TO:<ops@example.com>", "RCPT TO:<planner@example.org>"])
        #expect(Array(commands.suffix(2)) == ["DATA", "QUIT"])

        let raw = conversation.rawData
        let rawText = String(decoding: raw, as: UTF8.self)
        // Every line ends in CRLF; no bare CR or LF anywhere.
        #expect(!rawText.replacingOccurrences(of: "\r\n", with: "").contains(where: { $0 == "\r" || $0 == "\n" }))
        let message = splitMessage(raw)
        #expect(message.body == "first line Zürich\r\n..starts with a dot\r\n...two dots\r\nlone CR\r\n..\r\nlast\r\n")
        #expect(message.headers["from"] == "alerts@example.com")
        #expect(message.headers["to"] == "ops@example.com, planner@example.org")
        #expect(message.headers["mime-version"] == "1.0")
        #expect(message.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(message.headers["content-transfer-encoding"] == "8bit")
        #expect(message.headers["x-alert-id"] == "a-1")
        #expect(decodeEncodedWords(message.headers["subject"] ?? "") == subject)
        let date = try #require(message.headers["date"])
        #expect(date.wholeMatch(of: /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/) != nil)
        let messageID = try #require(message.headers["message-id"])
        #expect(messageID.wholeMatch(of: /<[A-Za-z0-9.]+@daemon\.example\.com>/) != nil)
        #expect(messageID == receipt.messageID)
        // Header lines stay within 78 characters thanks to folding and short encoded-words.
        let headerSection = rawText.components(separatedBy: "\r\n\r\n")[0]
        #expect(headerSection.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 + 9 })
    }

    @Test func authLoginWhenOnlyLoginIsOffered() throws {
        var script = SMTPScript()
        script.ehloReply = "250-fake.test\r\n250 AUTH LOGIN"
        let server = try FakeSMTPServer(script: script)
        defer { server.stop() }
        try SMTPSender(config: config(port: server.port, username: "bob", password: "secret")).send(subject: "plain", body: "ascii")
        let commands = server.conversation.current.commands
        let login = try #require(commands.firstIndex(of: "AUTH LOGIN"))
        #expect(Data(base64Encoded: commands[login + 1]) == Data("bob".utf8))
        #expect(Data(base64Encoded: commands[login + 2]) == Data("secret".utf8))
        #expect(commands.contains("MAIL FROM:<alerts@example.com>"))  // ASCII only: no BODY=8BITMIME
    }

    @Test func heloFallbackAfterEhloIsRefused() throws {
        var script = SMTPScript()
        script.ehloReply = "502 5.5.1 EHLO not implemented"
        let server = try FakeSMTPServer(script: script)
        defer { server.stop() }
        try SMTPSender(config: config(port: server.port, to: ["ops@example.com"])).send(subject: "s", body: "b")
        let commands = server.conversation.current.commands
        #expect(Array(commands.prefix(3)) == ["EHLO daemon.example.com", "HELO daemon.example.com", "MAIL FROM:<alerts@example.com>"])
        #expect(server.conversation.current.messagesAccepted == 1)
    }

    @Test func serverRequiringStartTLSIsRefusedClearly() throws {
        var script = SMTPScript()
        script.ehloReply = "250-fake.test\r\n250 STARTTLS"
        script.mailReply = "530 5.7.0 Must issue a STARTTLS command first"
        let server = try FakeSMTPServer(script: script)
        defer { server.stop() }
        #expect {
            try SMTPSender(config: config(port: server.port)).send(subject: "s", body: "b")
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.command == "MAIL FROM:<alerts@example.com>" && error.reply?.code == 530 && !error.isTransient
                && "\(error)".contains("requires STARTTLS")
        }
        #expect(server.conversation.current.commands.last == "QUIT")
    }

    @Test func credentialsWithAuthOnlyAfterStartTLSAreRefused() throws {
        var script = SMTPScript()
        script.ehloReply = "250-fake.test\r\n250 STARTTLS"
        let server = try FakeSMTPServer(script: script)
        defer { server.stop() }
        #expect {
            try SMTPSender(config: config(port: server.port, username: "u", password: "p")).send(subject: "s", body: "b")
        } throws: { error in
            (error as? SMTPError)?.command == "AUTH" && "\(error)".contains("STARTTLS")
        }
        #expect(!server.conversation.current.commands.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
    }

    @Test func rejectedRecipientNamesTheCommandAndReply() throws {
        var script = SMTPScript()
        script.rcptReply = { line in line.contains("nobody") ? "550 5.1.1 <nobody@example.com>: Recipient address rejected" : "250 Ok" }
        let server = try FakeSMTPServer(script: script)
        defer { server.stop() }
        #expect {
            try SMTPSender(config: config(port: server.port, to: ["ops@example.com", "nobody@example.com"])).send(subject: "s", body: "b")
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.command == "RCPT TO:<nobody@example.com>" && error.reply?.code == 550 && !error.isTransient
                && "\(error)".contains("Recipient address rejected")
        }
        #expect(server.conversation.current.messagesAccepted == 0)
    }

    @Test func temporaryFailureIsTransientAndWrongPasswordIsNot() throws {
        var script = SMTPScript()
        script.mailReply = "451 4.3.0 Try again later"
        let busy = try FakeSMTPServer(script: script)
        defer { busy.stop() }
        #expect { try SMTPSender(config: config(port: busy.port)).send(subject: "s", body: "b") } throws: { error in
            (error as? SMTPError)?.isTransient == true
        }
        var badAuth = SMTPScript()
        badAuth.authReply = "535 5.7.8 Authentication credentials invalid"
        let server = try FakeSMTPServer(script: badAuth)
        defer { server.stop() }
        #expect { try SMTPSender(config: config(port: server.port, username: "u", password: "hunter2")).send(subject: "s", body: "b") } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.command == "AUTH PLAIN" && !error.isTransient && !"\(error)".contains("hunter2") && "\(error)".contains("password")
        }
    }

    @Test func invalidConfigurationIsRefusedBeforeConnecting() {
        let bad = [
            SMTPConfig(host: "h", from: "Alerts <a@b>", to: ["x@y"]),
            SMTPConfig(host: "h", from: "a@b", to: []),
            SMTPConfig(host: "h", from: "a@b", to: ["x@y\r\nRCPT TO:<z@z>"]),
            SMTPConfig(host: "h", from: "a@b", to: ["x@y"], username: "u"),
        ]
        for config in bad {
            #expect(throws: SMTPError.self) { try SMTPSender(config: config) }
        }
    }
}
