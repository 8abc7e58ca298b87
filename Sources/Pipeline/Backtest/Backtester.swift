import Forecasting
import Formats
import Foundation

/// `demand backtest`: hold out the last buckets, fit every baseline (and the product's per-series
/// selection) on the rest, and score them with the ANCHORS.md protocol.
public struct Backtester: Sendable {
    /// Progress lines for the terminal.
    public let echo: (@Sendable (String) -> Void)?
    /// Whether the holdout's prices and regressors are unknown, as in a run without `features.plans`:
    /// each series' holdout buckets take the median of its last holdout-length of history
    /// (`Covariates.unplanned`). Otherwise they are known in advance, as planned ones would be.
    public let unplannedCovariates: Bool

    /// Creates a backtester.
    public init(echo: (@Sendable (String) -> Void)? = nil, unplannedCovariates: Bool = false) {
        self.echo = echo
        self.unplannedCovariates = unplannedCovariates
    }

    /// The scores of one model.
    public struct ModelScore: Sendable, Codable {
        public var model: String
        public var metrics: AccuracyMetrics
    }

    /// A backtest's results, also written as JSON.
    public struct Report: Sendable, Codable {
        /// `panel` (an already bucketed unique_id/ds/y file) or `pipeline` (ingest → clean → features).
        public var source: String
        public var inputs: [String]
        public var series: Int
        public var holdout: Int
        public var seasonLength: Int
        public var trainingBuckets: Int
        public var models: [ModelScore]
        /// Interval coverage of the selected model on the holdout: method → level → share covered.
        public var coverage: [String: [String: Double]]
        /// What serves each series in `selected` — a baseline, `lstm` or `blend(lstm+baseline)` — counted.
        public var selectedModels: [String: Int]
        /// Every model's holdout forecasts beside the actuals (not part of the JSON; `--forecasts` writes them).
        public var forecasts: HoldoutForecasts? = nil
        /// What ingest and clean warned about while preparing the series (a monthly file in weekly buckets, say).
        public var warnings: [String] = []
        /// `known` or `unplanned` (`Backtester.unplannedCovariates`) when the series have prices or
        /// regressors; `none` when they have none.
        public var holdoutCovariates: String? = nil

        enum CodingKeys: String, CodingKey {
            case source, inputs, series, holdout, seasonLength, trainingBuckets, models, coverage, selectedModels, warnings, holdoutCovariates
        }
    }

    /// Runs a backtest of `inputs` (vendor files of configured producers, or one panel CSV); with `top`,
    /// only the `top` series with the most volume before the holdout are scored (the ANCHORS protocol).
    /// The holiday and promotion calendars of the config (`features.holidays`, `features.promotions`,
    /// relative to `root`) become known-future covariates of the network, as in a run. Without `holdout`,
    /// the model's horizon (in months when `clean.bucket` `auto` finds the files monthly).
    public func run(inputs: [String], config given: PipelineConfig, holdout: Int? = nil, top: Int? = nil, root: String? = nil) throws -> Report {
        guard !inputs.isEmpty else { throw PipelineError(.usage, "give at least one --input FILE") }
        if let holdout, holdout < 1 { throw PipelineError(.usage, "--holdout must be at least 1 bucket") }
        var config = given
        let panel: PanelSeries
        let source: String
        if PanelSeries.isPanel(columns: try TableFile.columnNames(path: inputs[0])) {
            guard inputs.count == 1 else { throw PipelineError(.usage, "give one panel file at a time") }
            panel = try PanelSeries.fromPanel(try TableFile.read(path: inputs[0]), file: inputs[0], clean: config.clean)
            source = "panel"
        } else {
            panel = try PipelineSeries.prepare(inputs: inputs, config: config, echo: echo)
            source = "pipeline"
        }
        config = config.resolved(monthlyData: panel.grid?.months == true)
        var calendars: Calendars?
        if let root, config.features.holidays != nil || config.features.promotions != nil {
            func resolve(_ path: String?) -> String? { path.map { $0.hasPrefix("/") ? $0 : "\(root)/\($0)" } }
            calendars = try Calendars.load(holidays: resolve(config.features.holidays), promotions: resolve(config.features.promotions))
        }
        return try evaluate(panel, config: config, holdout: holdout ?? config.model.horizon, top: top, calendars: calendars, source: source, inputs: inputs)
    }

    func evaluate(_ panel: PanelSeries, config: PipelineConfig, holdout: Int, top: Int?, calendars: Calendars? = nil, source: String,
                  inputs: [String]) throws -> Report {
        let season = config.model.seasonLength
        var usable = panel.values.indices.filter { panel.values[$0].count > holdout + 2 }
        let longest = panel.values.map(\.count).max() ?? 0
        guard !usable.isEmpty else {
            throw PipelineError(.input, "no series is longer than the holdout (\(holdout)) plus 2 buckets (the longest has \(longest)); "
                                + "hold out fewer: --holdout \(Self.suggestedHoldout(longest: longest))")
        }
        var warnings = panel.warnings
        if longest - holdout <= season {
            warnings.append("no series has more than a season (\(season) buckets) of training history: seasonal naive falls back to naive "
                            + "and Holt-Winters to damped Holt, so their rows repeat those")
        }
        if longest - holdout < holdout {
            warnings.append("only \(longest - holdout) training buckets before the \(holdout)-bucket holdout: the models and the interval "
                            + "calibration have next to nothing to learn from, so these scores say little; hold out fewer "
                            + "(--holdout \(Self.suggestedHoldout(longest: longest)))")
        }
        // A series that starts in the holdout (or just before) has nothing to score from: say so, not only drop it.
        if usable.count < panel.values.count {
            let short = panel.values.indices.filter { panel.values[$0].count <= holdout + 2 }.map { panel.names[$0] }
            warnings.append("\(short.count) series not scored: first sold within the last \(holdout + 2) buckets, too late for a "
                            + "history before the \(holdout)-bucket holdout (\(short.prefix(5).joined(separator: ", "))\(short.count > 5 ? ", …" : ""))")
        }
        if let top, top < usable.count {
            let volume = usable.map { index in (index, panel.values[index].dropLast(holdout).reduce(0, +)) }
            usable = volume.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(top).map(\.0).sorted()
            echo?("scoring the \(top) series with the most volume before the holdout")
        }
        // The metrics scale by the histories as observed; the models read vendor files' histories with
        // missing-data gaps filled, as clean fills them in a run. A panel is modelled as given (no capping either).
        let observed = usable.map { Array(panel.values[$0].dropLast(holdout)) }
        let histories = config.clean.fillGaps && panel.raw != nil
            ? Self.fillingGaps(observed, seasonLength: season, bucketDay: { panel.days(series: usable[$0], offset: $1).lowerBound }, echo: echo) : observed
        let actuals = usable.map { Array((panel.raw?[$0] ?? panel.values[$0]).suffix(holdout)) }
        let flags = calendars.flatMap { calendars in
            CalendarCovariates.flags(calendars, skus: usable.map { panel.names[$0] }, historyCounts: histories.map(\.count), horizon: holdout) { index, offset in
                panel.days(series: usable[index], offset: offset)
            }
        }
        var data = panel.covariates?.selecting(usable)
        if unplannedCovariates { data = data?.unplanned(after: histories.map(\.count), recent: holdout) }
        let covariates = CalendarCovariates.joined(data, flags)?.keeping(config.model.covariates)
        let firstBuckets = usable.map { panel.firstBuckets?[$0] ?? 0 }
        let attributes = panel.attributes?.selecting(usable)
        var candidates = config.model.candidates.compactMap(BaselineModel.init(rawValue:))
        for extra in [BaselineModel.seasonalNaive, .holtWinters, .naive, .historicAverage] where !candidates.contains(extra) { candidates.append(extra) }
        var scores: [ModelScore] = []
        var holdoutForecasts = HoldoutForecasts(series: usable.map { panel.names[$0] }, actuals: actuals)
        for model in candidates {
            let forecasts = ParallelMap.map(histories.count) { model.fit(history: histories[$0], seasonLength: season).forecast(horizon: holdout) }
            holdoutForecasts.add(model.rawValue, forecasts)
            scores.append(ModelScore(model: model.rawValue, metrics: AccuracyMetrics.compute(actuals: actuals, forecasts: forecasts, histories: observed, seasonLength: season)))
        }
        echo?("scored \(candidates.count) baselines on \(usable.count) series; selecting (\(config.model.selection)) by rolling-origin CV")
        let pool = config.model.candidates.compactMap(BaselineModel.init(rawValue:))
        let cvScores = ParallelMap.map(histories.count) {
            ModelSelection.crossValidate(series: histories[$0], candidates: pool, horizon: holdout, origins: config.model.cvOrigins, seasonLength: season)
        }
        let selected = ModelSelection.choose(scores: cvScores, candidates: pool, global: config.model.selection == "global")
        let baselineForecasts = ParallelMap.map(histories.count) { selected[$0].fit(history: histories[$0], seasonLength: season).forecast(horizon: holdout) }
        var selectedForecasts = baselineForecasts
        var networkCalibration: [[Double]?] = histories.map { _ in nil }
        var directCoverage: [String: Double] = [:]
        var servedBy = selected.map(\.rawValue)
        if config.model.candidates.contains("lstm") {
            var settings = config.networkSettings()
            if settings.trials > 1 {
                echo?("tuning the LSTM: up to \(settings.trials) trials (TPE sampler, median pruning, \(settings.trialFolds) rolling origin(s) per trial)")
                settings = NeuralTuner.tune(series: histories, firstBuckets: firstBuckets, covariates: covariates, attributes: attributes, horizon: holdout, base: settings,
                                            trials: settings.trials, timeBudget: settings.tuneSeconds, seed: config.seed, progress: echo).best
            }
            let inputs = (covariates.map { " with covariates " + $0.names.joined(separator: ", ") + (unplannedCovariates ? " (unplanned: the holdout takes each series' recent median)" : " (known for the holdout)") } ?? "")
                + (attributes.map { "; attributes " + $0.names.joined(separator: ", ") + " embedded" } ?? "")
            echo?("training the global LSTM on \(histories.count) series (horizon \(holdout))\(inputs)")
            let trained = NeuralForecaster.train(series: histories, firstBuckets: firstBuckets, covariates: covariates, attributes: attributes, horizon: holdout,
                                                 settings: settings, seed: config.seed, progress: echo)
            let lstm = trained.forecastAll()
            let blend = zip(lstm, baselineForecasts).map { pair in zip(pair.0, pair.1).map { ($0 + $1) / 2 } }
            holdoutForecasts.add("lstm", lstm)
            holdoutForecasts.add("blend", blend)
            scores.append(ModelScore(model: "lstm", metrics: AccuracyMetrics.compute(actuals: actuals, forecasts: lstm, histories: observed, seasonLength: season)))
            scores.append(ModelScore(model: "blend", metrics: AccuracyMetrics.compute(actuals: actuals, forecasts: blend, histories: observed, seasonLength: season)))
            let edge = SegmentRules.requiredNetworkEdge(seriesLengths: histories.map(\.count), seasonLength: season, horizon: holdout)
            if edge > 0 { echo?(NeuralStudy.edgeNote(edge)) }
            let rules = SegmentRules.decide(series: histories, networkValidation: trained.validationForecasts, baselines: selected,
                                            horizon: holdout, seasonLength: season, networkEdge: edge)
            let segmentWAPE = Dictionary(uniqueKeysWithValues: rules.segmentWAPE.map { ($0.key.rawValue, NeuralStudy.named($0.value)) })
            echo?("rule per segment (decided on the last \(holdout) training buckets): "
                + NeuralStudy.rulesWithScores(rules: Dictionary(uniqueKeysWithValues: rules.rules.map { ($0.key.rawValue, $0.value.rawValue) }),
                                              segmentWAPE: segmentWAPE, tooLittle: NeuralStudy.tooLittle(rules)) + "; validation: "
                + NeuralStudy.scores(wape: Dictionary(uniqueKeysWithValues: rules.wape.map { ($0.key.rawValue, $0.value) }),
                                     volumeError: Dictionary(uniqueKeysWithValues: rules.volumeError.map { ($0.key.rawValue, $0.value) })))
            selectedForecasts = rules.apply(network: lstm, baseline: baselineForecasts)
            servedBy = zip(rules.segments, selected).map { (rules.rules[$0] ?? .blend).label(baseline: $1.rawValue) }
            if let quantiles = trained.forecastQuantiles() {
                directCoverage = Self.quantileCoverage(quantiles, of: trained.quantiles, actuals: actuals, rules: rules, levels: config.intervals.levels)
                for (index, quantile) in trained.quantiles.enumerated() {
                    holdoutForecasts.add("lstm-q\(NumberText.format(quantile, decimals: 3))", quantiles.map { $0.map { $0[index] } })
                }
            }
            networkCalibration = Self.validationForecasts(histories: histories, network: trained.validationForecasts, rules: rules,
                                                          baselines: selected, horizon: holdout, seasonLength: season)
        }
        let stopped = StoppedSelling.stopped(observed, horizon: holdout, seasonLength: season)
        for index in stopped {
            selectedForecasts[index] = Array(repeating: 0, count: holdout)
            servedBy[index] = StoppedSelling.label
        }
        if !stopped.isEmpty { echo?(StoppedSelling.note(count: stopped.count, names: stopped.map { panel.names[usable[$0]] })) }
        holdoutForecasts.add("selected", selectedForecasts)
        scores.append(ModelScore(model: "selected", metrics: AccuracyMetrics.compute(actuals: actuals, forecasts: selectedForecasts, histories: observed, seasonLength: season)))
        // How far each bucket's covariates (the holdout's as the network saw them) move demand: promoted buckets are calibrated apart.
        let lifts = covariates.map { CovariateLift.factors(histories: histories, covariates: $0) }
        var (coverage, bounds) = intervalCoverage(histories: histories, actuals: actuals, forecasts: selectedForecasts, models: selected,
                                                  networkCalibration: networkCalibration, lifts: lifts, config: config, horizon: holdout)
        // The selected forecast's intervals of the configured method beside it, one column per bound.
        for (levelIndex, level) in config.intervals.levels.enumerated() {
            let percent = NumberText.format(level * 100)
            holdoutForecasts.add("selected_lower_\(percent)", bounds.map { $0.map { $0[levelIndex].lower } })
            holdoutForecasts.add("selected_upper_\(percent)", bounds.map { $0.map { $0[levelIndex].upper } })
        }
        if !directCoverage.isEmpty { coverage["quantile"] = directCoverage }
        var counts: [String: Int] = [:]
        for model in servedBy { counts[model, default: 0] += 1 }
        return Report(source: source, inputs: inputs, series: usable.count, holdout: holdout, seasonLength: season,
                      trainingBuckets: histories.map(\.count).max() ?? 0, models: scores, coverage: coverage, selectedModels: counts,
                      forecasts: holdoutForecasts, warnings: warnings,
                      holdoutCovariates: data == nil ? "none" : unplannedCovariates ? "unplanned" : "known")
    }

    /// A holdout that leaves three quarters of the longest series to train on (at least 1 bucket).
    static func suggestedHoldout(longest: Int) -> Int {
        max(1, longest / 4)
    }

    /// The training histories with `GapFilling` applied, the holdout unseen (the vendor-file path's clean
    /// state leaves gaps to this, so no fill reads past the training buckets); `bucketDay(series, offset)`
    /// names a bucket by its first day, for the panel's totals. Says how many runs it filled.
    static func fillingGaps(_ histories: [[Double]], seasonLength: Int, bucketDay: (Int, Int) -> Int32, echo: (@Sendable (String) -> Void)?) -> [[Double]] {
        let filled = GapFilling.fillPanel(histories, seasonLength: seasonLength, bucket: bucketDay)
        let runs = filled.reduce(0) { $0 + $1.gaps.count }
        if runs > 0 {
            let skus = filled.filter { !$0.gaps.isEmpty }.count
            let buckets = filled.reduce(0) { $0 + $1.gaps.reduce(0) { $0 + $1.length } }
            echo?("filled \(runs) run(s) of empty buckets in \(skus) series that sell in nearly every other bucket as missing data "
                  + "(\(buckets) training buckets; clean.fillGaps false keeps them as zeros)")
        }
        return filled.map(\.values)
    }

    /// Holdout coverage of the network's own quantiles (quantile loss), over the series its rule serves alone.
    static func quantileCoverage(_ quantiles: [[[Double]]], of trained: [Double], actuals: [[Double]], rules: SegmentRules,
                                 levels: [Double]) -> [String: Double] {
        var coverage: [String: Double] = [:]
        for level in levels {
            var inside = 0, total = 0
            for (index, steps) in quantiles.enumerated() where rules.rules[rules.segments[index]] == .lstm {
                for (step, values) in steps.enumerated() {
                    let byQuantile = Dictionary(uniqueKeysWithValues: zip(trained, values))
                    guard let bounds = NetworkForecast.bounds(byQuantile, level: level) else { continue }
                    if actuals[index][step] >= bounds.lower && actuals[index][step] <= bounds.upper { inside += 1 }
                    total += 1
                }
            }
            if total > 0 { coverage[String(level)] = Double(inside) / Double(total) }
        }
        return coverage
    }

    /// Per series, the forecast its rule makes of the last `horizon` training buckets from the network's
    /// validation forecast (nil for series the baseline serves or without a validation window).
    static func validationForecasts(histories: [[Double]], network: [[Double]], rules: SegmentRules, baselines: [BaselineModel],
                                    horizon: Int, seasonLength: Int) -> [[Double]?] {
        var next = 0
        return histories.indices.map { index in
            let end = histories[index].count - horizon
            guard end >= 1, next < network.count else { return nil }
            let forecast = network[next]
            next += 1
            let source = rules.rules[rules.segments[index]] ?? .blend
            guard source != .baseline else { return nil }
            let baseline = baselines[index].fit(history: Array(histories[index][..<end]), seasonLength: seasonLength).forecast(horizon: horizon)
            return source.combine(network: forecast, baseline: baseline)
        }
    }

    /// Calibrates intervals on backtest windows inside the training part, then counts holdout actuals inside them.
    ///
    /// Series the network serves are calibrated on its validation window (the last training horizon,
    /// which it did not train on before its refit); the rest on `intervals.backtestWindows` refits of
    /// their baseline. With covariates, `lifts[series][bucket]` (`CovariateLift`) sets promoted buckets apart.
    /// Coverage of the holdout by each interval method and level, calibrated as a run calibrates, and the
    /// bounds of `config.intervals.method` per series, step and level.
    private func intervalCoverage(histories: [[Double]], actuals: [[Double]], forecasts: [[Double]], models: [BaselineModel],
                                  networkCalibration: [[Double]?], lifts: [[Double]]?, config: PipelineConfig, horizon: Int)
        -> (coverage: [String: [String: Double]], bounds: [[[(lower: Double, upper: Double)]]]) {
        var scaled = [[Double]](repeating: [], count: horizon)
        var scaledLifts = [[Double]](repeating: [], count: horizon)
        func add(_ residual: Double, series: Int, step: Int, offset: Int) {
            scaled[step].append(residual)
            scaledLifts[step].append(CovariateLift.lift(lifts, series: series, bucket: offset))
        }
        // Index 0 is the holdout; window w + 1 starts w + 1 horizons before the end of the training buckets.
        let seasonal = SeasonalWidth.factors(series: histories, windows: config.intervals.backtestWindows, horizon: horizon,
                                             seasonLength: config.model.seasonLength, enabled: config.intervals.seasonalWidth)
        for (index, history) in histories.enumerated() {
            // Each window's residuals are measured in the scale known at its origin, as a forecast's are.
            if let network = networkCalibration[index] {
                let origin = history.count - horizon
                guard let variation = SeriesScale.variation(Array(history[..<origin])) else { continue }
                let scale = variation * seasonal[1]
                for step in 0..<horizon { add((history[origin + step] - network[step]) / scale, series: index, step: step, offset: origin + step) }
                continue
            }
            let origins = models[index].backtestOrigins(seriesLength: history.count, horizon: horizon,
                                                        windows: config.intervals.backtestWindows, seasonLength: config.model.seasonLength)
            for (window, origin) in origins.enumerated() {
                let known = Array(history[..<origin])
                guard let variation = SeriesScale.variation(known) else { break }
                let scale = variation * seasonal[window + 1]
                let forecast = models[index].fit(history: known, seasonLength: config.model.seasonLength).forecast(horizon: horizon)
                for step in 0..<horizon { add((history[origin + step] - forecast[step]) / scale, series: index, step: step, offset: origin + step) }
            }
        }
        var coverage: [String: [String: Double]] = [:]
        let levels = config.intervals.levels
        var chosen = histories.map { _ in [[(lower: Double, upper: Double)]](repeating: [], count: horizon) }
        for method in IntervalMethod.allCases {
            let model = IntervalModel.calibrate(scaledResiduals: scaled, lifts: lifts == nil ? nil : scaledLifts, levels: levels, method: method)
            for (levelIndex, level) in levels.enumerated() {
                var inside = 0, total = 0
                for (index, history) in histories.enumerated() {
                    let scale = (SeriesScale.variation(history) ?? 1) * seasonal[0]
                    for step in 0..<horizon {
                        let bounds = model.bounds(point: max(0, forecasts[index][step]), step: step, scale: scale, level: levelIndex,
                                                  lift: CovariateLift.lift(lifts, series: index, bucket: history.count + step))
                        if actuals[index][step] >= bounds.lower && actuals[index][step] <= bounds.upper { inside += 1 }
                        total += 1
                        if method.rawValue == config.intervals.method { chosen[index][step].append(bounds) }
                    }
                }
                coverage[method.rawValue, default: [:]][String(level)] = Double(inside) / Double(max(1, total))
            }
        }
        return (coverage, chosen)
    }
}

/// Runs ingest → clean on vendor files in a scratch root and returns the clean series. The features state is
/// not run: the network builds its inputs from the series, and the backtest reads the calendars itself.
enum PipelineSeries {
    static func prepare(inputs: [String], config: PipelineConfig, echo: (@Sendable (String) -> Void)?) throws -> PanelSeries {
        let scratch = NSTemporaryDirectory() + "demand-backtest-\(UUID().uuidString.prefix(8))"
        defer { try? FileSystem.remove(scratch) }
        var scratchConfig = config
        scratchConfig.paths.artifacts = "\(scratch)/artifacts"
        // The backtest fills gaps in the training buckets only (`Backtester.fillingGaps`).
        scratchConfig.clean.fillGaps = false
        let store = try RunStore(root: scratch, config: scratchConfig)
        let runId = store.newRunId()
        var archived: [Manifest.InputFile] = []
        for (index, path) in inputs.enumerated() {
            let name = (path as NSString).lastPathComponent
            let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            guard let producer = config.producers.first(where: { $0.name == folder })
                    ?? config.producers.first(where: { $0.patterns.contains { pattern in Glob.matches(pattern, name) } }) else {
                throw PipelineError(.input, "\(path): no producer matches this file (by its folder name or producers[].patterns); pass --config with a producer for it")
            }
            let relative = "inputs/\(index + 1)-\(producer.name)-\(name)"
            try FileSystem.copy(path, to: "\(store.runDirectory(runId))/\(relative)")
            archived.append(Manifest.InputFile(originalName: name, producer: producer.name, size: try FileSystem.size(path),
                                               sha256: try SHA256.hexDigest(ofFile: path), archivedPath: relative))
        }
        let manifest = try RunFactory.newManifest(runId: runId, trigger: "backtest", config: scratchConfig, inputs: archived)
        let orchestrator = Orchestrator(states: [IngestState(), CleanState()], store: store, echo: echo, sleep: { _ in })
        let final = try orchestrator.execute(manifest, config: scratchConfig, through: .clean)
        guard final.record(.clean).status == .succeeded else {
            let failed = final.states.first { $0.status == .failed }
            throw PipelineError(.input, failed?.error ?? "preparing the series failed")
        }
        let (series, grid) = try SeriesFile.read(folder: "\(store.runDirectory(runId))/clean")
        return PanelSeries(names: series.map(\.sku), values: series.map(\.values), raw: series.map(\.raw),
                           covariates: series.covariates, firstBuckets: series.map(\.firstBucket), grid: grid,
                           attributes: try NetworkAttributes.read(path: "\(store.runDirectory(runId))/ingest/\(MasterTable.attributesFileName)",
                                                                  skus: series.map(\.sku), names: config.model.attributes),
                           warnings: try loggedWarnings(folder: "\(store.runDirectory(runId))/logs"))
    }

    /// The messages of the warning lines in a run's state logs, in state order (ingest, then clean).
    static func loggedWarnings(folder: String) throws -> [String] {
        let logs = try FileSystem.list(folder).filter { $0.hasSuffix(".jsonl") }
        var warnings: [String] = []
        for state in StateName.allCases {
            for file in logs.filter({ $0.hasPrefix(state.rawValue + "-") }).sorted() {
                for line in try FileSystem.readText("\(folder)/\(file)").split(separator: "\n") {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          object["level"] as? String == "warning", let message = object["message"] as? String else { continue }
                    warnings.append(message)
                }
            }
        }
        return warnings
    }
}
