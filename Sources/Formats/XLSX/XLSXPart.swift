/// Helpers shared by the readers of individual workbook parts.
enum XLSXPart {
    /// Runs `body` over a parser for `bytes`, turning XML errors into a `FormatError` naming `file` and `part`.
    static func parse<T>(_ bytes: [UInt8], file: String, part: String, _ body: (inout XMLPullParser) throws -> T) throws -> T {
        var parser = XMLPullParser(bytes: bytes)
        do {
            return try body(&parser)
        } catch let error as XMLSyntaxError {
            throw FormatError(file: file, message: "\(part): malformed XML at line \(error.line): \(error.message)")
        }
    }

    /// Whether an `xml:space` attribute asks for whitespace to be kept.
    static func preservesSpace(_ tag: XMLStartTag) -> Bool {
        tag.attribute(qualified: "xml:space") == "preserve"
    }

    /// Reads a `<t>` element's text (the start tag was just returned), trimmed unless `xml:space="preserve"`.
    static func readTextElement(_ tag: XMLStartTag, _ parser: inout XMLPullParser) throws -> String {
        let raw = try parser.readElementText()
        return preservesSpace(tag) ? raw : XLSXStringEscapes.trimmingXMLWhitespace(raw)
    }

    /// Reads the rich or plain string inside `<si>` or `<is>` (the start tag was just returned):
    /// the text of every `<t>` concatenated, phonetic runs (`<rPh>`) skipped, `_xHHHH_` escapes decoded.
    static func readStringItem(_ parser: inout XMLPullParser) throws -> String {
        var text = ""
        var level = 1
        while level > 0 {
            switch try parser.next() {
            case .startElement(let tag):
                switch tag.localName {
                case "t": text += try readTextElement(tag, &parser)
                case "rPh", "rPr", "phoneticPr": try parser.skipElement()
                default: level += 1
                }
            case .endElement: level -= 1
            case .text: break
            case .endOfDocument:
                throw XMLSyntaxError(line: 0, offset: 0, message: "document ends inside a string item")
            }
        }
        return XLSXStringEscapes.decode(text)
    }
}
