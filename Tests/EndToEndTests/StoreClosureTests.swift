import Foundation
import Testing
@testable import Pipeline

/// A vendor file in which a product has no rows for fourteen weeks of last year (its store shut for a refit)
/// and another for the sixteen weeks before the latest month: empty buckets in series that sell every day
/// are missing data, and must not become last year's zeros in this year's forecast.
@Suite struct StoreClosureTests {
    static let config = TestRoot.configJSON.replacingOccurrences(of: TestRoot.modelJSON, with: #"""
        "model": {"horizon": 4, "seasonLength": 52, "cvOrigins": 2, "candidates": ["seasonalNaive"]}
        """#)

    /// Acme's daily sales of three products from Monday 2022-01-03 for 104 weeks. P001 has no rows in
    /// weeks 46–59, P002 none in weeks 84–99 (the sixteen before the last four); P003 sells throughout.
    static func closureFile() -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        let dates = VendorDates.strings(fromYear: 2022, month: 1, day: 3, count: 728, stepDays: 1, format: "dd/MM/yyyy")
        for (day, date) in dates.enumerated() {
            let week = day / 7
            for (product, closed) in [("P001", 46..<60), ("P002", 84..<100), ("P003", 0..<0)] where !closed.contains(week) {
                lines.append("\(product);\(date);\(3 + (day + product.count) % 4);2,5")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aRunFillsTheClosuresAndForecastsLastYearsWeeksAsSales() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop(text: Self.closureFile(), as: "acme/acme_daily.csv")
        let run = try root.succeedingRun().folder
        let log = try FileSystem.readText("\(run)/logs/clean-attempt1.jsonl")
        #expect(log.contains("2 run(s) of empty buckets in 2 SKU(s) that sell in nearly every other bucket filled as missing data (30 buckets"), "\(log)")
        let filled = try FileSystem.readText("\(run)/clean/filled.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(filled.count == 30 && filled.filter { $0[0] == "P001" }.count == 14 && filled.allSatisfy { $0[0] != "P003" })
        // The database's diagnostics table holds the same buckets.
        let database = try RunDatabase(path: "\(root.path)/artifacts/demand.sqlite")
        let stored = try database.sql.query("SELECT sku, COUNT(*), MIN(run_buckets) FROM filled_values GROUP BY sku ORDER BY sku")
        #expect(stored == [[.text("P001"), .integer(14), .integer(14)], [.text("P002"), .integer(16), .integer(16)]], "\(stored)")
        // A week of about 31 units on either side: P001's weeks lie on the line between (the history has no
        // season before or after them), P002's repeat its weeks of last year, at the same level.
        #expect(filled.allSatisfy { (Double($0[2]) ?? 0) > 28 && (Double($0[2]) ?? 0) < 35 }, "\(filled)")
        // Seasonal naive repeats weeks 52–55, inside P001's closure: a week's sales, not zeros.
        let forecast = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let closedLastYear = forecast.filter { $0[0] == "P001" }.compactMap { Double($0[4]) }
        #expect(closedLastYear.count == 4 && closedLastYear.allSatisfy { $0 > 28 && $0 < 35 }, "\(closedLastYear)")
    }

    @Test func keepingZerosOnRequestAndTheBacktestFillsOnlyWhatItTrainsOn() throws {
        let root = try TestRoot(config: Self.config.replacingOccurrences(of: #""clean": {"#, with: #""clean": {"fillGaps": false, "#))
        defer { root.remove() }
        try root.drop(text: Self.closureFile(), as: "acme/acme_daily.csv")
        let run = try root.succeedingRun().folder
        #expect(try FileSystem.readText("\(run)/clean/filled.csv") == "sku,bucket,filled,run_buckets,chance\n")
        let forecast = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(forecast.filter { $0[0] == "P001" }.allSatisfy { Double($0[4]) == 0 }, "\(forecast)")

        // Held out, the last four weeks are unseen: P002's closure ends the training buckets, so only P001's is filled.
        let filling = try TestRoot(config: Self.config)
        defer { filling.remove() }
        let file = "\(filling.path)/acme_daily.csv"
        try FileSystem.writeAtomically(Self.closureFile(), to: file)
        let backtest = try filling.demand(["backtest", "--input", file])
        #expect(backtest.status == 0, "\(backtest.stdout)\(backtest.stderr)")
        #expect(backtest.stderr.contains("filled 1 run(s) of empty buckets in 1 series that sell in nearly every other bucket as missing data (14 training buckets"),
                "\(backtest.stderr)")
        #expect(!backtest.stderr.contains("[clean] ") || !backtest.stderr.contains("filled as missing data"), "clean must leave the fill to the backtest")
    }
}
