import Foundation
import Testing
@testable import Pipeline

/// A monthly file of two and a half years whose SKUs rise through the years under a yearly season: seasonal
/// naive repeats last year's lower months and exponential smoothing flattens the season, while Holt-Winters
/// carries both forward. Cross-validation must find that on the origins that have a season before them.
@Suite struct SeasonalSmoothingTests {
    static let candidates = #"["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "holt", "holtWinters", "croston", "tsb", "combination"]"#
    static let config = TestRoot.configJSON.replacingOccurrences(of: TestRoot.modelJSON, with: #""model": {"candidates": \#(candidates)}"#)
    static let skus = [("A100", 40.0), ("B200", 90.0), ("C300", 25.0), ("D400", 60.0)]

    /// Acme's months January 2021 to June 2023, each row dated the 1st: a base level rising 2 % a month,
    /// a December peak and a summer dip, and a small wobble that repeats every 5 months.
    static func risingSeasonFile() -> String {
        let season: [Double] = [-0.2, -0.25, -0.1, 0, 0.05, -0.3, -0.35, -0.1, 0.1, 0.2, 0.4, 0.8]
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for month in 0..<30 {
            let date = String(format: "01/%02d/%04d", month % 12 + 1, 2021 + month / 12)
            for (index, (sku, base)) in skus.enumerated() {
                let level = base * (1 + 0.02 * Double(month))
                let quantity = level * (1 + season[month % 12]) + Double((month + index) % 5) - 2
                lines.append("\(sku);\(date);\(Int(quantity.rounded()));1,0")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The WAPE column (a fraction) of `model`'s row in the backtest table.
    static func wape(_ model: String, in table: String) throws -> Double {
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix(model + " ") }, "no row for \(model) in\n\(table)")
        let fields = row.split(separator: " ")
        let text = try #require(fields.count == 8 ? fields[6].dropLast() : nil, "\(row)")
        return try #require(Double(text)) / 100
    }

    @Test func theBacktestServesHoltWintersAndBeatsSeasonalNaiveAndSmoothing() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let file = "\(root.path)/acme_monthly.csv"
        try FileSystem.writeAtomically(Self.risingSeasonFile(), to: file)
        let result = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("4 series, 24 training buckets, holdout 6, season 12"), "\(result.stdout)")
        #expect(result.stdout.contains("selected per series: holtWinters 4"), "\(result.stdout)")
        let holtWinters = try Self.wape("holtWinters", in: result.stdout)
        #expect(holtWinters < 0.05, "\(result.stdout)")
        let seasonalNaive = try Self.wape("seasonalNaive", in: result.stdout)
        let smoothing = try Self.wape("simpleExponentialSmoothing", in: result.stdout)
        #expect(holtWinters < seasonalNaive / 2 && holtWinters < smoothing / 2, "\(result.stdout)")
        #expect(try Self.wape("selected", in: result.stdout) == holtWinters)
    }

    @Test func aRunForecastsLastYearsMonthsLiftedByTheRise() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop(text: Self.risingSeasonFile(), as: "acme/acme_monthly.csv")
        let run = try root.succeedingRun().folder
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let december = try #require(rows.first { $0[0] == "B200" && $0[2] == "2023-12-01" }, "\(rows.prefix(8))")
        #expect(december[3] == "holtWinters")
        // December 2022 sold 90 × 1.46 × 1.8 ≈ 237; a year's rise of 24 % on the base puts December 2023 near 276.
        let forecast = try #require(Double(december[4]))
        #expect(forecast > 255 && forecast < 300, "\(december)")
        // Its intervals come from the backtest windows with the 15 months Holt-Winters needs (origins January
        // 2023 and July 2022); the one from January 2022 would measure damped Holt's errors instead.
        let residuals = try FileSystem.readText("\(run)/residuals/residuals.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",") }.filter { $0[0] == "B200" }
        #expect(Set(residuals.map { String($0[1]) }) == ["2023-01-01", "2022-07-01"], "\(residuals.prefix(8))")
    }
}
