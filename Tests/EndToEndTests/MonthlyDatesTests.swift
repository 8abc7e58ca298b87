import Foundation
import Testing
@testable import Pipeline

/// A file with one row per SKU and month, every row dated the 1st: weekly buckets would hold each
/// month in one week and nothing in the others. By default (`clean.bucket` `auto`) it is read in
/// monthly buckets; with weeks asked for, the user is told what they do to it.
@Suite struct MonthlyDatesTests {
    static let weeklyConfig = TestRoot.configJSON.replacingOccurrences(of: #""clean": {"minTotalQuantity": 10,"#,
                                                                       with: #""clean": {"bucket": "week", "minTotalQuantity": 10,"#)

    /// Acme's file of 30 months (January 2021 to June 2023) for three SKUs, each row dated the 1st;
    /// `quantity(base, month)` gives each SKU's quantity from its base level and the month's number.
    static func monthlyFile(_ quantity: (Int, Int) -> Int) -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for month in 0..<30 {
            let date = String(format: "01/%02d/%04d", month % 12 + 1, 2021 + month / 12)
            for (sku, base) in [("A100", 40), ("B200", 90), ("C300", 15)] { lines.append("\(sku);\(date);\(quantity(base, month));1,0") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aMonthlyFileInWeeklyBucketsIsNamedAsSuchInTheLog() throws {
        #expect(Self.weeklyConfig.contains(#""bucket": "week""#))
        let root = try TestRoot(config: Self.weeklyConfig)
        defer { root.remove() }
        let file = "\(root.path)/acme_monthly.csv"
        try FileSystem.writeAtomically(Self.monthlyFile { base, month in base + month % 5 }, to: file)
        let result = try root.demand(["backtest", "--input", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("every sale is dated day 1 of its month (30 months): the data looks monthly"), "\(result.stderr)")
        // Repeated under the results, where it is read, and kept with --quiet, which logs nothing.
        let quiet = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        let warnings = try #require(quiet.stdout.range(of: "\nwarnings while preparing the series:\n"), "\(quiet.stdout)")
        #expect(quiet.stdout[warnings.upperBound...].contains("\n  every sale is dated day 1 of its month (30 months)"), "\(quiet.stdout)")
    }

    /// A monthly file with `clean.bucket` set to `month`, or left to `auto`: no warning, a season of 12
    /// buckets, and a forecast for the six months after the last; the `auto` run replays identically.
    @Test(arguments: ["month", "auto"]) func monthlyBucketsForecastTheNextMonths(bucket: String) throws {
        let clean = bucket == "auto" ? #""clean": {"minTotalQuantity": 10,"# : #""clean": {"bucket": "month", "minTotalQuantity": 10,"#
        let config = TestRoot.configJSON.replacingOccurrences(of: #""clean": {"minTotalQuantity": 10,"#, with: clean)
            .replacingOccurrences(of: TestRoot.modelJSON, with: #""model": {"cvOrigins": 2, "candidates": \#(TestRoot.baselineCandidates)}"#)
        #expect(config.contains(clean) && !config.contains(#""horizon""#))
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try root.drop(text: Self.monthlyFile { base, month in base + 10 * (month % 12 == 11 ? 1 : 0) }, as: "acme/acme_monthly.csv")
        let (run, result) = try root.succeedingRun()
        #expect(!result.stderr.contains("looks monthly"), "\(result.stderr)")
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        // 2021-01 … 2023-06 observed (the last month whole: a monthly file's rows stand for their month):
        // the forecast covers July to December 2023, six months for each SKU with sales.
        let sold = rows.filter { ["A100", "B200", "C300"].contains(String($0[0])) }
        #expect(Set(sold.map { String($0[2]) }) == ["2023-07-01", "2023-08-01", "2023-09-01", "2023-10-01", "2023-11-01", "2023-12-01"], "\(rows.prefix(8))")
        #expect(sold.count == 18)
        let cleanLog = try FileSystem.readText("\(run)/logs/clean-attempt1.jsonl")
        if bucket == "auto" {
            #expect(cleanLog.contains(#"every sale is dated day 1 of its month (30 months): monthly buckets (clean.bucket \"auto\"), season 12, lookback 24, horizon 6 months"#),
                    "\(cleanLog)")
            // The manifest keeps `auto` with the monthly settings it resolves to, so the replay buckets the same way.
            let manifest = try root.manifest(run)
            #expect(manifest.config.clean.bucket == "auto" && manifest.config.clean.monthly?.horizon == 6)
            let replay = try DemandCLI.run(["replay", "\(run)/manifest.json"])
            #expect(replay.status == 0 && replay.stdout.contains("identical"), "\(replay.stdout)\(replay.stderr)")
        } else {
            #expect(!cleanLog.contains("monthly buckets"))
        }
    }

    /// A config written for weeks (season 52) with monthly buckets is told so: its season would count months.
    @Test func aWeeklySeasonWithMonthlyBucketsIsWarnedAbout() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: #""clean": {"minTotalQuantity": 10,"#, with: #""clean": {"bucket": "month", "minTotalQuantity": 10,"#)
        #expect(config.contains(TestRoot.modelJSON) && TestRoot.modelJSON.contains(#""seasonLength": 52"#))
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let file = "\(root.path)/acme_monthly.csv"
        try FileSystem.writeAtomically(Self.monthlyFile { base, month in base + month % 5 }, to: file)
        let result = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("monthly buckets with model.seasonLength 52, lookback 24 and horizon 4: these count months"), "\(result.stdout)")
        #expect(CleanState.weeklySettingsNote(PipelineConfig().withMonthlyBuckets(PipelineConfig.MonthlyModel()).model) == nil)
    }

    /// `demand backtest` on the monthly file without a bucket setting holds out the monthly horizon.
    @Test func theBacktestOfAMonthlyFileHoldsOutSixMonths() throws {
        let root = try TestRoot(config: TestRoot.configJSON.replacingOccurrences(
            of: TestRoot.modelJSON, with: #""model": {"cvOrigins": 2, "candidates": \#(TestRoot.baselineCandidates)}"#))
        defer { root.remove() }
        let file = "\(root.path)/acme_monthly.csv"
        try FileSystem.writeAtomically(Self.monthlyFile { base, month in base + month % 5 }, to: file)
        let result = try root.demand(["backtest", "--input", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("3 series, 24 training buckets, holdout 6, season 12 (pipeline)"), "\(result.stdout)")
        #expect(result.stderr.contains("monthly buckets (clean.bucket \"auto\")") && !result.stdout.contains("looks monthly"), "\(result.stdout)\(result.stderr)")
    }

    @Test func onlyOneDayOfTheMonthOverThreeMonthsOrMoreCounts() {
        let firsts: Set<Int32> = [18993, 19024, 19052]  // 2022-01-01, 2022-02-01, 2022-03-01
        func note(_ days: Set<Int32>, bucketWeeks: Int = 1) -> String? {
            CleanState.monthlyDatesNote(sharedDay: CleanState.sharedDayOfMonth(days), months: days.count, bucketWeeks: bucketWeeks)
        }
        #expect(note(firsts)?.contains("day 1 of its month (3 months)") == true)
        #expect(note(firsts, bucketWeeks: 4) == nil)
        #expect(note(Set(firsts.prefix(2))) == nil)
        #expect(note(firsts.union([18994])) == nil)
        let monthEnds: Set<Int32> = [19023, 19051, 19082]  // 2022-01-31, 2022-02-28, 2022-03-31
        #expect(note(monthEnds)?.contains("dated on the last day of its month (3 months)") == true)
        #expect(note(monthEnds.union([19081])) == nil)
    }

    /// A `unique_id,ds,y` panel dated on the 1st is read in months too (it was refused as off its weekly
    /// grid), and with four years of history the network reads each month's position beside last year's.
    @Test func aMonthlyPanelIsReadInMonthsWithTheSeasonPosition() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: TestRoot.modelJSON, with: #"""
            "model": {"cvOrigins": 2, "candidates": ["naive", "seasonalNaive", "lstm"],
                      "lstm": {"hiddenUnits": 8, "epochs": 2, "windowsPerEpoch": 128, "batchSize": 32, "ensembleSize": 1}}
            """#)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        var lines = ["unique_id,ds,y"]
        for sku in 0..<4 {
            for month in 0..<48 {
                let peak = [8, 10, 11].contains(month % 12) ? 3.0 : 1.0
                lines.append(String(format: "S%d,%04d-%02d-01,%.0f", sku, 2020 + month / 12, month % 12 + 1, Double(20 + 10 * sku) * peak + Double(month % 3)))
            }
        }
        let panel = "\(root.path)/monthly_panel.csv"
        try FileSystem.writeAtomically(lines.joined(separator: "\n") + "\n", to: panel)
        let result = try root.demand(["backtest", "--input", panel])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("4 series, 42 training buckets, holdout 6, season 12 (panel)"), "\(result.stdout)")
        #expect(result.stderr.contains("histories span 2 seasons or more: each timestep carries its position in the season"), "\(result.stderr)")
    }
}
