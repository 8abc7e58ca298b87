import Foundation
import Testing
@testable import Pipeline

/// Intervals of SKUs that sell a unit now and then reach down to the zero most of their weeks bring.
@Suite struct IntermittentIntervalTests {
    /// A `unique_id,ds,y` panel of 40 SKUs over 104 weeks, each selling one unit in about one week of 29
    /// (as most products of an order-line export do when counted by the week).
    static func sparsePanel() -> String {
        var lines = ["unique_id,ds,y"]
        let days = WeeklyDates.strings(fromYear: 2022, month: 1, day: 3, weeks: 104, format: "yyyy-MM-dd")
        for sku in 0..<40 {
            for (week, day) in days.enumerated() { lines.append("P\(100 + sku),\(day),\((week * 7 + sku * 3) % 29 == 0 ? 1 : 0)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Nearly every residual of such SKUs is zero, so the calibrated width is a sliver; around a point
    /// forecast of a few hundredths it used to leave out zero and cover few of the holdout's weeks.
    @Test func intervalsOfRarelySoldSKUsCoverTheirEmptyWeeks() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let panel = "\(root.path)/sparse_panel.csv"
        try FileSystem.writeAtomically(Self.sparsePanel(), to: panel)
        let result = try root.demand(["backtest", "--input", panel, "--holdout", "13", "--quiet"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let match = try #require(result.stdout.firstMatch(of: /conformal  80%: ([0-9.]+)%  95%: ([0-9.]+)%/), "\(result.stdout)")
        let eighty = try #require(Double(match.1)), ninetyFive = try #require(Double(match.2))
        // About 96 % of the holdout's weeks sold nothing.
        #expect(eighty >= 90 && ninetyFive >= 90, "\(result.stdout)")
    }

    /// A SKU first sold in the holdout has no history to score from: the report says it was left out.
    @Test func aSkuFirstSoldInTheHoldoutIsNamedNotDroppedSilently() throws {
        let root = try TestRoot(config: #"{"model": {"candidates": ["naive", "movingAverage"]}}"#)
        defer { root.remove() }
        let panel = "\(root.path)/late_panel.csv"
        let late = WeeklyDates.strings(fromYear: 2022, month: 1, day: 3, weeks: 104, format: "yyyy-MM-dd").suffix(10).map { "NEW1,\($0),4" }
        try FileSystem.writeAtomically(Self.sparsePanel() + late.joined(separator: "\n") + "\n", to: panel)
        let result = try root.demand(["backtest", "--input", panel, "--holdout", "13", "--quiet"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("40 series, 91 training buckets"), "\(result.stdout)")
        // Nothing but quantities: the JSON says the holdout had no covariates to know or hide.
        let json = try #require(result.stdout.firstMatch(of: /json: (\S+)/)?.1)
        #expect(try FileSystem.readText(String(json)).contains("\"holdoutCovariates\" : \"none\""))
        #expect(result.stdout.contains("1 series not scored: first sold within the last 15 buckets, too late for a history before the 13-bucket holdout (NEW1)"),
                "\(result.stdout)")
    }
}
