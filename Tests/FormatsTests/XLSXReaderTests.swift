import Foundation
import Testing
@testable import Formats

/// Writes a minimal workbook (stored zip entries) to a temporary file and returns its path.
func makeWorkbook(
    sheets: [(name: String, xml: String, state: String?)],
    sharedStrings: [String] = [], numberFormats: [(Int, String)] = [], cellFormatIds: [Int] = [0],
    date1904: Bool = false, absoluteTargets: Bool = false, prefix: String = ""
) throws -> String {
    var builder = ZipBuilder()
    let ns = "http://schemas.openxmlformats.org"
    builder.addStored("[Content_Types].xml", Array("<Types xmlns=\"\(ns)/package/2006/content-types\"/>".utf8))
    builder.addStored("_rels/.rels", Array("""
        <Relationships xmlns="\(ns)/package/2006/relationships"><Relationship Id="rId1" \
        Type="\(ns)/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8))
    let sheetList = sheets.enumerated().map { index, sheet in
        "<\(prefix)sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"\(sheet.state.map { " state=\"\($0)\"" } ?? "")/>"
    }.joined()
    builder.addStored("xl/workbook.xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?><\(prefix)workbook xmlns\(prefix.isEmpty ? "" : ":" + prefix.dropLast())="\(ns)/spreadsheetml/2006/main" \
        xmlns:r="\(ns)/officeDocument/2006/relationships"><\(prefix)workbookPr\(date1904 ? " date1904=\"1\"" : "")/>\
        <\(prefix)sheets>\(sheetList)</\(prefix)sheets></\(prefix)workbook>
        """.utf8))
    let base = absoluteTargets ? "/xl/" : ""
    var rels = sheets.indices.map { index in
        "<Relationship Id=\"rId\(index + 1)\" Type=\"\(ns)/officeDocument/2006/relationships/worksheet\" Target=\"\(base)worksheets/sheet\(index + 1).xml\"/>"
    }
    rels.append("<Relationship Id=\"rS\" Type=\"\(ns)/officeDocument/2006/relationships/sharedStrings\" Target=\"\(base)sharedStrings.xml\"/>")
    rels.append("<Relationship Id=\"rY\" Type=\"\(ns)/officeDocument/2006/relationships/styles\" Target=\"\(base)styles.xml\"/>")
    builder.addStored("xl/_rels/workbook.xml.rels", Array("<Relationships xmlns=\"\(ns)/package/2006/relationships\">\(rels.joined())</Relationships>".utf8))
    for (index, sheet) in sheets.enumerated() {
        builder.addStored("xl/worksheets/sheet\(index + 1).xml", Array("""
            <\(prefix)worksheet xmlns\(prefix.isEmpty ? "" : ":" + prefix.dropLast())="\(ns)/spreadsheetml/2006/main"><\(prefix)sheetData>\(sheet.xml)</\(prefix)sheetData></\(prefix)worksheet>
            """.utf8))
    }
    let items = sharedStrings.map { "<si>\($0)</si>" }.joined()
    builder.addStored("xl/sharedStrings.xml", Array("<sst xmlns=\"\(ns)/spreadsheetml/2006/main\">\(items)</sst>".utf8))
    let formats = numberFormats.map { "<numFmt numFmtId=\"\($0.0)\" formatCode=\"\($0.1)\"/>" }.joined()
    let xfs = cellFormatIds.map { "<xf numFmtId=\"\($0)\" fontId=\"0\"/>" }.joined()
    builder.addStored("xl/styles.xml", Array("""
        <styleSheet xmlns="\(ns)/spreadsheetml/2006/main"><numFmts>\(formats)</numFmts>\
        <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs>\(xfs)</cellXfs></styleSheet>
        """.utf8))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-test-\(UUID().uuidString).xlsx").path
    try Data(builder.build()).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite struct XLSXReaderTests {
    func formatError(_ body: () throws -> Any) -> FormatError? {
        do { _ = try body(); return nil } catch { return error as? FormatError }
    }

    @Test func headerPaddingAndRowOrigins() throws {
        let path = try makeWorkbook(sheets: [("Data", """
            <dimension ref="A1:XFD1048576"/>
            <row r="3"><c r="B3" t="s"><v>0</v></c><c r="D3" t="inlineStr"><is><t>qty</t></is></c></row>
            <row r="4"><c r="B4" t="s"><v>1</v></c><c r="C4"><v>2.5</v></c><c r="D4"><v>7</v></c><c r="E4" t="b"><v>1</v></c></row>
            <row r="6"><c r="B6" t="e"><v>#DIV/0!</v></c></row>
            <row r="7"><c r="B7" t="s"><v>2</v></c></row>
            <row r="9"><c r="D9" t="str"><v>x_x000D_y</v></c></row>
            """, nil)], sharedStrings: ["<t>name</t>", "<r><t>Wid</t></r><r><rPr/><t xml:space=\"preserve\">get </t></r><rPh><t>ウィ</t></rPh>", ""])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try XLSXReader.read(path: path)
        #expect(table.columnNames == ["name", "column_2", "qty", "column_4"])
        #expect(table.rows == [
            [.string("Widget "), .double(2.5), .integer(7), .bool(true)],
            [.error("#DIV/0!"), .null, .null, .null],
            [.null, .null, .string("x\ry"), .null],
        ])
        #expect(table.rowOrigins == [4, 6, 9])
    }

    @Test func rowsAndCellsWithoutReferencesAndPrefixes() throws {
        let path = try makeWorkbook(sheets: [("S", """
            <x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>
            <x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>
            <x:row><x:c r="B3"><x:v>3</x:v></x:c></x:row>
            """, nil)], prefix: "x:")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try XLSXReader.read(path: path)
        #expect(table.columnNames == ["a", "b"])
        #expect(table.rows == [[.integer(1), .integer(2)], [.null, .integer(3)]])
        #expect(table.rowOrigins == [2, 3])
    }

    @Test func datesInBothSystemsAndAbsoluteTargets() throws {
        let cells = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c><c r="B1" t="inlineStr"><is><t>t</t></is></c></row>
            <row r="2"><c r="A2" s="1"><v>45351</v></c><c r="B2" s="2"><v>45351.75</v></c><c r="C2" s="3"><v>1.5</v></c></row>
            """
        let formats = [(164, "dd/mm/yyyy;[Red]@"), (165, "[h]:mm")]
        let modern = try makeWorkbook(sheets: [("S", cells, nil)], numberFormats: formats, cellFormatIds: [0, 164, 22, 165], absoluteTargets: true)
        let legacy = try makeWorkbook(sheets: [("S", cells, nil)], numberFormats: formats, cellFormatIds: [0, 164, 22, 165], date1904: true)
        defer { for path in [modern, legacy] { try? FileManager.default.removeItem(atPath: path) } }
        let day2024 = Int32(XLSXDates.daysFromCivil(year: 2024, month: 2, day: 29))
        let table = try XLSXReader.read(path: modern)
        #expect(table.rows == [[.date(days: day2024), .timestamp(Int64(day2024) * 86_400_000 + 64_800_000, unit: .milliseconds, isUTC: false), .double(1.5)]])
        let shifted = try XLSXReader.read(path: legacy)
        #expect(shifted.rows[0][0] == .date(days: day2024 + 1462))
    }

    @Test func sheetSelection() throws {
        let path = try makeWorkbook(sheets: [
            ("Hidden", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>", "hidden"),
            ("Main", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>m</t></is></c></row>", nil),
            ("Other", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>o</t></is></c></row>", nil),
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try XLSXReader.read(path: path).columnNames == ["m"])
        #expect(try XLSXReader.read(path: path, options: ReadOptions(sheet: .index(0))).columnNames == ["h"])
        #expect(try XLSXReader.read(path: path, options: ReadOptions(sheet: .name("Other"))).columnNames == ["o"])
        let missing = formatError { try XLSXReader.read(path: path, options: ReadOptions(sheet: .name("X"))) }
        #expect(missing?.message == "no sheet named 'X'; sheets: Hidden, Main, Other")
        #expect(missing?.file == path)
        let index = formatError { try XLSXReader.read(path: path, options: ReadOptions(sheet: .index(3))) }
        #expect(index?.message.contains("no sheet at index 3") == true)
    }

    @Test func cellErrorsNameRowAndColumn() throws {
        let path = try makeWorkbook(sheets: [("Data", "<row r=\"5\"><c r=\"C5\" t=\"s\"><v>9</v></c></row>", nil)], sharedStrings: ["<t>a</t>"])
        let badNumber = try makeWorkbook(sheets: [("Data", "<row r=\"2\"><c r=\"B2\"><v>12abc</v></c></row>", nil)])
        let badXML = try makeWorkbook(sheets: [("Data", "<row r=\"2\"><c r=\"B2\"><v>1</c></row>", nil)])
        defer { for file in [path, badNumber, badXML] { try? FileManager.default.removeItem(atPath: file) } }
        let index = formatError { try XLSXReader.read(path: path) }
        #expect(index?.line == 5 && index?.column == "C")
        #expect(index?.message == "sheet 'Data': shared string index '9' is out of range; the table has 1 strings")
        let number = formatError { try XLSXReader.read(path: badNumber) }
        #expect(number?.line == 2 && number?.column == "B" && number?.message.contains("'12abc'") == true)
        let xml = formatError { try XLSXReader.read(path: badXML) }
        #expect(xml?.message.contains("xl/worksheets/sheet1.xml: malformed XML") == true)
    }

    @Test func notAWorkbook() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-xlsx-\(UUID().uuidString).xlsx").path
        try Data("name,quantity\nwidget,1\ngadget,2\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(formatError { try XLSXReader.read(path: path) }?.message.contains("not a zip archive") == true)
        var builder = ZipBuilder()
        builder.addStored("readme.txt", [1])
        try Data(builder.build()).write(to: URL(fileURLWithPath: path))
        #expect(formatError { try XLSXReader.read(path: path) }?.message.contains("no workbook part") == true)
        #expect(formatError { try XLSXReader.read(path: path, options: ReadOptions(memoryLimitBytes: 10)) }?.message.contains("memory limit") == true)
    }

    @Test func emptySheetGivesEmptyTable() throws {
        let path = try makeWorkbook(sheets: [("Empty", "<row r=\"1\"><c r=\"A1\"/><c r=\"B1\" t=\"s\"/></row>", nil)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try XLSXReader.read(path: path)
        #expect(table.columnNames.isEmpty && table.rows.isEmpty)
    }

    @Test func conformanceTablesReadThroughTheTableAPI() throws {
        let middle = try XLSXReader.read(path: BinaryFixtures.path("xlsx/calamine/temperature-in-middle.xlsx"))
        #expect(middle.columnNames == ["label", "value"])
        #expect(middle.rowOrigins == [5, 6])
        let transactions = try XLSXReader.read(path: BinaryFixtures.path("xlsx/generated/xlsxwriter_transactions.xlsx"))
        #expect(transactions.columnNames.prefix(3) == ["sku", "date", "timestamp"])
        #expect(transactions.rows.allSatisfy { $0.count == transactions.columnNames.count })
        #expect(transactions.rows.count == transactions.rowOrigins.count)
    }
}

@Suite struct XLSXRobustnessTests {
    /// Random byte flips and truncations of real workbooks must throw or read, never crash or hang.
    @Test(arguments: ["calamine/issues.xlsx", "sheetjs/wtf_path.xlsx", "closedxml/DataTypes.xlsx"])
    func mutatedWorkbooksFailCleanly(_ file: String) throws {
        let original = try BinaryFixtures.bytes("xlsx/" + file)
        var generator = SplitMix(seed: UInt64(original.count))
        var failures = 0
        for round in 0..<120 {
            var bytes = original
            if round % 4 == 0 {
                bytes = Array(bytes[..<Int(generator.next() % UInt64(bytes.count))])
            } else {
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            do {
                let workbook = try XLSXWorkbook(archive: ZipArchive(bytes: bytes, name: file), memoryLimitBytes: 1 << 24)
                for index in workbook.sheets.indices { _ = XLSXReader.table(from: try workbook.sheet(at: index)) }
            } catch is FormatError {
                failures += 1
            }
        }
        #expect(failures > 0)
    }
}
