import Testing
@testable import Formats

@Suite struct XLSXPartsTests {
    @Test func cellReferences() {
        #expect(XLSXCellReference.parse("A1")! == (1, 1))
        #expect(XLSXCellReference.parse("$AB$12")! == (12, 28))
        #expect(XLSXCellReference.parse("XFD1048576")! == (1_048_576, 16_384))
        for bad in ["", "A", "12", "1A", "A0", "XFE1", "A1048577", "A-1"] {
            #expect(XLSXCellReference.parse(bad) == nil, "\(bad)")
        }
        #expect(XLSXCellReference.columnLetters(1) == "A")
        #expect(XLSXCellReference.columnLetters(26) == "Z")
        #expect(XLSXCellReference.columnLetters(27) == "AA")
        #expect(XLSXCellReference.columnLetters(16_384) == "XFD")
        #expect(XLSXCellReference.parseColumn("AB7") == 28)
    }

    @Test func stringEscapes() {
        #expect(XLSXStringEscapes.decode("abc_x000D_def") == "abc\rdef")
        #expect(XLSXStringEscapes.decode("_x005F_x0041_") == "_x0041_")
        #expect(XLSXStringEscapes.decode("_xD83D__xDE00_") == "😀")
        #expect(XLSXStringEscapes.decode("_x00G1_ and _x12_") == "_x00G1_ and _x12_")
        #expect(XLSXStringEscapes.decode("plain_text") == "plain_text")
        #expect(XLSXStringEscapes.trimmingXMLWhitespace("  a b \n") == "a b")
        #expect(XLSXStringEscapes.trimmingXMLWhitespace(" \t\n") == "")
    }

    @Test(arguments: [
        ("General", XLSXFormatKind.number), ("0.00", .number), ("#,##0.00;[Red]-#,##0.00", .number), ("[Red]#.##", .number),
        ("[BLUE]GENERAL", .number), ("@", .number), ("\"TRUE\";\"TRUE\";\"FALSE\"", .number), ("0.00E+00", .number),
        ("\"days\" 0", .number), ("A/P", .number),
        ("yyyy-mm-dd", .date), ("yyyy\\-mm\\-dd;@", .date), ("[$-409]d-mmm-yy;@", .date), ("DD/MM/YYYY", .date),
        ("h:mm AM/PM", .date), ("mm:ss", .date), ("\"上午/下午 \"hh\"時\"mm\"分\"", .date),
        ("[h]:mm:ss", .duration), ("[mm]", .duration), ("[SS]", .duration),
    ])
    func formatKinds(code: String, kind: XLSXFormatKind) {
        #expect(XLSXNumberFormat.kind(of: code) == kind)
    }

    @Test func builtInFormats() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47] { #expect(XLSXNumberFormat.builtInKind(id) == .date) }
        #expect(XLSXNumberFormat.builtInKind(46) == .duration)
        for id in [0, 1, 2, 3, 4, 9, 10, 11, 49] { #expect(XLSXNumberFormat.builtInKind(id) == .number) }
        #expect(XLSXNumberFormat.builtInCode(14) == "mm-dd-yy")
    }

    @Test func serialDates() {
        let day = { (y: Int, m: Int, d: Int) in Int32(XLSXDates.daysFromCivil(year: y, month: m, day: d)) }
        #expect(XLSXDates.cell(serial: 1, date1904: false) == .date(days: day(1900, 1, 1)))
        #expect(XLSXDates.cell(serial: 59, date1904: false) == .date(days: day(1900, 2, 28)))
        #expect(XLSXDates.cell(serial: 61, date1904: false) == .date(days: day(1900, 3, 1)))
        #expect(XLSXDates.cell(serial: 45_351, date1904: false) == .date(days: day(2024, 2, 29)))
        #expect(XLSXDates.cell(serial: 1, date1904: true) == .date(days: day(1904, 1, 2)))
        #expect(XLSXDates.cell(serial: -1401, date1904: true) == .date(days: day(1900, 3, 1)))
        #expect(XLSXDates.cell(serial: 43_831.5, date1904: false)
            == .timestamp(Int64(day(2020, 1, 1)) * 86_400_000 + 43_200_000, unit: .milliseconds, isUTC: false))
        #expect(XLSXDates.cell(serial: 0.25, date1904: false) == .time(21_600_000, unit: .milliseconds))
        #expect(XLSXDates.cell(serial: 1e12, date1904: false) == nil)
        #expect(XLSXDates.civil(fromDays: 0) == (1970, 1, 1))
        #expect(XLSXDates.civil(fromDays: -25_567) == (1900, 1, 1))
    }

    @Test func isoDates() {
        #expect(XLSXDates.cell(iso: "2021-01-01") == .date(days: 18_628))
        #expect(XLSXDates.cell(iso: "2021-01-01T00:00:00") == .date(days: 18_628))
        #expect(XLSXDates.cell(iso: "2021-01-01T10:10:10") == .timestamp(18_628 * 86_400_000 + 36_610_000, unit: .milliseconds, isUTC: false))
        #expect(XLSXDates.cell(iso: "2021-01-01T10:00:00Z") == .timestamp(18_628 * 86_400_000 + 36_000_000, unit: .milliseconds, isUTC: true))
        #expect(XLSXDates.cell(iso: "2021-01-01T10:00:00+02:00") == .timestamp(18_628 * 86_400_000 + 28_800_000, unit: .milliseconds, isUTC: true))
        #expect(XLSXDates.cell(iso: "10:10:10.5") == .time(36_610_500, unit: .milliseconds))
        for bad in ["2021-02-30", "2021-13-01", "yesterday", "2021-01-01T25:00"] { #expect(XLSXDates.cell(iso: bad) == nil, "\(bad)") }
    }

    @Test func relationshipTargets() {
        #expect(XLSXRelationships.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(XLSXRelationships.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(XLSXRelationships.resolve("../media/a%20b.png", from: "xl/drawings/d.xml") == "xl/media/a b.png")
        #expect(XLSXRelationships.resolve("./styles.xml", from: "wtf/workbook.xml") == "wtf/styles.xml")
        #expect(XLSXRelationships.relsPath(for: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(XLSXRelationships.relsPath(for: "workbook.xml") == "_rels/workbook.xml.rels")
    }

    @Test func numbers() {
        #expect(XLSXWorksheetParser.number("42")?.cell == .integer(42))
        #expect(XLSXWorksheetParser.number("-7.0")?.cell == .integer(-7))
        #expect(XLSXWorksheetParser.number("1E3")?.cell == .integer(1000))
        #expect(XLSXWorksheetParser.number("9223372036854775807")?.cell == .integer(.max))
        #expect(XLSXWorksheetParser.number("1e300")?.cell == .double(1e300))
        #expect(XLSXWorksheetParser.number("0.1")?.cell == .double(0.1))
        #expect(XLSXWorksheetParser.number("abc") == nil)
        #expect(XLSXWorksheetParser.number("inf") == nil)
    }
}
