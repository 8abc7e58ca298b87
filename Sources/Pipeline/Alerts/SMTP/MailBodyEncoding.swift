/// Message text turned into what SMTP DATA may carry (RFC 5321 sections 2.3.8, 4.5.2 and 4.5.3.1.6).
enum MailBodyEncoding {
    /// The longest line, in octets without CRLF, SMTP servers must accept.
    static let maxLineOctets = 998

    /// Lines of `bytes` with every CR, LF and CRLF treated as one line break.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                lines.append(current)
                current.removeAll(keepingCapacity: true)
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                current.append(byte)
            }
            index += 1
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `line` cut into pieces of at most 998 octets, never inside a UTF-8 sequence.
    static func split(_ line: [UInt8]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        while line.count - start > maxLineOctets {
            var end = start + maxLineOctets
            while end > start + 1 && line[end] & 0xC0 == 0x80 { end -= 1 }  // back off continuation bytes
            pieces.append(Array(line[start..<end]))
            start = end
        }
        pieces.append(Array(line[start...]))
        return pieces
    }

    /// The text with CRLF line endings, over-long lines split, and a final CRLF.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 40 + 2)
        for line in lines(bytes) {
            for piece in split(line) { output += piece + [0x0D, 0x0A] }
        }
        return output
    }

    /// CRLF-normalised `message` with a '.' added before every line starting with '.', and the
    /// terminating `.` line appended: ready to send after DATA's 354.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 16)
        for line in lines(message) {
            for piece in split(line) {
                if piece.first == 0x2E { output.append(0x2E) }
                output += piece + [0x0D, 0x0A]
            }
        }
        output += Array(".\r\n".utf8)
        return output
    }
}
