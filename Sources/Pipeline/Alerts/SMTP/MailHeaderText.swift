import Foundation

/// Header field text: RFC 2047 encoded-words for non-ASCII, folding, and Message-IDs.
public enum MailHeaderText {
    /// The longest encoded-word RFC 2047 allows.
    static let maxEncodedWordLength = 75

    /// `text` ready to follow `Subject: `: unchanged when printable ASCII (folded at spaces past
    /// 78 columns), otherwise as UTF-8 base64 encoded-words of at most 75 characters on folded lines.
    /// Line breaks in `text` become spaces so the header cannot be split.
    public static func encodeUnstructured(_ text: String, nameLength: Int = 9) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        let needsEncoding = flat.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E } || flat.contains("=?")
            || flat.split(separator: " ").contains { $0.utf8.count > 900 }  // unfoldable: would break the 998-octet line limit
        return needsEncoding ? encodedWords(flat).joined(separator: "\r\n ") : foldAtSpaces(flat, firstLineUsed: nameLength)
    }

    /// `=?UTF-8?B?...?=` words, each at most 75 characters, never splitting a Unicode scalar.
    static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        // 4 base64 characters per 3 bytes; keep the whole word within 75 characters.
        let maxBytes = (maxEncodedWordLength - prefix.count - suffix.count) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maxBytes {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk.removeAll()
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + suffix) }
        return words
    }

    /// ASCII text folded (CRLF + space) before a space wherever a line would pass 78 characters.
    static func foldAtSpaces(_ text: String, firstLineUsed: Int) -> String {
        var output = ""
        var lineLength = firstLineUsed
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 {
                if lineLength + 1 + word.count > 78 && lineLength > 1 {
                    output += "\r\n "
                    lineLength = 1
                } else {
                    output += " "
                    lineLength += 1
                }
            }
            output += word
            lineLength += word.count
        }
        return output
    }

    /// A list of addresses for To:, folded after a comma when a line would pass 78 characters.
    static func addressList(_ addresses: [String], nameLength: Int) -> String {
        var output = ""
        var lineLength = nameLength
        for (index, address) in addresses.enumerated() {
            if index > 0 {
                output += ","
                lineLength += 1
                if lineLength + 1 + address.count > 78 {
                    output += "\r\n "
                    lineLength = 1
                } else {
                    output += " "
                    lineLength += 1
                }
            }
            output += address
            lineLength += address.count
        }
        return output
    }

    /// A new globally unique `<time.random.pid@host>` Message-ID (RFC 5322 section 3.6.4).
    public static func makeMessageID(host: String, date: Date) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let random = UInt64.random(in: .min ... .max)
        let safeHost = String(host.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        return "<\(String(millis, radix: 36)).\(String(random, radix: 16)).\(getpid())@\(safeHost.isEmpty ? "localhost" : safeHost)>"
    }
}
