import Foundation
import Testing
@testable import Pipeline

/// Files with one quantity column per date (`producers[].wide`), written by pandas from the Online Retail
/// II transactions: an M5-style CSV with numbered day columns (`d_1` = 2010-01-04) and its long twin, and a
/// planner's weekly pivot workbook whose headers are real Excel dates.
@Suite struct WideLayoutTests {
    static let folder = "\(TestRoot.fixtures)/wide"

    static let config = """
        {
          "producers": [
            {"name": "m5", "patterns": ["*_wide.csv"], "columns": {"sku": "item_id"}, "attributes": {"dept": "dept_id"},
             "wide": {"columns": "d_*", "firstDay": "2010-01-04"}},
            {"name": "long", "patterns": ["*_long.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}},
            {"name": "pivot", "patterns": ["*_pivot.xlsx"], "sheet": "Units", "columns": {"sku": "StockCode"}, "wide": {"columns": "20*"}}
          ],
          "ingest": {"maxBadRowShare": 0.0},
          "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2,
                    "candidates": ["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "tsb"]}
        }
        """

    @Test func anM5StyleFileBacktestsExactlyAsItsLongTwin() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let (wide, _) = try root.backtestTwins("\(Self.folder)/retail_daily_wide.csv", "\(Self.folder)/retail_daily_long.csv")
        #expect(wide.stderr.contains("retail_daily_wide.csv: 24 rows (wide: 16632 quantity cells, 5568 empty or zero), 11064 kept"), "\(wide.stderr)")
        #expect(wide.stdout.contains("24 series, 91 training buckets, holdout 8"), "\(wide.stdout)")
    }

    @Test func aPivotWorkbookWithDateHeadersMapsEveryFilledCell() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let dump = try root.demand(["dump", "\(Self.folder)/retail_weekly_pivot.xlsx", "--producer", "pivot", "--mapped"])
        #expect(dump.status == 0, "\(dump.stdout)\(dump.stderr)")
        func table(_ text: String, key: (Int, Int), value: Int) -> [String: Double] {
            var result: [String: Double] = [:]
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                result["\(fields[key.0]) \(fields[key.1])"] = Double(fields[value])
            }
            return result
        }
        let mapped = table(dump.stdout, key: (0, 1), value: 2)
        let expected = table(try FileSystem.readText("\(Self.folder)/retail_weekly_pivot_expected.csv"), key: (0, 1), value: 2)
        #expect(expected.count > 1000)
        #expect(mapped == expected)
        #expect(dump.stdout.contains("\n15036,2010-01-04,192,,,retail_weekly_pivot.xlsx:2\n"), "\(dump.stdout.prefix(300))")
    }

    /// A planner's monthly pivot: the SKU and its category, then one column per month headed `Jan-14`, and
    /// Excel's `Grand Total` column and row. `"columns": "*"` takes every column the producer does not map
    /// (not the SKU or category) and no total; a date layout without a day reads each header as the first
    /// of its month, so the data is monthly.
    @Test func aMonthlyPivotWithEveryOtherColumnAsMonthsIsReadInMonths() throws {
        let months = (0..<36).map { index in
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][index % 12] + "-\(14 + index / 12)"
        }
        var lines = ["Sub-Category,Category," + months.joined(separator: ",") + ",Grand Total"]
        var totals = [Int](repeating: 0, count: 36)
        for (sku, level) in [("Binders", 90.0), ("Chairs", 40.0), ("Phones", 55.0), ("Paper", 120.0)] {
            let row = (0..<36).map { index in Int(level * (1 + 0.5 * sin(Double(index) * .pi / 6)) + Double(index)) }
            for index in 0..<36 { totals[index] += row[index] }
            lines.append("\(sku),\(sku == "Chairs" ? "Furniture" : "Office Supplies")," + row.map(String.init).joined(separator: ",") + ",\(row.reduce(0, +))")
        }
        lines.append("Grand Total,," + totals.map(String.init).joined(separator: ",") + ",\(totals.reduce(0, +))")
        let config = """
            {"producers": [{"name": "planner", "patterns": ["*_pivot.csv"], "dateFormat": "MMM-yy", "columns": {"sku": "Sub-Category"},
              "attributes": {"category": "Category"}, "wide": {"columns": "*"}}],
             "ingest": {"maxBadRowShare": 0.0},
             "model": {"cvOrigins": 2, "candidates": ["naive", "seasonalNaive", "simpleExponentialSmoothing"]}}
            """
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let file = "\(root.path)/monthly_pivot.csv"
        try FileSystem.writeAtomically(lines.joined(separator: "\n") + "\n", to: file)
        let dump = try root.demand(["dump", file, "--producer", "planner", "--mapped"])
        #expect(dump.status == 0, "\(dump.stderr)")
        #expect(dump.stdout.contains("\nBinders,2014-01-01,90,"), "\(dump.stdout.prefix(300))")
        #expect(dump.stdout.contains("\nChairs,2016-12-01,"), "\(dump.stdout.suffix(300))")
        #expect(dump.stderr.contains("144 rows kept, 36 left out") && dump.stderr.contains("total-row=36"), "\(dump.stderr)")
        let backtest = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(backtest.status == 0, "\(backtest.stdout)\(backtest.stderr)")
        #expect(backtest.stdout.contains("4 series, 30 training buckets, holdout 6, season 12"), "\(backtest.stdout)")
    }

    @Test func whatARowSaysApartFromItsDatesLeavesOutEachOfItsSales() throws {
        // A producer filter, ingest.excludeSkus, an empty SKU and ingest.dateTo, read once per wide row,
        // leave out each filled cell of the row, counted by reason as a long file's rows would be.
        let config = Self.config
            .replacingOccurrences(of: #""attributes": {"dept": "dept_id"},"#,
                                  with: #""attributes": {"dept": "dept_id"}, "filters": [{"column": "dept_id", "exclude": ["test"]}],"#)
            .replacingOccurrences(of: #""ingest": {"maxBadRowShare": 0.0}"#,
                                  with: #""ingest": {"maxBadRowShare": 0.0, "excludeSkus": ["POST"], "dateTo": "2010-01-05"}"#)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try FileSystem.writeAtomically("item_id,dept_id,d_1,d_2,d_3\nA,x,1,2,3\nPOST,x,4,,5\nC,test,7,8,0\n,x,9,0,0\n",
                                       to: "\(root.path)/rows_wide.csv")
        let mapped = try root.demand(["dump", "\(root.path)/rows_wide.csv", "--producer", "m5", "--mapped"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout == "sku,date,quantity,price,store,source\nA,2010-01-04,1,,,rows_wide.csv:2\nA,2010-01-05,2,,,rows_wide.csv:2\n",
                "\(mapped.stdout)")
        #expect(mapped.stderr.contains("2 rows kept, 6 left out"), "\(mapped.stderr)")
        #expect(mapped.stderr.contains("excluded=4 missing-sku=1 outside-date-range=1"), "\(mapped.stderr)")
    }

    @Test func badCellsHeadersAndSettingsAreClearErrors() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        /// Back-tests a wide file written from `text` and returns what the refusal printed.
        func refusal(_ name: String, _ text: String) throws -> String {
            try FileSystem.writeAtomically(text, to: "\(root.path)/\(name)")
            let result = try root.demand(["backtest", "--input", "\(root.path)/\(name)", "--quiet"])
            #expect(result.status != 0)
            return result.stderr
        }
        /// Checks a config and returns what the refusal printed.
        func configError(_ config: String) throws -> String {
            try FileSystem.writeAtomically(config, to: "\(root.path)/config/demand.json")
            let check = try root.demand(["config", "check"])
            #expect(check.status != 0)
            return check.stdout + check.stderr
        }
        // A text cell is unreadable (named by row and date column); a negative one is a return; empty and zero are no sale.
        let bad = try refusal("bad_wide.csv", "item_id,dept_id,d_1,d_2,d_3\nA,x,1,n/a,-2\nB,x,,0,5\n")
        #expect(bad.contains("bad_wide.csv:2: column 'd_2': expected a number, found 'n/a' — 1 of 6 quantity cells unreadable (2 of the 6 empty or zero)"), "\(bad)")
        let mapped = try root.demand(["dump", "\(root.path)/bad_wide.csv", "--producer", "m5", "--mapped"])
        #expect(mapped.stdout == "sku,date,quantity,price,store,source\nA,2010-01-04,1,,,bad_wide.csv:2\nB,2010-01-06,5,,,bad_wide.csv:3\n",
                "\(mapped.stdout)")
        #expect(mapped.stderr.contains("non-positive-quantity") && mapped.stderr.contains("unreadable"), "\(mapped.stderr)")

        let header = try refusal("total_wide.csv", "item_id,d_1,d_2,d_total\nA,1,2,3\n")
        #expect(header.contains("total_wide.csv: column 'd_total' matches producers[].wide.columns 'd_*' but does not end in a number"), "\(header)")
        let none = try refusal("weeks_wide.csv", "item_id,w1,w2\nA,1,2\n")
        #expect(none.contains("weeks_wide.csv: no column matches producers[].wide.columns 'd_*' of producer 'm5'; the file has columns 'item_id', 'w1', 'w2'"),
                "\(none)")

        let monthly = try configError(Self.config.replacingOccurrences(of: #""firstDay": "2010-01-04""#, with: #""firstDay": "2010-01-04", "unit": "month""#))
        #expect(monthly.contains(#"expected "day" or "week", got "month""#), "\(monthly)")
        let both = try configError(Self.config.replacingOccurrences(of: #""sheet": "Units","#, with: #""sheet": "Units", "weekOneStarts": "2010-01-04","#))
        #expect(both.contains("for numbered weeks set wide.firstDay and wide.unit"), "\(both)")
        let missing = try configError(Self.config.replacingOccurrences(of: #""date": "date", "#, with: ""))
        #expect(missing.contains("required key 'date' is missing: name the vendor's date column (or set producers[].wide"), "\(missing)")
    }
}
