import Foundation
import Testing
@testable import Pipeline

/// Future prices and promotions nobody planned (no `features.plans`): each SKU's forecast weeks take
/// the median of its recent weeks, so a deal that happened to fall in the last week is not forecast
/// to last the whole horizon; `demand backtest --unplanned` scores forecasts made that way.
@Suite(.serialized) struct UnplannedCovariatesTests {
    static let config = TestRoot.configJSON
        .replacingOccurrences(of: #"{"name": "acme", "patterns": ["acme_*.csv"], "delimiter": ";", "decimalComma": true, "dateFormat": "dd/MM/yyyy","#,
                              with: #"{"name": "acme", "patterns": ["acme_*.csv"], "delimiter": ";", "decimalComma": true, "dateFormat": "dd/MM/yyyy", "regressors": {"deal": "deal"},"#)
        .replacingOccurrences(of: TestRoot.modelJSON, with: #"""
            "model": {"horizon": 4, "seasonLength": 52, "cvOrigins": 2, "lookback": 8, "candidates": ["naive", "lstm"],
                      "lstm": {"hiddenUnits": 16, "epochs": 6, "windowsPerEpoch": 512, "batchSize": 32, "ensembleSize": 1, "learningRate": 0.01}}
            """#)

    /// Acme's weekly sales of eight products over 80 weeks from Monday 2022-01-03: a steady level, and
    /// 2.5 times it in deal weeks (every sixth week, by product). Products 0–3 are on deal in the last week.
    static func dealFile() -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price;deal"]
        for (week, date) in WeeklyDates.strings(fromYear: 2022, month: 1, day: 3, weeks: 80, format: "dd/MM/yyyy").enumerated() {
            for product in 0..<8 {
                let deal = (week + 5 + (product < 4 ? 0 : product - 3)) % 6 == 0
                let level = 40 + 5 * product + (week * 7 + product) % 5
                lines.append("P00\(product);\(date);\(deal ? level * 5 / 2 : level);2,5;\(deal ? 1 : 0)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aDealInTheLastWeekIsNotForecastForTheWholeHorizon() throws {
        #expect(Self.config.contains(#""regressors": {"deal": "deal"}"#))
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop(text: Self.dealFile(), as: "acme/acme_weekly.csv")
        let run = try root.succeedingRun().folder
        let trainLog = try FileSystem.readText("\(run)/logs/train-attempt1.jsonl")
        #expect(trainLog.contains("0 planned values from features.plans, the rest the median of each SKU's last 4 buckets"), "\(trainLog)")
        var forecasts: [String: [Double]] = [:]
        for line in try FileSystem.readText("\(run)/train/lstm-forecast.csv").split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            forecasts[String(fields[0]), default: []].append(Double(fields[2]) ?? .nan)
        }
        // Products 0–3 ended on a deal week (2.5 times their level): their next weeks are forecast near
        // their usual level of 40–59, as the others' are, not at 100–150.
        for product in 0..<8 {
            let steps = try #require(forecasts["P00\(product)"])
            let level = Double(42 + 5 * product)
            #expect(steps.count == 4 && steps.allSatisfy { $0 > 0.6 * level && $0 < 1.6 * level }, "P00\(product): \(steps)")
        }
    }

    @Test func theBacktestScoresUnplannedCovariatesWhenAsked() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let file = "\(root.path)/acme_weekly.csv"
        try FileSystem.writeAtomically(Self.dealFile(), to: file)
        let known = try root.demand(["backtest", "--input", file])
        #expect(known.status == 0, "\(known.stdout)\(known.stderr)")
        #expect(known.stderr.contains("with covariates price, deal (known for the holdout)"), "\(known.stderr)")
        let unplanned = try root.demand(["backtest", "--input", file, "--unplanned"])
        #expect(unplanned.status == 0, "\(unplanned.stdout)\(unplanned.stderr)")
        #expect(unplanned.stderr.contains("with covariates price, deal (unplanned: the holdout takes each series' recent median)"), "\(unplanned.stderr)")
        // The report says which it was, on the terminal and in its JSON.
        #expect(known.stdout.contains("(pipeline)\n") && !known.stdout.contains("unplanned"), "\(known.stdout)")
        #expect(unplanned.stdout.contains("(pipeline); the holdout's prices and regressors unplanned (each series' recent median)\n"), "\(unplanned.stdout)")
        for (output, mode) in [(known, "known"), (unplanned, "unplanned")] {
            let json = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("json: ") }).dropFirst("json: ".count)
            #expect(try FileSystem.readText(String(json)).contains("\"holdoutCovariates\" : \"\(mode)\""))
        }
        // Known deals let the network forecast the holdout's deal weeks; unknown, it cannot.
        func wape(_ output: String) throws -> Double {
            let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("lstm ") })
            return try #require(Double(line.split(separator: " ").first { $0.hasSuffix("%") }?.dropLast() ?? ""))
        }
        #expect(try wape(known.stdout) < wape(unplanned.stdout), "\(known.stdout)\n\(unplanned.stdout)")
    }
}
