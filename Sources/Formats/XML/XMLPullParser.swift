/// A small, fast pull tokenizer for XML documents such as SpreadsheetML parts.
///
/// It reports elements, attributes and text; it skips the XML declaration, processing instructions,
/// comments and DOCTYPE, accepts a UTF-8 byte-order mark (UTF-16 input is transcoded first),
/// and decodes the five predefined entities plus numeric character references. It does not
/// validate, resolve namespaces to URIs (prefixes are kept; match on local names) or expand DTD entities.
public struct XMLPullParser {
    private let bytes: [UInt8]
    private var position: Int
    private var pendingEnd: String?
    /// Qualified names of the open elements, to check that end tags match.
    private var openElements: [String] = []

    /// Creates a parser over the UTF-8 (or BOM-marked UTF-16) document `bytes`.
    public init(bytes: [UInt8]) {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            self.bytes = XMLPullParser.transcodeUTF16(bytes)
        } else {
            self.bytes = bytes
        }
        let hasBOM = self.bytes.count >= 3 && self.bytes[0] == 0xEF && self.bytes[1] == 0xBB && self.bytes[2] == 0xBF
        position = hasBOM ? 3 : 0
    }

    /// Returns the next event, or `.endOfDocument` once the input is exhausted.
    public mutating func next() throws(XMLSyntaxError) -> XMLEvent {
        if let name = pendingEnd {
            pendingEnd = nil
            openElements.removeLast()
            return .endElement(localName: name)
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                return .text(try readText())
            }
            guard position + 1 < bytes.count else { throw error("document ends right after '<'") }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"):
                return try readEndTag()
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8), what: "processing instruction")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: Array("-->".utf8), what: "comment")
                } else if matches("<![CDATA[") {
                    let start = position + 9
                    guard let end = find(Array("]]>".utf8), from: start) else {
                        throw error("CDATA section is not closed; expected ']]>'")
                    }
                    position = end + 3
                    return .text(normalizedLineEnds(start, end))
                } else {
                    try skipDeclaration()
                }
            default:
                return try readStartTag()
            }
        }
        if let open = openElements.last {
            throw error("document ends inside <\(open)> (\(openElements.count) element(s) left open); the part is truncated")
        }
        return .endOfDocument
    }

    /// Reads events up to the end of the element whose start tag was just returned, concatenating its text.
    ///
    /// Text of nested elements is included; use it for leaf elements such as `<v>` and `<t>`.
    public mutating func readElementText() throws(XMLSyntaxError) -> String {
        var text = ""
        var level = 1
        while level > 0 {
            switch try next() {
            case .startElement: level += 1
            case .endElement: level -= 1
            case .text(let chunk): if text.isEmpty { text = chunk } else { text += chunk }
            case .endOfDocument: throw error("document ends inside an element; expected its closing tag")
            }
        }
        return text
    }

    /// Skips everything up to and including the end of the element whose start tag was just returned.
    public mutating func skipElement() throws(XMLSyntaxError) {
        var level = 1
        while level > 0 {
            switch try next() {
            case .startElement: level += 1
            case .endElement: level -= 1
            case .text: break
            case .endOfDocument: throw error("document ends inside an element; expected its closing tag")
            }
        }
    }

    // MARK: - tags

    private mutating func readStartTag() throws(XMLSyntaxError) -> XMLEvent {
        position += 1
        let (qualified, local) = try readName("an element name after '<'")
        var attributes: [XMLAttribute] = []
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("document ends inside the start tag <\(qualified)>") }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                openElements.append(qualified)
                return .startElement(XMLStartTag(qualifiedName: qualified, localName: local, attributes: attributes))
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw error("expected '/>' to close the empty element <\(qualified)>")
                }
                position += 2
                openElements.append(qualified)
                pendingEnd = local
                return .startElement(XMLStartTag(qualifiedName: qualified, localName: local, attributes: attributes))
            }
            let (attributeName, attributeLocal) = try readName("an attribute name or '>' in <\(qualified)>")
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw error("expected '=' after attribute '\(attributeName)' in <\(qualified)>")
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw error("expected a quoted value for attribute '\(attributeName)' in <\(qualified)>")
            }
            let quote = bytes[position]
            let start = position + 1
            var end = start
            while end < bytes.count && bytes[end] != quote { end += 1 }
            guard end < bytes.count else { throw error("attribute '\(attributeName)' value is not closed") }
            position = end + 1
            let value = try decodeCharacterData(start, end)
            attributes.append(XMLAttribute(qualifiedName: attributeName, localName: attributeLocal, value: value))
        }
    }

    private mutating func readEndTag() throws(XMLSyntaxError) -> XMLEvent {
        position += 2
        let (qualified, local) = try readName("an element name after '</'")
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw error("expected '>' to close the end tag </\(qualified)>")
        }
        guard let open = openElements.last else { throw error("end tag </\(qualified)> has no matching start tag") }
        guard open == qualified else { throw error("end tag </\(qualified)> does not match the open element <\(open)>") }
        position += 1
        openElements.removeLast()
        return .endElement(localName: local)
    }

    /// Reads an XML name and returns it with and without its prefix.
    private mutating func readName(_ what: String) throws(XMLSyntaxError) -> (String, String) {
        let start = position
        var colon = -1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: ":") { colon = position }
            position += 1
        }
        guard position > start else { throw error("expected \(what)") }
        let qualified = String(decoding: bytes[start..<position], as: UTF8.self)
        if colon < 0 { return (qualified, qualified) }
        return (qualified, String(decoding: bytes[(colon + 1)..<position], as: UTF8.self))
    }

    // MARK: - text

    private mutating func readText() throws(XMLSyntaxError) -> String {
        let start = position
        while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
        return try decodeCharacterData(start, position)
    }

    /// Decodes `bytes[start..<end]`: references expanded, CR LF and lone CR turned into LF.
    private func decodeCharacterData(_ start: Int, _ end: Int) throws(XMLSyntaxError) -> String {
        var plain = true
        for index in start..<end where bytes[index] == UInt8(ascii: "&") || bytes[index] == 0x0D {
            plain = false
            break
        }
        if plain { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x0D {
                output.append(0x0A)
                index += (index + 1 < end && bytes[index + 1] == 0x0A) ? 2 : 1
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                index += 1
                continue
            }
            var semicolon = index + 1
            while semicolon < end && semicolon - index <= 12 && bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";") else {
                // A bare '&' is not well-formed, but keeping it is kinder than failing on a whole sheet.
                output.append(byte)
                index += 1
                continue
            }
            let name = bytes[(index + 1)..<semicolon]
            if let scalar = try Self.resolveReference(name, parser: self, at: index) {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else {
                output.append(contentsOf: bytes[index...semicolon])
            }
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The character a reference names (`amp`, `#65`, `#x41`), or `nil` for an unknown named entity.
    private static func resolveReference(_ name: ArraySlice<UInt8>, parser: XMLPullParser, at offset: Int) throws(XMLSyntaxError) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case let text where text.hasPrefix("#"):
            let isHex = text.hasPrefix("#x") || text.hasPrefix("#X")
            let digits = text.dropFirst(isHex ? 2 : 1)
            guard let code = UInt32(digits, radix: isHex ? 16 : 10), let scalar = Unicode.Scalar(code) else {
                throw XMLSyntaxError(line: parser.line(at: offset), offset: offset,
                                     message: "character reference '&\(text);' does not name a Unicode scalar value")
            }
            return scalar
        default:
            return nil
        }
    }

    private func normalizedLineEnds(_ start: Int, _ end: Int) -> String {
        guard bytes[start..<end].contains(0x0D) else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var output: [UInt8] = []
        var index = start
        while index < end {
            if bytes[index] == 0x0D {
                output.append(0x0A)
                index += (index + 1 < end && bytes[index + 1] == 0x0A) ? 2 : 1
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - skipping

    private mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            position += 1
        }
    }

    private func matches(_ literal: String) -> Bool {
        var index = position
        for byte in literal.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private mutating func skip(past terminator: [UInt8], what: String) throws(XMLSyntaxError) {
        guard let end = find(terminator, from: position + 2) else {
            throw error("\(what) is not closed; expected '\(String(decoding: terminator, as: UTF8.self))'")
        }
        position = end + terminator.count
    }

    /// Skips `<!DOCTYPE ...>` including an internal subset in brackets.
    private mutating func skipDeclaration() throws(XMLSyntaxError) {
        var bracketDepth = 0
        var index = position + 2
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): bracketDepth += 1
            case UInt8(ascii: "]"): bracketDepth -= 1
            case UInt8(ascii: ">") where bracketDepth <= 0:
                position = index + 1
                return
            default: break
            }
            index += 1
        }
        throw error("declaration starting with '<!' is not closed; expected '>'")
    }

    // MARK: - errors

    private func line(at offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A { line += 1 }
        return line
    }

    private func error(_ message: String) -> XMLSyntaxError {
        XMLSyntaxError(line: line(at: position), offset: position, message: message)
    }

    private static func transcodeUTF16(_ bytes: [UInt8]) -> [UInt8] {
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let pair = littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            units.append(pair)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
