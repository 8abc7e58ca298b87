/// A complete SMTP reply: the three-digit code and the text of every line (RFC 5321 section 4.2).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200-599.
    public var code: Int
    /// The text after `NNN-` / `NNN ` on each line.
    public var lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// `250 first line / second line`.
    public var description: String { "\(code) " + lines.joined(separator: " / ") }

    /// Reads one reply, following `NNN-` continuation lines until the `NNN ` (or bare `NNN`) last line.
    static func read(from connection: TCPConnection) throws -> SMTPReply {
        var lines: [String] = []
        var code: Int?
        while true {
            let raw = try connection.readLine(maxLength: 4096)
            let line = String(decoding: raw, as: UTF8.self)
            let digits = line.prefix(3)
            guard digits.count == 3, digits.allSatisfy(\.isASCII), let number = Int(digits), (200...599).contains(number) else {
                throw SMTPReplyFormatError(line: line)
            }
            if let code, code != number { throw SMTPReplyFormatError(line: line) }
            code = number
            let separator = line.dropFirst(3).first
            guard separator == nil || separator == " " || separator == "-" else { throw SMTPReplyFormatError(line: line) }
            lines.append(String(line.dropFirst(4)))
            if separator != "-" { return SMTPReply(code: number, lines: lines) }
            guard lines.count < 200 else { throw SMTPReplyFormatError(line: "(more than 200 continuation lines)") }
        }
    }
}

/// A line that is not part of a valid SMTP reply.
struct SMTPReplyFormatError: Error {
    /// The offending line.
    var line: String
}
