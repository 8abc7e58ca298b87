import Foundation
import Testing
import Forecasting
@testable import Pipeline

/// Dominick's orange juice through the shipped example config: store × brand SKUs from a template,
/// week numbers as dates, the brand's own price from `price{brand}`, and the deal and feature flags as
/// regressors — read, bucketed, fed to the LSTM with their holdout values known, and scored.
@Suite(.serialized) struct CovariateForecastTests {
    static let slice = "\(TestRoot.fixtures)/dominicks/orangeJuice_yx_slice.csv"

    /// `config/examples/dominicks_oj.json` with a small, fast network.
    static func exampleConfig(horizon: Int = 13, plans: String? = nil, loss: String? = nil, trials: Int? = nil,
                              scaling: String? = nil) throws -> String {
        let repository = URL(fileURLWithPath: TestRoot.fixtures).deletingLastPathComponent().deletingLastPathComponent().path
        let data = try Data(FileSystem.read("\(repository)/config/examples/dominicks_oj.json"))
        var config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var model = try #require(config["model"] as? [String: Any])
        var lstm = try #require(model["lstm"] as? [String: Any])
        for (key, value) in ["hiddenUnits": 8, "ensembleSize": 1, "epochs": 5, "windowsPerEpoch": 256, "batchSize": 32] { lstm[key] = value }
        lstm["learningRate"] = 0.02
        if let loss { lstm["loss"] = loss }
        if let scaling { lstm["scaling"] = scaling }
        if let trials {
            // A small search (debug builds train slowly): one layer of 8–16 units at the lookback below.
            for (key, value) in ["trials": trials, "trialEpochs": 2, "trialFolds": 1] { lstm[key] = value }
            lstm["searchHiddenUnits"] = [8, 16]
            lstm["searchLayers"] = [1, 1]
            lstm["searchLookbacks"] = [26]
        }
        model["lstm"] = lstm
        model["cvOrigins"] = 2
        model["lookback"] = 26
        model["horizon"] = horizon
        config["model"] = model
        if let plans {
            config["features"] = ["plans": plans, "holidays": "config/calendars/holidays.csv", "promotions": "config/calendars/promotions.csv"]
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theBacktestFeedsPricesAndPromotionsToTheNetworkAndBeatsNaive() throws {
        var config = try Self.exampleConfig()
        config.removeLast()
        config += #","features":{"promotions":"config/calendars/promotions.csv"}}"#
        let root = try TestRoot(config: config)
        defer { root.remove() }
        // The root's promotion calendar is a known-future covariate in the backtest as in a run.
        try FileSystem.writeAtomically("sku,start,end\n5-9,1991-03-01,1991-03-20\n5-9,1992-09-10,1992-09-20\n",
                                       to: "\(root.path)/config/calendars/promotions.csv")
        let result = try root.demand(["backtest", "--input", Self.slice, "--json", "\(root.path)/report.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("12 series, 108 training buckets, holdout 13"))
        #expect(result.stderr.contains("with covariates price, deal, feat, promotion (known for the holdout); attributes brand, store embedded"), "\(result.stderr)")
        #expect(result.stderr.contains("; validation: baseline WAPE ") && result.stderr.contains("; lstm WAPE ") && result.stderr.contains(", volume "), "\(result.stderr)")
        // 108 training weeks are no short history for a lookback of 26 (no partial windows), and more than
        // a season plus a horizon (the network may serve alone).
        #expect(!result.stderr.contains("histories are short") && !result.stderr.contains(NeuralStudy.edgeNote(SegmentRules.shortHistoryEdge)), "\(result.stderr)")
        let report = try JSONDecoder().decode(Backtester.Report.self, from: Data(FileSystem.read("\(root.path)/report.json")))
        let wape = Dictionary(uniqueKeysWithValues: report.models.map { ($0.model, $0.metrics.wape) })
        let naive = try #require(wape["naive"]), lstm = try #require(wape["lstm"]), selected = try #require(wape["selected"])
        #expect(lstm < 0.8 * naive, "LSTM WAPE \(lstm) vs naive \(naive)")
        #expect(selected < naive)
        // "selected per series" counts what serves each series under the segment rules, the network included.
        #expect(report.selectedModels.values.reduce(0, +) == 12)
        #expect(report.selectedModels.keys.allSatisfy { $0 == "lstm" || $0.hasPrefix("blend(lstm+") || BaselineModel(rawValue: $0) != nil })
        #expect(report.selectedModels.keys.contains { $0.contains("lstm") }, "\(report.selectedModels)")
        let top = try root.demand(["backtest", "--input", Self.slice, "--top", "5", "--quiet", "--json", "\(root.path)/top.json",
                                   "--forecasts", "\(root.path)/forecasts.csv"])
        #expect(top.status == 0 && top.stdout.contains("5 series, 108 training buckets"), "\(top.stdout)\(top.stderr)")
        // Every model's holdout forecasts beside the actuals: 5 series × 13 steps, the lstm and selected columns among them.
        let rows = try FileSystem.readText("\(root.path)/forecasts.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows[0].map(String.init)
        #expect(Array(header.prefix(3)) == ["sku", "step", "actual"] && header.contains("lstm"), "\(header)")
        // Then the selected forecast and its intervals (the configured method's bounds, each level).
        #expect(Array(header.suffix(5)) == ["selected", "selected_lower_80", "selected_upper_80", "selected_lower_95", "selected_upper_95"], "\(header)")
        #expect(rows.count == 1 + 5 * 13 && rows.dropFirst().allSatisfy { $0.count == header.count && Double($0[2]) != nil })
        for row in rows.dropFirst() {
            let values = row.suffix(5).compactMap { Double($0) }
            #expect(values.count == 5 && 0 <= values[3] && values[3] <= values[1] && values[1] <= values[0] && values[0] <= values[2] && values[2] <= values[4],
                    "\(row)")
        }
        #expect(Set(rows.dropFirst().map { $0[1] }) == Set((1...13).map { Substring(String($0)) }))
    }

    /// `scaling: "robust"` divides each window by the median of its non-zero weeks, which a promotion
    /// week's spike cannot move; the network still learns the promotions' lift and beats naive.
    @Test func robustScalingIsAConfigChoiceTheBacktestHonours() throws {
        let root = try TestRoot(config: try Self.exampleConfig(scaling: "robust"))
        defer { root.remove() }
        let check = try root.demand(["config", "check", "--print"])
        #expect(check.status == 0 && check.stdout.contains(#""scaling" : "robust""#), "\(check.stdout)\(check.stderr)")
        let result = try root.demand(["backtest", "--input", Self.slice, "--quiet", "--json", "\(root.path)/report.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try JSONDecoder().decode(Backtester.Report.self, from: Data(FileSystem.read("\(root.path)/report.json")))
        let wape = Dictionary(uniqueKeysWithValues: report.models.map { ($0.model, $0.metrics.wape) })
        let naive = try #require(wape["naive"]), lstm = try #require(wape["lstm"])
        #expect(lstm < 0.8 * naive, "LSTM WAPE \(lstm) vs naive \(naive)")
        // A misspelt choice is refused when the config is read, naming the key and the choices.
        let wrong = "\(root.path)/wrong.json"
        try FileSystem.writeAtomically(try Self.exampleConfig(scaling: "median"), to: wrong)
        let refused = try root.demand(["config", "check", wrong])
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("scaling") && refused.stderr.contains("expected window, robust or series"), "\(refused.stderr)")
    }

    /// The feature-ad flag zeroed through the training weeks (the last 13 weeks, the holdout, keep theirs):
    /// it never varies in the history, so the network could not learn what it does and would read the
    /// holdout's ads as inputs it never saw. It is left out of the network, and the log says so.
    @Test func aCovariateThatNeverVariesInTheHistoryIsLeftOutOfTheNetwork() throws {
        let root = try TestRoot(config: try Self.exampleConfig())
        defer { root.remove() }
        let lines = try FileSystem.readText(Self.slice).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let feat = try #require(lines[0].firstIndex(of: "feat")), week = try #require(lines[0].firstIndex(of: "week"))
        let rewritten = lines.enumerated().map { index, fields in
            var fields = fields.map(String.init)
            if index > 0, (Int(fields[week]) ?? 0) <= 147 { fields[feat] = "0" }
            return fields.joined(separator: ",")
        }
        let file = "\(root.path)/orangeJuice_yx_lateads.csv"
        try FileSystem.writeAtomically(rewritten.joined(separator: "\n") + "\n", to: file)
        let result = try root.demand(["backtest", "--input", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("12 series, 108 training buckets, holdout 13"), "\(result.stdout)")
        let note = "left out of the network's inputs, as they never vary in the history: feat\n"
        #expect(result.stderr.contains(note), "\(result.stderr)")
        #expect(result.stdout.contains("\nselected "), "\(result.stdout)")
        // With a search, the tuner says so before its first trial (the trials use the same inputs).
        let tuned = "\(root.path)/tuned.json"
        try FileSystem.writeAtomically(try Self.exampleConfig(trials: 2), to: tuned)
        let search = try root.demand(["backtest", "--input", file, "--config", tuned])
        #expect(search.status == 0, "\(search.stdout)\(search.stderr)")
        let log = search.stderr
        let firstTrial = try #require(log.range(of: "trial 1 of 2"), "\(log)")
        #expect(log.range(of: note).map { $0.upperBound <= firstTrial.lowerBound } == true, "\(log)")
    }

    /// The last 40 weeks of the slice leave 27 training weeks, under the lookback (26) plus two horizons:
    /// by default the network then also trains on the most recent windows, and the log says so.
    @Test func aShortHistoryAlsoTrainsOnTheRecentWindowsAndSaysSo() throws {
        let root = try TestRoot(config: try Self.exampleConfig())
        defer { root.remove() }
        let lines = try FileSystem.readText(Self.slice).split(separator: "\n")
        let recent = lines.dropFirst().filter { (Int($0.split(separator: ",")[2]) ?? 0) > 120 }
        let short = "\(root.path)/orangeJuice_yx_recent.csv"
        try FileSystem.writeAtomically(([lines[0]] + recent).joined(separator: "\n") + "\n", to: short)
        let result = try root.demand(["backtest", "--input", short, "--json", "\(root.path)/report.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("12 series, 27 training buckets, holdout 13"), "\(result.stdout)")
        #expect(result.stderr.contains("histories are short (median under lookback + 2 horizons): also training on the most recent windows"),
                "\(result.stderr)")
        // Less than a season plus a horizon of history: the network serves alone only with a clear edge on validation.
        #expect(result.stderr.contains(NeuralStudy.edgeNote(SegmentRules.shortHistoryEdge)), "\(result.stderr)")
        #expect(NeuralStudy.edgeNote(0.1).contains("at least 10% below the blend's"))
        let report = try JSONDecoder().decode(Backtester.Report.self, from: Data(FileSystem.read("\(root.path)/report.json")))
        #expect(report.selectedModels.values.reduce(0, +) == 12)
        // A run on the same file logs the rule in its tune state and records the edge in the study.
        try FileSystem.copy(short, to: "\(root.path)/landing/dominicks/orangeJuice_yx_recent.csv")
        let folder = try root.succeedingRun(["--quiet"]).folder
        let study = try FileSystem.readText("\(folder)/tune/study.json")
        #expect(study.contains("\"networkEdge\" : 0.1"), "\(study.prefix(2000))")
        let tuneLog = try FileSystem.list("\(folder)/logs").filter { $0.hasPrefix("tune") }
            .map { try FileSystem.readText("\(folder)/logs/\($0)") }.joined()
        #expect(tuneLog.contains(NeuralStudy.edgeNote(SegmentRules.shortHistoryEdge)), "\(tuneLog)")
    }

    @Test func aRunReadsTheTemplatesAndCarriesCovariatesIntoTheForecast() throws {
        let root = try TestRoot(config: try Self.exampleConfig(horizon: 4, plans: "config/calendars/plans.csv", loss: "quantile"))
        defer { root.remove() }
        try FileSystem.copy(Self.slice, to: "\(root.path)/landing/dominicks/orangeJuice_yx_slice.csv")
        // A planned discount with deal and feature ad for store 2's brand 1 over the 4 forecast weeks.
        let planned = ["1992-10-08", "1992-10-15", "1992-10-22", "1992-10-29"].map { "2-1,\($0),0.03,1,1,21" }
        try FileSystem.writeAtomically((["sku,date,price,deal,feat,temperature"] + planned).joined(separator: "\n") + "\n",
                                       to: "\(root.path)/config/calendars/plans.csv")
        // Calendars become known-future flags too: Christmases, and a promotion of 5-9 in history and horizon.
        try FileSystem.writeAtomically("date,name\n1990-12-25,Christmas\n1991-12-25,Christmas\n1992-12-25,Christmas\n",
                                       to: "\(root.path)/config/calendars/holidays.csv")
        try FileSystem.writeAtomically("sku,start,end\n5-9,1991-03-01,1991-03-20\n5-9,1992-10-10,1992-10-20\n",
                                       to: "\(root.path)/config/calendars/promotions.csv")
        let run = try root.succeedingRun().folder
        let master = try FileSystem.readText("\(run)/ingest/transactions.csv")
        #expect(master.hasPrefix("sku,date,quantity,price,store,producer,source,regressor_deal,regressor_feat\n"))
        // Store 2, brand 1, Dominick's week 40 = 1990-06-14: 8256 units at price1 0.0604688, deal 1.
        #expect(master.contains("\n2-1,1990-06-14,8256,0.06046875,2,dominicks,orangeJuice_yx_slice.csv:2,1,0\n"), "\(master.prefix(400))")
        let series = try FileSystem.readText("\(run)/clean/series.csv")
        #expect(series.hasPrefix("sku,bucket,quantity,raw_quantity,price,deal,feat\n"))
        let skus = Set(series.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] })
        #expect(skus == Set(["2-1", "2-2", "2-5", "2-9", "5-1", "5-2", "5-5", "5-9", "8-1", "8-2", "8-5", "8-9"]))
        let trainLog = try FileSystem.readText("\(run)/logs/train-attempt1.jsonl")
        #expect(trainLog.contains("covariates price, deal, feat, holiday, promotion; attributes brand, store embedded"), "\(trainLog)")
        #expect(trainLog.contains("12 planned values from features.plans"), "\(trainLog)")
        #expect(trainLog.contains("plans columns temperature are not covariates of the data"))
        #expect(try root.manifest(run).inputs.contains { $0.producer == ReservedInputs.plans })
        let forecast = try FileSystem.readText("\(run)/forecast/forecast.csv")
        #expect(forecast.split(separator: "\n").count == 1 + 12 * 4)
        // Quantile loss: the network's own bounds for the 80 % and 95 % levels, used where it serves a SKU alone.
        let quantiles = try FileSystem.readText("\(run)/train/lstm-quantiles.csv")
        #expect(quantiles.split(separator: "\n").count == 1 + 12 * 4 * 5)
        #expect(quantiles.contains(",0.025,") && quantiles.contains(",0.975,"))
        if forecast.contains(",lstm,") {
            let forecastLog = try FileSystem.readText("\(run)/logs/forecast-attempt1.jsonl")
            #expect(forecastLog.contains("intervals are the network's own quantiles (quantile loss)"))
        }
        let replay = try DemandCLI.run(["replay", "\(run)/manifest.json"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }

    @Test func badTemplatesAndWeekNumbersAreClearErrors() throws {
        let broken = try Self.exampleConfig().replacingOccurrences(of: "price{brand}", with: "price{brand")
        let root = try TestRoot(config: broken)
        defer { root.remove() }
        let check = try root.demand(["config", "check"])
        #expect(check.status != 0)
        #expect((check.stdout + check.stderr).contains("'price{brand': '{' without a closing '}'"), "\(check.stdout)\(check.stderr)")

        // A week that is not a number: the file (3 rows, one unreadable) is refused with the row and column named.
        let lines = try FileSystem.readText(Self.slice).split(separator: "\n").prefix(4).map(String.init)
        let bad = "\(root.path)/orangeJuice_yx_bad.csv"
        try FileSystem.writeAtomically((lines[0...1] + [lines[2].replacingOccurrences(of: "2,1,46,", with: "2,1,week46,")] + lines[3...])
            .joined(separator: "\n") + "\n", to: bad)
        let config = "\(root.path)/good.json"
        try FileSystem.writeAtomically(try Self.exampleConfig(), to: config)
        let result = try root.demand(["backtest", "--config", config, "--input", bad, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("orangeJuice_yx_bad.csv:3: column 'week': expected a week number (producers[].weekOneStarts is set), found 'week46'"),
                "\(result.stdout)\(result.stderr)")
    }
}
