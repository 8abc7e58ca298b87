import Foundation
import Testing
@testable import Pipeline

/// A SKU that stopped selling is forecast zero and says so; one in the quiet part of its season is not.
@Suite struct StoppedSkuTests {
    static let config = """
        {"producers": [{"name": "shop", "patterns": ["shop_*.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}}],
         "ingest": {"maxBadRowShare": 0.0},
         "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2, "candidates": ["seasonalNaive"]}}
        """

    /// 120 weeks of four SKUs: two year-round sellers, `GONE` selling year-round until 20 weeks before the
    /// end, and `XMAS` selling only in weeks 44-51 of each year.
    static func sales() -> String {
        let dates = WeeklyDates.strings(fromYear: 2022, month: 1, day: 3, weeks: 120, format: "yyyy-MM-dd")
        var lines = ["sku,date,quantity"]
        for (week, date) in dates.enumerated() {
            lines.append("STEADY1,\(date),\(30 + week % 7)")
            lines.append("STEADY2,\(date),\(12 + week % 3)")
            if week < 100 { lines.append("GONE,\(date),\(40 + week % 5)") }
            if week % 52 >= 44 { lines.append("XMAS,\(date),25") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aSkuThatStoppedSellingIsForecastZeroAndFlagged() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop(text: Self.sales(), as: "shop_sales.csv")
        let run = try root.succeedingRun(["--quiet"]).folder
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let gone = rows.filter { $0[0] == "GONE" }
        // Seasonal naive alone would repeat last year's 40-odd units a week.
        #expect(gone.count == 8 && gone.allSatisfy { $0[3] == "stopped" && $0[4] == "0" }, "\(gone)")
        #expect(gone.allSatisfy { Double($0[6]) ?? 0 > 0 }, "an upper bound above zero, should it sell again: \(gone)")
        #expect(rows.filter { $0[0] == "XMAS" }.allSatisfy { $0[3] == "seasonalNaive" })
        #expect(rows.filter { $0[0] == "STEADY1" }.allSatisfy { $0[3] == "seasonalNaive" && (Double($0[4]) ?? 0) > 0 })
        let log = try FileSystem.readText("\(run)/logs/forecast-attempt1.jsonl")
        #expect(log.contains("1 SKU has stopped selling") && log.contains("forecast 0 (GONE)"), "\(log)")
        // The backtest serves it the same way (silent for 12 of its 112 training weeks), and says so.
        try FileSystem.writeAtomically(Self.sales(), to: "\(root.path)/shop_history.csv")
        let backtest = try root.demand(["backtest", "--input", "\(root.path)/shop_history.csv"])
        #expect(backtest.status == 0, "\(backtest.stderr)")
        #expect(backtest.stdout.contains("selected per series: seasonalNaive 3, stopped 1"), "\(backtest.stdout)")
        #expect(backtest.stderr.contains("forecast 0 (GONE)"), "\(backtest.stderr)")
    }
}
