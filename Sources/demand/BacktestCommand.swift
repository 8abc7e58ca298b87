import Foundation
import Pipeline

/// `demand backtest`: score every baseline on a holdout of the last buckets.
enum BacktestCommand {
    static let command = Command(
        name: "backtest", summary: "hold out the last buckets and score every model (MAE, RMSE, sMAPE, MASE, WAPE, volume error)",
        usage: """
            Usage: demand backtest --input FILE... [--config FILE] [--root DIR] [--holdout N] [--top N] [--json OUT]
                                   [--forecasts CSV] [--unplanned]

            Runs ingest → clean → features on the vendor files (each matched to a producer by its folder
            name or filename pattern), or reads an already bucketed panel (a CSV with columns
            unique_id, ds, y; weekly, or monthly when every ds is one day of its month), holds out
            the last N buckets (default model.horizon: 13 weeks, or 6 months for monthly data under
            clean.bucket "auto"), fits every baseline and the
            per-series selection on the rest, and prints MAE, RMSE, sMAPE, MASE (scaled by the in-sample
            seasonal naive, season = model.seasonLength), WAPE and total-volume error (signed: below
            zero the forecast fell short) per model, plus
            the interval coverage of the selected model. With --top N only the N series with the most
            volume before the holdout are scored (the protocol of docs/ANCHORS.md uses 500). Covariates
            the producers map (price, regressors such as deal or feat) feed the LSTM, with their
            holdout values known in advance as planned prices and promotions would be; with
            --unplanned they are not, as in a run without features.plans: each series' holdout takes
            the median of its last holdout-length of history (its usual price and promotions). Actuals are
            the quantities before outlier capping; a vendor file's store closures and lost months
            (clean.fillGaps) are filled in the training buckets only, a panel is modelled as given.
            The same goes to OUT as JSON (default
            ROOT/artifacts/backtests/backtest-<time>.json). With --forecasts CSV every model's holdout
            forecasts are written beside the actuals, one row per series and step (sku, step, actual,
            then one column per model; with loss quantile also lstm-q<quantile> per trained quantile;
            last the selected forecast's interval bounds, selected_lower_80, selected_upper_80, …).
            Without --config, ROOT/config/demand.json is used if present, else the defaults.
            """,
        run: run)

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, valueOptions: RootOptions.valueOptions.union(["input", "holdout", "json", "top", "forecasts"]),
                                      flagOptions: ["quiet", "unplanned"], multiValue: ["input"])
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])' (inputs go after --input)") }
        let inputs = arguments.options["input"] ?? []
        guard !inputs.isEmpty else { throw UsageError("give at least one --input FILE") }
        let root = RootOptions.root(arguments)
        let configPath = arguments.value("config") ?? ConfigLoader.defaultPath(root: root)
        let config = arguments.value("config") != nil || FileSystem.exists(configPath) ? try ConfigLoader.load(path: configPath) : PipelineConfig()
        // Without --holdout: the model's horizon, once clean has seen whether the data is monthly.
        let holdout = try arguments.value("holdout").map { _ in try arguments.integer("holdout", default: 0) }
        let echo: (@Sendable (String) -> Void)? = arguments.flags.contains("quiet") ? nil : Terminal.progressSink
        let top = try arguments.value("top").map { _ in try arguments.integer("top", default: 0) }
        if let top, top < 1 { throw UsageError("--top must be at least 1 series") }
        let report = try Backtester(echo: echo, unplannedCovariates: arguments.flags.contains("unplanned")).run(inputs: inputs, config: config, holdout: holdout, top: top, root: root)
        print(BacktestTable.render(report))
        let output = arguments.value("json") ?? "\(root)/\(config.paths.artifacts)/backtests/backtest-\(Timestamp.compact()).json"
        try FileSystem.writeAtomically(BacktestTable.json(report), to: output)
        print("json: \(output)")
        if let path = arguments.value("forecasts"), let forecasts = report.forecasts {
            try FileSystem.writeAtomically(forecasts.csv(), to: path)
            print("forecasts: \(path)")
        }
        return 0
    }
}

/// The backtest report as a text table and as JSON.
enum BacktestTable {
    static func render(_ report: Backtester.Report) -> String {
        // The default, known covariates, goes unsaid (the JSON says it): a file and its twin without prices read alike.
        let covariates = report.holdoutCovariates == "unplanned" ? "; the holdout's prices and regressors unplanned (each series' recent median)" : ""
        var lines = ["\(report.series) series, \(report.trainingBuckets) training buckets, holdout \(report.holdout), season \(report.seasonLength) (\(report.source))\(covariates)", ""]
        let header = ["model", "MAE", "RMSE", "sMAPE", "MASE mean", "MASE median", "WAPE", "VolErr"]
        var rows = [header]
        for score in report.models {
            let m = score.metrics
            rows.append([score.model, fixed(m.mae, 1), fixed(m.rmse, 1), fixed(m.smape, 1), fixed(m.maseMean, 3), fixed(m.maseMedian, 3),
                         fixed(m.wape * 100, 1) + "%", (m.volumeError > 0 ? "+" : "") + fixed(m.volumeError * 100, 1) + "%"])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            lines.append(row.enumerated().map { column, text in
                column == 0 ? text.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  "))
            if index == 0 { lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))) }
        }
        if !report.coverage.isEmpty {
            lines.append("")
            lines.append("interval coverage of 'selected' on the holdout:")
            for method in report.coverage.keys.sorted() {
                let levels = report.coverage[method] ?? [:]
                lines.append("  \(method.padding(toLength: 10, withPad: " ", startingAt: 0)) " + levels.keys.sorted().map {
                    "\(fixed((Double($0) ?? 0) * 100, 0))%: \(fixed((levels[$0] ?? 0) * 100, 1))%"
                }.joined(separator: "  "))
            }
        }
        let chosen = report.selectedModels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("selected per series: \(chosen)")
        if !report.warnings.isEmpty {
            // Logged early (and not at all with --quiet): repeated where the results are read.
            lines.append("")
            lines.append("warnings while preparing the series:")
            lines += report.warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : "n/a"
    }

    static func json(_ report: Backtester.Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
