/// Reads the `<sheetData>` of a worksheet part into typed cells.
///
/// Cells and rows without `r=` attributes are placed by order (next column, next row); nothing is
/// allocated from `<dimension>`, which writers may fill with anything (`A1:XFD1048576`).
struct XLSXWorksheetParser {
    /// The workbook path, for errors.
    let file: String
    /// The sheet name, for errors.
    let sheetName: String
    /// The workbook's shared string table.
    let sharedStrings: [String]
    /// The workbook's cell formats, indexed by `s`.
    let formats: [XLSXCellFormat]
    /// Whether serials count from 1904.
    let date1904: Bool

    /// Parses the worksheet XML `bytes` into its non-empty cells in document order.
    func parse(_ bytes: [UInt8], part: String) throws -> [XLSXCell] {
        try XLSXPart.parse(bytes, file: file, part: part) { parser in
            var cells: [XLSXCell] = []
            var row = 0
            var column = 0
            while true {
                switch try parser.next() {
                case .startElement(let tag):
                    switch tag.localName {
                    case "row":
                        if let text = tag.attribute("r") {
                            guard let number = Int(text), number >= 1, number <= XLSXCellReference.maxRow else {
                                throw failure("row number '\(text)' is not a whole number in 1...\(XLSXCellReference.maxRow)", row: row + 1, column: nil)
                            }
                            row = number
                        } else {
                            row += 1
                        }
                        column = 0
                    case "c":
                        if let reference = tag.attribute("r") {
                            guard let position = XLSXCellReference.parse(reference) else {
                                throw failure("cell reference '\(reference)' is not an A1 reference like 'B7'", row: row, column: reference)
                            }
                            row = max(position.row, 1)
                            column = position.column
                        } else {
                            column += 1
                            if row == 0 { row = 1 }
                        }
                        if let cell = try readCell(tag, row: row, column: column, &parser) { cells.append(cell) }
                    case "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols":
                        // Siblings before <sheetData> carry nothing cells need (never size buffers by <dimension>).
                        try parser.skipElement()
                    default:
                        break
                    }
                case .endElement(let name):
                    if name == "sheetData" { return cells }
                case .text:
                    break
                case .endOfDocument:
                    return cells
                }
            }
        }
    }

    /// Reads one `<c>` (its start tag was just returned) and types its value; `nil` when it holds no value.
    private func readCell(_ tag: XMLStartTag, row: Int, column: Int, _ parser: inout XMLPullParser) throws -> XLSXCell? {
        let type = tag.attribute("t")
        // A style index outside cellXfs (sloppy writers) reads as General, as Excel shows it.
        var format: XLSXCellFormat?
        if let style = tag.attribute("s"), let index = Int(style), index >= 0, index < formats.count {
            format = formats[index]
        }
        var rawValue: String?
        var inlineString: String?
        var hasFormula = false
        var level = 1
        while level > 0 {
            switch try parser.next() {
            case .startElement(let child):
                switch child.localName {
                case "v": rawValue = try parser.readElementText()
                case "is": inlineString = try XLSXPart.readStringItem(&parser)
                case "f":
                    hasFormula = true
                    try parser.skipElement()
                default: level += 1
                }
            case .endElement: level -= 1
            case .text: break
            case .endOfDocument: level = 0
            }
        }
        if format?.kind == .number && format?.numberFormatId == 0 { format = nil }
        let value: Cell
        var number: Double?
        switch type {
        case "s":
            guard let text = rawValue?.trimmingXMLSpace, !text.isEmpty else { return nil }
            guard let index = Int(text), index >= 0, index < sharedStrings.count else {
                throw failure("shared string index '\(text)' is out of range; the table has \(sharedStrings.count) strings", row: row, column: column)
            }
            value = .string(sharedStrings[index])
        case "inlineStr":
            guard let text = inlineString ?? rawValue.map(XLSXStringEscapes.decode) else { return nil }
            value = .string(text)
        case "str":
            guard let text = rawValue else { return nil }
            value = .string(XLSXStringEscapes.decode(text))
        case "b":
            guard let text = rawValue?.trimmingXMLSpace, !text.isEmpty else { return nil }
            switch text {
            case "1", "true", "TRUE": value = .bool(true)
            case "0", "false", "FALSE": value = .bool(false)
            default: throw failure("boolean cell holds '\(text)'; expected 0 or 1", row: row, column: column)
            }
        case "e":
            guard let text = rawValue?.trimmingXMLSpace, !text.isEmpty else { return nil }
            value = .error(text)
        case "d":
            guard let text = rawValue?.trimmingXMLSpace, !text.isEmpty else { return nil }
            guard let parsed = XLSXDates.cell(iso: text) else {
                throw failure("date cell holds '\(text)'; expected ISO 8601 like 2024-02-29 or 2024-02-29T13:45:00", row: row, column: column)
            }
            value = parsed
        case nil, "n":
            guard let text = rawValue?.trimmingXMLSpace, !text.isEmpty else { return nil }
            guard let parsed = Self.number(text) else {
                throw failure("numeric cell holds '\(text)'; expected a number", row: row, column: column)
            }
            number = parsed.double
            if format?.kind == .date, let date = XLSXDates.cell(serial: parsed.double, date1904: date1904) {
                value = date
            } else {
                value = parsed.cell
            }
        default:
            throw failure("unknown cell type t=\"\(type ?? "")\"; expected s, str, inlineStr, b, e, d or n", row: row, column: column)
        }
        return XLSXCell(row: row, column: column, rawType: type, format: format, hasFormula: hasFormula, value: value, number: number)
    }

    /// Parses a number: `.integer` when it is integral and exactly representable, else `.double`.
    static func number(_ text: String) -> (cell: Cell, double: Double)? {
        if let integer = Int64(text) { return (.integer(integer), Double(integer)) }
        guard let double = Double(text), double.isFinite else { return nil }
        if double == double.rounded(), abs(double) <= 9_007_199_254_740_992 {
            return (.integer(Int64(double)), double)
        }
        return (.double(double), double)
    }

    private func failure(_ message: String, row: Int?, column: Int) -> FormatError {
        failure(message, row: row, column: column > 0 ? XLSXCellReference.columnLetters(column) : nil)
    }

    private func failure(_ message: String, row: Int?, column: String?) -> FormatError {
        FormatError(file: file, line: row, column: column, message: "sheet '\(sheetName)': \(message)")
    }
}
