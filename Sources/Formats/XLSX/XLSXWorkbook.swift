/// An opened `.xlsx` workbook: its sheet list, date system, shared strings and styles, with sheets read on demand.
public struct XLSXWorkbook: Sendable {
    /// The file path, used in error messages.
    public let path: String
    /// The sheets in workbook (tab) order, hidden ones included.
    public let sheets: [XLSXSheetInfo]
    /// Whether date serials count from 1904-01-01 (`<workbookPr date1904="1">`) instead of 1900.
    public let date1904: Bool
    /// The shared string table.
    public let sharedStrings: [String]
    /// The cell formats, indexed by a cell's `s` attribute.
    public let cellFormats: [XLSXCellFormat]
    private let archive: ZipArchive
    private let memoryLimitBytes: Int

    /// Opens the workbook at `path`, reading its workbook, relationship, shared-string and style parts.
    ///
    /// - Parameter memoryLimitBytes: the largest file and the largest decompressed part accepted.
    /// - Throws: `FormatError` naming `path` when the file is not a readable workbook.
    public static func open(path: String, memoryLimitBytes: Int = 4 << 30) throws -> XLSXWorkbook {
        try XLSXWorkbook(archive: ZipArchive(path: path, memoryLimitBytes: memoryLimitBytes), memoryLimitBytes: memoryLimitBytes)
    }

    /// Reads a workbook from an archive already in memory.
    public init(archive: ZipArchive, memoryLimitBytes: Int = 4 << 30) throws {
        self.archive = archive
        self.path = archive.path
        self.memoryLimitBytes = memoryLimitBytes
        let workbookPart = try Self.findWorkbookPart(archive)
        let workbookXML = try archive.data(named: workbookPart, limit: memoryLimitBytes)
        let parsed = try Self.parseWorkbook(workbookXML, file: archive.path, part: workbookPart)
        var relationships: [XLSXRelationship] = []
        let relsPart = XLSXRelationships.relsPath(for: workbookPart)
        if archive.entry(named: relsPart) != nil {
            relationships = try XLSXRelationships.parse(archive.data(named: relsPart, limit: memoryLimitBytes), file: archive.path, part: relsPart)
        }
        func target(_ relationship: XLSXRelationship) -> String? {
            relationship.isExternal ? nil : XLSXRelationships.resolve(relationship.target, from: workbookPart)
        }
        let byId = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.sheets = parsed.sheets.map { sheet in
            guard let relationship = sheet.relationshipId.flatMap({ byId[$0] }) else {
                return XLSXSheetInfo(name: sheet.name, state: sheet.state, kind: .worksheet, partPath: nil)
            }
            let kind: XLSXSheetKind = relationship.hasType("worksheet") ? .worksheet
                : relationship.hasType("chartsheet") ? .chartsheet : .other
            return XLSXSheetInfo(name: sheet.name, state: sheet.state, kind: kind, partPath: target(relationship))
        }
        self.date1904 = parsed.date1904

        let directory = workbookPart.contains("/") ? String(workbookPart[...workbookPart.lastIndex(of: "/")!]) : ""
        let stringsPart = relationships.first { $0.hasType("sharedStrings") }.flatMap(target) ?? directory + "sharedStrings.xml"
        if archive.entry(named: stringsPart) != nil {
            sharedStrings = try XLSXSharedStrings.parse(archive.data(named: stringsPart, limit: memoryLimitBytes), file: archive.path, part: stringsPart)
        } else {
            sharedStrings = []
        }
        let stylesPart = relationships.first { $0.hasType("styles") }.flatMap(target) ?? directory + "styles.xml"
        if archive.entry(named: stylesPart) != nil {
            cellFormats = try XLSXStyles.parse(archive.data(named: stylesPart, limit: memoryLimitBytes), file: archive.path, part: stylesPart)
        } else {
            cellFormats = []
        }
    }

    /// The sheet called `name` (exact match first, then ignoring letter case).
    public func sheet(named name: String) throws -> XLSXSheet {
        guard let info = sheets.first(where: { $0.name == name })
            ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw FormatError(file: path, message: "no sheet named '\(name)'; sheets: \(sheetNames)")
        }
        return try load(info)
    }

    /// The sheet at 0-based `index` in workbook order (hidden sheets count).
    public func sheet(at index: Int) throws -> XLSXSheet {
        guard sheets.indices.contains(index) else {
            throw FormatError(file: path, message: "no sheet at index \(index); the workbook has \(sheets.count) sheet(s) (0-based): \(sheetNames)")
        }
        return try load(sheets[index])
    }

    /// The sheet `selector` picks; `nil` picks the first visible worksheet (else the first worksheet, else the first sheet).
    public func sheet(_ selector: SheetSelector?) throws -> XLSXSheet {
        switch selector {
        case .name(let name): return try sheet(named: name)
        case .index(let index): return try sheet(at: index)
        case nil:
            guard let info = visibleWorksheets.first
                ?? sheets.first(where: { $0.kind == .worksheet }) ?? sheets.first else {
                throw FormatError(file: path, message: "workbook lists no sheets; expected at least one <sheet> in the workbook part")
            }
            return try load(info)
        }
    }

    /// Every visible worksheet `matches` accepts by name, in workbook order, each read as it is handed
    /// to `body` (so only one sheet's cells exist at a time). Hidden sheets are left out: a workbook's
    /// hidden tabs are lookups and scratch work, not more of its data.
    ///
    /// - Throws: `FormatError` listing the sheets when none matches `description` (the caller's pattern).
    public func forEachSheet(matching description: String, _ matches: (String) -> Bool, _ body: (XLSXSheet) throws -> Void) throws {
        let chosen = visibleWorksheets.filter { matches($0.name) }
        guard !chosen.isEmpty else {
            throw FormatError(file: path, message: "no visible worksheet matches \(description); sheets: \(sheetNames)")
        }
        for info in chosen { try body(load(info)) }
    }

    /// The names of the visible worksheets, in workbook order.
    public var visibleWorksheetNames: [String] { visibleWorksheets.map(\.name) }

    /// The visible worksheets (not hidden, not chartsheets), in workbook order.
    private var visibleWorksheets: [XLSXSheetInfo] {
        sheets.filter { $0.kind == .worksheet && $0.state == .visible }
    }

    private var sheetNames: String {
        sheets.isEmpty ? "(none)" : sheets.map(\.name).joined(separator: ", ")
    }

    /// Reads the cells of `info` (none for chartsheets and other non-grid sheets).
    private func load(_ info: XLSXSheetInfo) throws -> XLSXSheet {
        guard info.kind == .worksheet else { return XLSXSheet(info: info, cells: []) }
        guard let part = info.partPath, archive.entry(named: part) != nil else {
            throw FormatError(file: path, message: "sheet '\(info.name)': its part \(info.partPath.map { "'\($0)'" } ?? "(no relationship)") is missing from the archive")
        }
        let parser = XLSXWorksheetParser(
            file: path, sheetName: info.name, sharedStrings: sharedStrings, formats: cellFormats, date1904: date1904)
        let cells = try parser.parse(archive.data(named: part, limit: memoryLimitBytes), part: part)
        return XLSXSheet(info: info, cells: cells)
    }

    // MARK: - workbook part

    /// The workbook part named by the package's `officeDocument` relationship, else `xl/workbook.xml`.
    private static func findWorkbookPart(_ archive: ZipArchive) throws -> String {
        if archive.entry(named: "_rels/.rels") != nil {
            let relationships = try XLSXRelationships.parse(archive.data(named: "_rels/.rels"), file: archive.path, part: "_rels/.rels")
            if let document = relationships.first(where: { $0.hasType("officeDocument") && !$0.isExternal }) {
                let part = XLSXRelationships.resolve(document.target, from: "")
                if archive.entry(named: part) != nil { return part }
            }
        }
        if archive.entry(named: "xl/workbook.xml") != nil { return "xl/workbook.xml" }
        if archive.entry(named: "xl/workbook.bin") != nil {
            throw FormatError(file: archive.path, message: "this is a binary .xlsb workbook (xl/workbook.bin); expected an .xlsx with xl/workbook.xml")
        }
        throw FormatError(file: archive.path, message: "zip archive has no workbook part (no officeDocument relationship in _rels/.rels and no xl/workbook.xml); not an .xlsx file")
    }

    private struct ParsedWorkbook {
        var sheets: [(name: String, state: XLSXSheetState, relationshipId: String?)] = []
        var date1904 = false
    }

    private static func parseWorkbook(_ bytes: [UInt8], file: String, part: String) throws -> ParsedWorkbook {
        try XLSXPart.parse(bytes, file: file, part: part) { parser in
            var result = ParsedWorkbook()
            while true {
                switch try parser.next() {
                case .startElement(let tag):
                    switch tag.localName {
                    case "workbookPr":
                        // Extension lists repeat the element (`<x15:workbookPr chartTrackingRefBase="1"/>`)
                        // without the flag, so only an explicit attribute counts.
                        if let flag = tag.attribute("date1904")?.lowercased() {
                            result.date1904 = flag == "1" || flag == "true"
                        }
                    case "sheet":
                        let state = tag.attribute("state").flatMap(XLSXSheetState.init(rawValue:)) ?? .visible
                        result.sheets.append((tag.attribute("name") ?? "", state, tag.attribute("id")))
                    default:
                        break
                    }
                case .endOfDocument:
                    return result
                default:
                    break
                }
            }
        }
    }
}
