import Foundation

/// A plain-text UTF-8 e-mail (RFC 5322 + MIME), rendered with CRLF line endings.
public struct MailMessage: Sendable, Equatable {
    /// The From: address.
    public var from: String
    /// The To: addresses (also the envelope recipients).
    public var to: [String]
    /// The subject, any Unicode (encoded as RFC 2047 words when not ASCII).
    public var subject: String
    /// The text body; any line endings (converted to CRLF).
    public var body: String
    /// The Date: header value (see `MailDate`).
    public var date: String
    /// The Message-ID: header value, `<unique@host>`.
    public var messageID: String
    /// Extra header fields (for example `X-Alert-Id`); names must be ASCII letters, digits and '-'.
    public var extraHeaders: [(name: String, value: String)]

    /// Creates a message.
    public init(from: String, to: [String], subject: String, body: String, date: String, messageID: String,
                extraHeaders: [(name: String, value: String)] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.extraHeaders = extraHeaders
    }

    /// Compares every field, including the extra headers in order.
    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject && lhs.body == rhs.body && lhs.date == rhs.date
            && lhs.messageID == rhs.messageID && lhs.extraHeaders.map(\.name) == rhs.extraHeaders.map(\.name)
            && lhs.extraHeaders.map(\.value) == rhs.extraHeaders.map(\.value)
    }

    /// The header section, an empty line and the CRLF-normalised body (not yet dot-stuffed).
    public func rendered() -> [UInt8] {
        var head = "Date: \(date)\r\n"
        head += "From: \(from)\r\n"
        head += "To: \(MailHeaderText.addressList(to, nameLength: 4))\r\n"
        head += "Subject: \(MailHeaderText.encodeUnstructured(subject, nameLength: 9))\r\n"
        head += "Message-ID: \(messageID)\r\n"
        head += "MIME-Version: 1.0\r\n"
        head += "Content-Type: text/plain; charset=utf-8\r\n"
        head += "Content-Transfer-Encoding: 8bit\r\n"
        for header in extraHeaders {
            let name = String(header.name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            head += "\(name): \(MailHeaderText.encodeUnstructured(header.value, nameLength: name.count + 2))\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + MailBodyEncoding.normalized(Array(body.utf8))
    }

    /// True when any byte of the rendered message is outside 7-bit ASCII (needs 8BITMIME).
    public var hasEightBitContent: Bool { rendered().contains { $0 >= 0x80 } }
}
