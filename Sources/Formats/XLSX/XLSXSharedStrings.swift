/// The shared string table (`xl/sharedStrings.xml`): cells with `t="s"` hold an index into it.
enum XLSXSharedStrings {
    /// Parses every `<si>` item in order; an empty `<si/>` is an empty string.
    static func parse(_ bytes: [UInt8], file: String, part: String) throws -> [String] {
        try XLSXPart.parse(bytes, file: file, part: part) { parser in
            var strings: [String] = []
            while true {
                switch try parser.next() {
                case .startElement(let tag):
                    if tag.localName == "sst", let count = tag.attribute("uniqueCount").flatMap({ Int($0) }) {
                        strings.reserveCapacity(min(max(count, 0), 1 << 16))
                    } else if tag.localName == "si" {
                        strings.append(try XLSXPart.readStringItem(&parser))
                    }
                case .endOfDocument:
                    return strings
                default:
                    break
                }
            }
        }
    }
}
