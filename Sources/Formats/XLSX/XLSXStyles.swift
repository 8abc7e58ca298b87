/// A cell style's number format, resolved from `xl/styles.xml`.
public struct XLSXCellFormat: Sendable, Hashable {
    /// The `numFmtId` of the cell style (`xf`).
    public var numberFormatId: Int
    /// The format code: the workbook's custom definition or the built-in one; `nil` for unknown built-in ids.
    public var code: String?
    /// How numbers in this style are meant to be read.
    public var kind: XLSXFormatKind

    /// Creates a resolved format.
    public init(numberFormatId: Int, code: String?, kind: XLSXFormatKind) {
        self.numberFormatId = numberFormatId
        self.code = code
        self.kind = kind
    }

    /// The General format used when a cell has no style.
    public static let general = XLSXCellFormat(numberFormatId: 0, code: "General", kind: .number)
}

/// Reads the cell formats (`<cellXfs>`) and custom number formats (`<numFmts>`) of `xl/styles.xml`.
enum XLSXStyles {
    /// One resolved format per `<xf>` of `<cellXfs>`, indexed by a cell's `s` attribute.
    static func parse(_ bytes: [UInt8], file: String, part: String) throws -> [XLSXCellFormat] {
        try XLSXPart.parse(bytes, file: file, part: part) { parser in
            var customCodes: [Int: String] = [:]
            var formatIds: [Int] = []
            var inCellFormats = false
            while true {
                switch try parser.next() {
                case .startElement(let tag):
                    switch tag.localName {
                    case "numFmt":
                        if let id = tag.attribute("numFmtId").flatMap({ Int($0) }), let code = tag.attribute("formatCode") {
                            customCodes[id] = code
                        }
                    case "cellXfs":
                        inCellFormats = true
                    case "xf" where inCellFormats:
                        formatIds.append(tag.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                        try parser.skipElement()
                    default:
                        break
                    }
                case .endElement(let name):
                    if name == "cellXfs" { inCellFormats = false }
                case .text:
                    break
                case .endOfDocument:
                    return formatIds.map { id in
                        if let code = customCodes[id] {
                            return XLSXCellFormat(numberFormatId: id, code: code, kind: XLSXNumberFormat.kind(of: code))
                        }
                        return XLSXCellFormat(
                            numberFormatId: id, code: XLSXNumberFormat.builtInCode(id), kind: XLSXNumberFormat.builtInKind(id))
                    }
                }
            }
        }
    }
}
