import Foundation

/// Replies the fake SMTP server gives; each may be multi-line (lines joined with CRLF).
public struct SMTPScript: Sendable {
    public var greeting = "220 fake.test ESMTP ready"
    public var ehloReply = "250-fake.test greets you\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10240000"
    public var heloReply = "250 fake.test"
    public var authReply = "235 2.7.0 Authentication successful"
    public var mailReply = "250 2.1.0 Ok"
    public var rcptReply: @Sendable (String) -> String = { _ in "250 2.1.5 Ok" }
    public var dataReply = "354 End data with <CR><LF>.<CR><LF>"
    public var endOfDataReply = "250 2.0.0 Ok: queued as Q1"
    public var quitReply = "221 2.0.0 Bye"
    public init() {}
}

/// What the fake server saw: command lines in order and the raw bytes after DATA (still dot-stuffed).
public struct SMTPConversation: Sendable {
    public var commands: [String] = []
    public var rawData: [UInt8] = []
    public var messagesAccepted = 0
}

/// An SMTP server on 127.0.0.1 that follows `SMTPScript` and records the conversation.
public final class FakeSMTPServer: @unchecked Sendable {
    public let conversation = Locked(SMTPConversation())
    private var server: TestServer?

    public var port: Int { server!.port }

    public init(script: SMTPScript) throws {
        let conversation = self.conversation
        server = try TestServer { connection, _ in Self.serve(connection, script: script, conversation: conversation) }
    }

    public func stop() { server?.stop() }

    private static func serve(_ connection: ServerConnection, script: SMTPScript, conversation: Locked<SMTPConversation>) {
        func reply(_ text: String) { connection.write(text + "\r\n") }
        func record(_ line: String) { conversation.withValue { $0.commands.append(line) } }
        reply(script.greeting)
        while let line = connection.readLine() {
            record(line)
            let verb = line.uppercased()
            if verb.hasPrefix("EHLO") {
                reply(script.ehloReply)
            } else if verb.hasPrefix("HELO") {
                reply(script.heloReply)
            } else if verb == "AUTH LOGIN" {
                reply("334 VXNlcm5hbWU6")
                guard let user = connection.readLine() else { return }
                record(user)
                reply("334 UGFzc3dvcmQ6")
                guard let password = connection.readLine() else { return }
                record(password)
                reply(script.authReply)
            } else if verb.hasPrefix("AUTH PLAIN") {
                reply(script.authReply)
            } else if verb.hasPrefix("MAIL FROM:") {
                reply(script.mailReply)
            } else if verb.hasPrefix("RCPT TO:") {
                reply(script.rcptReply(line))
            } else if verb == "DATA" {
                reply(script.dataReply)
                guard script.dataReply.hasPrefix("354") else { continue }
                var data: [UInt8] = []
                while let raw = connection.readRawLine() {
                    if raw == Array(".\r\n".utf8) { break }
                    data += raw
                }
                conversation.withValue { $0.rawData = data; $0.messagesAccepted += 1 }
                reply(script.endOfDataReply)
            } else if verb == "QUIT" {
                reply(script.quitReply)
                return
            } else if verb == "RSET" || verb == "NOOP" {
                reply("250 Ok")
            } else {
                reply("502 5.5.2 Command not recognized")
            }
        }
    }
}

/// Decodes a Subject made of `=?UTF-8?B?...?=` words (folded or not) back to text.
public func decodeEncodedWords(_ value: String) -> String? {
    var bytes: [UInt8] = []
    for word in value.replacingOccurrences(of: "\r\n", with: " ").split(separator: " ") {
        guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="), word.count <= 75 else { return nil }
        guard let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return nil }
        bytes += data
    }
    return String(bytes: bytes, encoding: .utf8)
}

/// Header fields of a rendered message (unfolded), keyed by lower-cased name; and the body text.
public func splitMessage(_ bytes: [UInt8]) -> (headers: [String: String], body: String) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let separator = text.range(of: "\r\n\r\n") else { return ([:], text) }
    let unfolded = text[..<separator.lowerBound].replacingOccurrences(of: "\r\n ", with: " ")
    var headers: [String: String] = [:]
    for line in unfolded.components(separatedBy: "\r\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].dropFirst())
    }
    return (headers, String(text[separator.upperBound...]))
}
