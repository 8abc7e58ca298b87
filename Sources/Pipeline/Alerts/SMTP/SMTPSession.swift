/// One SMTP conversation: sends command lines and checks every reply code.
final class SMTPSession {
    private let connection: TCPConnection

    /// Opens the connection; failures become `SMTPError` for the `connect` step.
    init(config: SMTPConfig) throws {
        do {
            connection = try TCPConnection(host: config.host, port: config.port, connectTimeout: config.connectTimeout,
                                           ioTimeout: config.ioTimeout, totalTimeout: config.totalTimeout)
        } catch let error as NetworkError {
            throw SMTPError(command: "connect", reply: nil, message: "\(error)", isTransient: error.isTransient)
        }
    }

    /// Closes the connection.
    func close() { connection.close() }

    /// Reads the next reply; network and format problems are reported against `command`.
    func readReply(for command: String) throws -> SMTPReply {
        do {
            return try SMTPReply.read(from: connection)
        } catch let error as NetworkError {
            throw SMTPError(command: command, reply: nil, message: "\(error)", isTransient: error.isTransient)
        } catch let error as SMTPReplyFormatError {
            throw SMTPError(command: command, reply: nil,
                            message: "the server sent '\(error.line.prefix(80))', which is not an SMTP reply; check host and port point at an SMTP server",
                            isTransient: false)
        }
    }

    /// Writes raw bytes (the message after DATA), reporting failures against `command`.
    func write(_ bytes: [UInt8], for command: String) throws {
        do {
            try connection.write(bytes)
        } catch let error as NetworkError {
            throw SMTPError(command: command, reply: nil, message: "\(error)", isTransient: error.isTransient)
        }
    }

    /// Sends `line` + CRLF and returns the reply, whatever its code.
    ///
    /// - Parameter shownAs: the command as errors should name it (hides AUTH credentials).
    func send(_ line: String, shownAs: String? = nil) throws -> SMTPReply {
        let name = shownAs ?? line
        try write(Array((line + "\r\n").utf8), for: name)
        return try readReply(for: name)
    }

    /// Sends `line` and requires a reply code in `expected`, or throws naming the command and reply.
    @discardableResult
    func command(_ line: String, shownAs: String? = nil, expecting expected: Set<Int>, hint: String) throws -> SMTPReply {
        let reply = try send(line, shownAs: shownAs)
        guard expected.contains(reply.code) else { throw SMTPError.rejected(shownAs ?? line, reply, hint: hint) }
        return reply
    }
}
