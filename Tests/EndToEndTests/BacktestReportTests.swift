import Foundation
import Testing
@testable import Pipeline

/// What `demand backtest` says beside its scores: too short a history for the holdout, the direction of
/// the volume error, settings that count buckets of several weeks.
@Suite struct BacktestReportTests {
    static let config = #"{"model": {"cvOrigins": 2, "candidates": ["naive", "movingAverage"]}}"#

    /// A `unique_id,ds,y` panel of three SKUs over `weeks` weeks, selling more every week.
    static func panel(weeks: Int) -> String {
        let days = WeeklyDates.strings(fromYear: 2023, month: 1, day: 2, weeks: weeks, format: "yyyy-MM-dd")
        var lines = ["unique_id,ds,y"]
        for sku in ["A", "B", "C"] {
            for (week, day) in days.enumerated() { lines.append("\(sku),\(day),\(10 + week)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aHoldoutLongerThanTheTrainingHistoryIsCalledOutWithAShorterOne() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let short = "\(root.path)/short_panel.csv"
        try FileSystem.writeAtomically(Self.panel(weeks: 20), to: short)
        let result = try root.demand(["backtest", "--input", short, "--holdout", "13", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("only 7 training buckets before the 13-bucket holdout") && result.stdout.contains("(--holdout 5)"), "\(result.stdout)")
        #expect(result.stdout.contains("no series has more than a season (52 buckets) of training history: seasonal naive falls back to naive"), "\(result.stdout)")
        // Rising sales: naive and the moving average both fall short, and the volume error says so with its sign.
        let naive = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("naive ") })
        #expect(naive.hasSuffix("%") && naive.split(separator: " ").last?.hasPrefix("-") == true, "\(naive)")
        // Too short for any holdout of that length: refused, with one that fits.
        let tiny = "\(root.path)/tiny_panel.csv"
        try FileSystem.writeAtomically(Self.panel(weeks: 10), to: tiny)
        let refused = try root.demand(["backtest", "--input", tiny, "--holdout", "13", "--quiet"])
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("no series is longer than the holdout (13) plus 2 buckets (the longest has 10); hold out fewer: --holdout 2"),
                "\(refused.stderr)")
    }

    @Test func twoWeekBucketsWithAYearOfWeeksAsTheSeasonAreWarnedOf() throws {
        let config = """
            {"producers": [{"name": "shop", "patterns": ["shop_*.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}}],
             "clean": {"bucketWeeks": 2}, "model": {"cvOrigins": 2, "horizon": 6, "candidates": ["naive", "movingAverage"]}}
            """
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let file = "\(root.path)/shop_sales.csv"
        try FileSystem.writeAtomically(Self.panel(weeks: 80).replacingOccurrences(of: "unique_id,ds,y", with: "sku,date,quantity"), to: file)
        let result = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2-week buckets with model.seasonLength 52, lookback 52 and horizon 6: these count buckets, so the season spans 104 weeks")
                    && result.stdout.contains("set model.seasonLength to 26"), "\(result.stdout)")
    }

    /// A short file that starts mid-week loses its first, partial week: the warnings say how much.
    @Test func droppedPartialEdgeWeeksAreCounted() throws {
        let config = """
            {"producers": [{"name": "shop", "patterns": ["shop_*.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}}],
             "model": {"cvOrigins": 2, "horizon": 4, "candidates": ["naive", "movingAverage"]}}
            """
        let root = try TestRoot(config: config)
        defer { root.remove() }
        // Wednesday 2023-01-04 to Sunday 2023-03-12: the first week misses its Monday and Tuesday.
        let days = VendorDates.strings(fromYear: 2023, month: 1, day: 4, count: 68, stepDays: 1, format: "yyyy-MM-dd")
        let file = "\(root.path)/shop_sales.csv"
        try FileSystem.writeAtomically((["sku,date,quantity"] + days.map { "A,\($0),10" }).joined(separator: "\n") + "\n", to: file)
        let result = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("left out the partial first (2023-01-02 to 2023-01-08) bucket, which the data covers only in part: 50 units, 7.4% of all; "
                                       + "set clean.dropPartialEdgeBuckets to false to keep them"), "\(result.stdout)")
    }
}
