/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Strict where the RFC is (no trailing commas, no leading zeros, no comments, no control
/// characters in strings, nothing after the value); nesting deeper than `maxDepth` is refused
/// rather than overflowing the stack. Errors carry the 1-based line and a message.
public struct JSONParser {
    /// A parse failure: 1-based line and what was expected.
    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// Deepest nesting accepted.
    public static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int
    private var line: Int
    private var depth = 0

    /// Parses one complete JSON text (surrounding whitespace allowed).
    public static func parse(_ data: [UInt8]) throws(Failure) -> JSONValue {
        try parse(data, from: 0, to: data.count, line: 1)
    }

    /// Parses the JSON text in `data[from..<to]`, numbering lines from `line`.
    public static func parse(_ data: [UInt8], from: Int, to: Int, line: Int) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure> = data.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, position: from, end: to, line: line)
            do {
                parser.skipWhitespace()
                let value = try parser.value()
                parser.skipWhitespace()
                guard parser.position == parser.end else { throw parser.failure("unexpected text after the JSON value") }
                return .success(value)
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(Failure(line: line, message: "\(error)"))
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, position: Int, end: Int, line: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
        self.line = line
    }

    private func failure(_ message: String) -> Failure { Failure(line: line, message: message) }

    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: position += 1; line += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        guard position < end else { throw failure("expected a value, found the end of the text") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("expected a value, found '\(Character(Unicode.Scalar(bytes[position])))'")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard position < end, bytes[position] == expected else { throw failure("expected '\(word)'") }
            position += 1
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > JSONParser.maxDepth { throw failure("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enter()
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var indexOfKey: [String: Int] = [:]
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "}") { position += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a quoted member name") }
            let key = try string()
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':' after the member name \"\(key)\"") }
            position += 1
            skipWhitespace()
            let member = try value()
            if let existing = indexOfKey[key] { members[existing].value = member } else {
                indexOfKey[key] = members.count
                members.append((key, member))
            }
            skipWhitespace()
            guard position < end else { throw failure("an object is not closed; expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; break }
            throw failure("expected ',' or '}' in an object")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enter()
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "]") { position += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard position < end else { throw failure("an array is not closed; expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; break }
            throw failure("expected ',' or ']' in an array")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func number() throws(Failure) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, isDigit(bytes[position]) else { throw failure("a number needs a digit after '-'") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, isDigit(bytes[position]) { throw failure("numbers must not have leading zeros") }
        } else {
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, isDigit(bytes[position]) else { throw failure("a number needs digits after '.'") }
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < end, isDigit(bytes[position]) else { throw failure("a number needs digits in its exponent") }
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func string() throws(Failure) -> String {
        position += 1
        var output: [UInt8] = []
        var runStart = position
        while true {
            guard position < end else { throw failure("a string is not closed; a '\"' is missing") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                break
            }
            if byte < 0x20 { throw failure("control character U+\(String(byte, radix: 16)) inside a string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                try escape(into: &output)
                runStart = position
                continue
            }
            position += 1
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
        return text
    }

    private mutating func escape(into output: inout [UInt8]) throws(Failure) {
        guard position < end else { throw failure("a string ends inside an escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar), position + 1 < end, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                let saved = position
                position += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    position = saved
                }
            }
            // A lone surrogate cannot be text; it becomes U+FFFD (RFC 8259 leaves this to the parser).
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            output.append(contentsOf: String(character).utf8)
        default:
            throw failure("invalid escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= end else { throw failure("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x57)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x37)
            default: throw failure("\\u needs four hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
