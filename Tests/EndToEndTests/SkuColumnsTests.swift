import Foundation
import Testing
@testable import Pipeline

/// Files with one quantity column per SKU and a date column (`wide.headers` "sku"), as small vendors and
/// the pharmacy sales data on Kaggle lay them out: the same sales as a long file give the same back-test.
@Suite struct SkuColumnsTests {
    static let config = """
        {
          "producers": [
            {"name": "bysku", "patterns": ["*_bysku.csv"], "columns": {"date": "day"}, "wide": {"columns": "*", "headers": "sku"}},
            {"name": "extras", "patterns": ["*_extras.csv"], "columns": {"date": "day"},
             "wide": {"columns": "*", "headers": "sku", "exclude": ["Year", "Weekday*"]}},
            {"name": "long", "patterns": ["*_long.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}}
          ],
          "ingest": {"maxBadRowShare": 0.0},
          "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2,
                    "candidates": ["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "tsb"]}
        }
        """

    /// The long fixture (`sku,date,quantity`) pivoted to one row per day and one column per SKU, empty
    /// where the SKU sold nothing that day.
    static func pivotBySku(_ long: String, extras: Bool = false) -> String {
        let (sales, columns) = salesByDay(long)
        // With `extras`, two columns that are not SKUs, as Kaggle's daily pharmacy file has beside its own.
        var lines = [(["day"] + columns + (extras ? ["Year", "Weekday Name"] : [])).joined(separator: ",")]
        for day in sales.keys.sorted() {
            lines.append(([day] + columns.map { sales[day]?[$0] ?? "" } + (extras ? [String(day.prefix(4)), "Monday"] : [])).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A long `sku,date,quantity` file's quantities by date and SKU, and its SKUs sorted.
    static func salesByDay(_ long: String) -> (sales: [String: [String: String]], skus: [String]) {
        var sales: [String: [String: String]] = [:]
        var skus = Set<String>()
        for line in long.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            sales[fields[1], default: [:]][fields[0]] = fields[2]
            skus.insert(fields[0])
        }
        return (sales, skus.sorted())
    }

    @Test func aFileWithOneColumnPerSkuBacktestsExactlyAsItsLongTwin() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let long = "\(WideLayoutTests.folder)/retail_daily_long.csv"
        let bySku = "\(root.path)/retail_daily_bysku.csv"
        try FileSystem.writeAtomically(Self.pivotBySku(try FileSystem.readText(long)), to: bySku)
        let (one, _) = try root.backtestTwins(bySku, long)
        #expect(one.stdout.contains("24 series, 91 training buckets, holdout 8"), "\(one.stdout)")
    }

    @Test func columnsThatAreNotSkusAreLeftOutByExclude() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let long = "\(WideLayoutTests.folder)/retail_daily_long.csv"
        let extras = "\(root.path)/retail_daily_extras.csv"
        try FileSystem.writeAtomically(Self.pivotBySku(try FileSystem.readText(long), extras: true), to: extras)
        _ = try root.backtestTwins(extras, long)
        // Without the exclusions the weekday names are quantities that are not numbers.
        let config = "\(root.path)/no-exclude.json"
        try FileSystem.writeAtomically(Self.config.replacingOccurrences(of: #", "exclude": ["Year", "Weekday*"]"#, with: ""), to: config)
        let result = try root.demand(["backtest", "--input", extras, "--config", config, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("column 'Weekday Name': expected a number, found 'Monday'"), "\(result.stderr)")
    }

    @Test func theLayoutIsCheckedWhenTheConfigIsRead() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.expectRefusals(of: Self.config, [
            (#""columns": {"date": "day"}, "wide": {"columns": "*", "headers": "sku"}"#,
             #""columns": {}, "wide": {"columns": "*", "headers": "sku"}"#,
             "needs the column that dates its rows"),
            (#""columns": {"date": "day"}, "wide": {"columns": "*", "headers": "sku"}"#,
             #""columns": {"date": "day"}, "wide": {"columns": "*", "headers": "skus"}"#,
             #"expected "date" or "sku", got "skus""#),
            (#""columns": {"sku": "sku", "date": "date", "quantity": "quantity"}"#,
             #""columns": {"date": "date", "quantity": "quantity"}"#,
             "required key 'sku' is missing: name the vendor's SKU column"),
        ])
    }
}
