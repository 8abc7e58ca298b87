import Foundation
import Testing
@testable import Pipeline

/// Reports whose title and export notes sit above the header (`producers[].headerRow`).
@Suite struct ReportHeaderTests {
    /// An ERP's CSV export: a title, a note and an empty line above a `;`-separated header on line 4, and
    /// a total row at the end.
    static let report = """
        Sales by item and day
        Exported 2024-04-02 by the order system

        item;day;units;price
        A1;01/01/2024;4;1,50
        A1;02/01/2024;6;1,50
        B2;02/01/2024;3;2,25
        Total;;13;

        """

    static func config(headerRow: Int?) -> String {
        """
        {"producers": [
          {"name": "erp", "patterns": ["erp_*.csv"], "decimalComma": true, "dateFormat": "dd/MM/yyyy", \(headerRow.map { "\"headerRow\": \($0)," } ?? "")
           "columns": {"sku": "item", "date": "day", "quantity": "units", "price": "price"}},
          {"name": "books", "patterns": ["*.xlsx"], \(headerRow.map { "\"headerRow\": \($0)," } ?? "")
           "columns": {"sku": "StockCode", "date": "InvoiceDate", "quantity": "Quantity"}}],
         "ingest": {"maxBadRowShare": 0.0}}
        """
    }

    @Test func aTitleAboveTheHeaderIsRefusedNamingTheHeaderLine() throws {
        let root = try TestRoot(config: Self.config(headerRow: nil))
        defer { root.remove() }
        try root.drop(text: Self.report, as: "erp/erp_sales.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 1)
        // The one-field title reads as the header, so line 4 is "too long" for it.
        #expect(result.stdout.contains("erp_sales.csv:4: expected 1 fields as in the header, found 4"), "\(result.stdout)")
        #expect(result.stdout.contains("its header looks like line 4 (the lines above it a title or notes): set producers[].headerRow to 4"), "\(result.stdout)")
    }

    @Test func headerRowSkipsTheTitleOfACSVReportAndAWorkbook() throws {
        let root = try TestRoot(config: Self.config(headerRow: 4))
        defer { root.remove() }
        let file = "\(root.path)/erp_sales.csv"
        try FileSystem.writeAtomically(Self.report, to: file)
        let csv = try root.demand(["dump", file, "--producer", "erp", "--mapped"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("A1,2024-01-01,4,1.5,,erp_sales.csv:5\n"), "\(csv.stdout)")
        // The report's closing total row is no SKU: left out, not unreadable (maxBadRowShare is 0).
        #expect(csv.stderr.contains("3 rows kept, 1 left out") && csv.stderr.contains("total-row=1"), "\(csv.stderr)")
        // openpyxl's report sheet: title on row 1, a note on row 2, row 3 empty, the header on row 4.
        let book = try root.demand(["dump", "\(TestRoot.fixtures)/workbooks/report_with_title.xlsx", "--producer", "books", "--mapped"])
        #expect(book.status == 0, "\(book.stderr)")
        #expect(book.stdout.contains("15056P,2011-01-05,4,,,report_with_title.xlsx:5\n"), "\(book.stdout.prefix(300))")
        #expect(book.stderr.contains("1116 rows kept, 0 left out"), "\(book.stderr)")
        // The plain table a producer's settings give starts at the header too.
        let table = try root.demand(["dump", "\(TestRoot.fixtures)/workbooks/report_with_title.xlsx", "--producer", "books", "--limit", "1"])
        #expect(table.stdout == "StockCode,InvoiceDate,Quantity\n15056P,2011-01-05,4\n", "\(table.stdout)")
    }

    /// A header on line 1 that repeats further down (files joined) is no title above the header.
    @Test func aRepeatedHeaderIsNoReasonToMoveTheHeader() throws {
        let path = NSTemporaryDirectory() + "joined-\(UUID().uuidString.prefix(6)).csv"
        defer { try? FileSystem.remove(path) }
        try FileSystem.writeAtomically("item;day;units\nA1;01/01/2024;4\nitem;day;units\nA1;02/01/2024;lots\n", to: path)
        #expect(HeaderHint.line(path: path, holding: ["item", "day", "units"], delimiter: nil) == nil)
        let title = NSTemporaryDirectory() + "titled-\(UUID().uuidString.prefix(6)).csv"
        defer { try? FileSystem.remove(title) }
        try FileSystem.writeAtomically("Sales\nitem;day;units\nA1;01/01/2024;4\n", to: title)
        #expect(HeaderHint.line(path: title, holding: ["item", "day", "units"], delimiter: nil) == 2)
    }

    @Test func aWorkbookReportWithoutHeaderRowIsRefusedNamingTheHeaderRow() throws {
        let root = try TestRoot(config: Self.config(headerRow: nil))
        defer { root.remove() }
        let book = try root.demand(["dump", "\(TestRoot.fixtures)/workbooks/report_with_title.xlsx", "--producer", "books", "--mapped"])
        #expect(book.status != 0)
        #expect(book.stderr.contains("set producers[].headerRow to 4"), "\(book.stderr)")
    }
}
