@testable import Pipeline
import Foundation
import Testing
import TestServers

@Suite struct MailFormattingTests {
    @Test func rfc5322DateAtFixedOffsets() {
        let date = Date(timeIntervalSince1970: 1_751_378_709)  // 2025-07-01 14:05:09 UTC, a Tuesday
        #expect(MailDate.format(date, utcOffsetSeconds: 0) == "Tue, 01 Jul 2025 14:05:09 +0000")
        #expect(MailDate.format(date, utcOffsetSeconds: 19_800) == "Tue, 01 Jul 2025 19:35:09 +0530")
        #expect(MailDate.format(date, utcOffsetSeconds: -18_000) == "Tue, 01 Jul 2025 09:05:09 -0500")
    }

    @Test func asciiSubjectStaysReadable() {
        #expect(MailHeaderText.encodeUnstructured("Run 42 failed") == "Run 42 failed")
        #expect(MailHeaderText.encodeUnstructured("line\r\nBcc: x@y") == "line Bcc: x@y")
    }

    @Test func encodedWordsAreShortAndRoundTrip() {
        let subject = String(repeating: "Größe ✓ 😀 ", count: 20)
        let encoded = MailHeaderText.encodeUnstructured(subject)
        #expect(encoded.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") })
        #expect(decodeEncodedWords(encoded) == subject)
    }

    @Test func dotStuffingAndCRLFNormalisation() {
        let stuffed = MailBodyEncoding.dotStuffed(Array("a\n.b\r.\r\n..c".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "a\r\n..b\r\n..\r\n...c\r\n.\r\n")
    }

    @Test func overLongLinesAreSplitOnCharacterBoundaries() {
        let line = String(repeating: "é", count: 700)  // 1400 octets
        let normalized = MailBodyEncoding.normalized(Array(line.utf8))
        let lines = String(decoding: normalized, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(lines.joined() == line)
    }

    @Test func multiLineRepliesAreJoinedAndChecked() throws {
        let server = try TestServer { connection, _ in
            connection.write("250-first\r\n250-second\r\n250 last\r\n251 x\r\n250-a\r\n251 mixed\r\n")
        }
        defer { server.stop() }
        let connection = try TCPConnection(host: "127.0.0.1", port: server.port, connectTimeout: 2, ioTimeout: 2, totalTimeout: 5)
        #expect(try SMTPReply.read(from: connection) == SMTPReply(code: 250, lines: ["first", "second", "last"]))
        #expect(try SMTPReply.read(from: connection) == SMTPReply(code: 251, lines: ["x"]))
        #expect(throws: SMTPReplyFormatError.self) { try SMTPReply.read(from: connection) }
    }
}
