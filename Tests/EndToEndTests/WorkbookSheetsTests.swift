import Foundation
import Testing
@testable import Pipeline

/// A workbook with one sheet per year, as UCI's `online_retail_II.xlsx` is laid out (written by openpyxl
/// from the Online Retail II rows of `order_lines/retail_order_lines_daily.csv`): `producers[].sheet`
/// with a wildcard reads every visible sheet it matches.
@Suite struct WorkbookSheetsTests {
    static let workbook = "\(TestRoot.fixtures)/workbooks/retail_by_year.xlsx"

    static func config(sheet: String?) -> String {
        """
        {
          "producers": [
            {"name": "books", "patterns": ["*.xlsx"], \(sheet.map { "\"sheet\": \"\($0)\", " } ?? "")
             "columns": {"sku": "StockCode", "date": "InvoiceDate", "quantity": "Quantity"}},
            {"name": "daily", "patterns": ["*_daily.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}}
          ],
          "ingest": {"maxBadRowShare": 0.0},
          "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2,
                    "candidates": ["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "tsb"]}
        }
        """
    }

    @Test func everyYearSheetIsReadAndBacktestsAsTheDailyFile() throws {
        let root = try TestRoot(config: Self.config(sheet: "Year *"))
        defer { root.remove() }
        let (book, _) = try root.backtestTwins(Self.workbook, "\(TestRoot.fixtures)/order_lines/retail_order_lines_daily.csv")
        // Both year sheets (1,535 and 1,116 rows); the hidden "Year totals" sheet is not read.
        #expect(book.stderr.contains("retail_by_year.xlsx: 2651 rows, 2651 kept"), "\(book.stderr)")
        #expect(book.stdout.contains("12 series, 91 training buckets, holdout 8"), "\(book.stdout)")
        let dump = try root.demand(["dump", Self.workbook, "--producer", "books", "--mapped"])
        #expect(dump.status == 0, "\(dump.stderr)")
        #expect(dump.stdout.contains("retail_by_year.xlsx[Year 2010]:2\n") && dump.stdout.contains("retail_by_year.xlsx[Year 2011]:2\n"),
                "\(dump.stdout.prefix(400))")
    }

    @Test func withoutAPatternTheFirstSheetIsReadWithAWarningAndAPatternMatchingNoneListsTheSheets() throws {
        let first = try TestRoot(config: Self.config(sheet: nil))
        defer { first.remove() }
        let one = try first.demand(["backtest", "--input", Self.workbook, "--holdout", "8"])
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
        #expect(one.stdout.contains("retail_by_year.xlsx has other visible sheets that were not read: 'Year 2011', 'Notes'; set producers[].sheet to a pattern such as \"*\""),
                "\(one.stdout)")
        #expect(one.stdout.contains("12 series, 42 training buckets, holdout 8"), "\(one.stdout)")
        let none = try TestRoot(config: Self.config(sheet: "Month *"))
        defer { none.remove() }
        let missing = try none.demand(["dump", Self.workbook, "--producer", "books", "--mapped"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no visible worksheet matches producers[].sheet 'Month *'; sheets: Year 2010, Year 2011, Notes, Year totals"),
                "\(missing.stderr)")
    }
}
