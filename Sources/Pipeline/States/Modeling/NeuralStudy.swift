import Forecasting

/// The part of `tune/study.json` that compares the global LSTM with the baselines on validation data.
///
/// Every series' last horizon is held out; the network (trained without it) and each SKU's chosen
/// baseline (fitted without it) forecast it, and per demand segment the source with the lowest WAPE
/// — network, baseline or their blend — becomes the rule the forecast uses. Nothing here looks at
/// data after the validation window.
struct NeuralStudy: Codable, Equatable {
    /// WAPE of each source on all validation windows.
    var wape: [String: Double]
    /// Total-volume error of each source on all validation windows, signed ((Σ forecast − Σ actual) / Σ actual).
    var volumeError: [String: Double]? = nil
    /// WAPE of each source per segment, and the number of SKUs in it.
    var segmentWAPE: [String: [String: Double]]
    var segmentSKUs: [String: Int]
    /// The source chosen per segment.
    var rules: [String: String]
    /// Per segment, the sources left out for forecasting under `SegmentRules.minimumVolumeShare` of its
    /// validation demand (absent when none was).
    var tooLittle: [String: [String]]? = nil
    /// With short histories, how much lower than the blend's the network's validation WAPE had to be for
    /// it to serve a segment alone (`SegmentRules.requiredNetworkEdge`); absent when any win counted.
    var networkEdge: Double? = nil
    /// Epochs each network trained for (early stopping); `train` trains its networks on all data for as long.
    var epochs: [Int]
    /// The volume correction's factor (`model.lstm.volumeCorrection`), when it was not 1.
    var volumeFactor: Double? = nil
    /// The hyperparameters used (after tuning, when `trials` > 1).
    var settings: [String: String]
    /// Permutation importance of each input group on the validation windows (relative WAPE increase).
    var importance: [String: Double]? = nil
    /// Every tuning trial, when there was a search.
    var trials: [TuningTrial]? = nil
    /// The settings the search chose (the network of `train` uses them).
    var tuned: NeuralSettings? = nil
    var tunedLookback: Int? = nil

    /// The epochs `train`'s networks train for: the validated networks' own, one positive count per
    /// network of `settings`; nil (validate again) otherwise.
    static func knownEpochs(of study: Study, settings: NeuralSettings) -> [Int]? {
        NeuralForecaster.usableEpochs(study.neural?.epochs, settings: settings)
    }

    /// The settings `train` must use: the tuned ones, or the config's.
    static func settings(of study: Study, config: PipelineConfig) -> NeuralSettings {
        if let tuned = study.neural?.tuned { return config.networkSettings(tuned: tuned, lookback: study.neural?.tunedLookback) }
        return config.networkSettings()
    }

    /// Validates the network against the baselines and decides the rule per segment.
    static func run(series: [SeriesRecord], grid: BucketGrid, choices: [String: String], context: StateContext) throws -> (NeuralStudy, [String: String]) {
        let config = context.config
        let horizon = config.model.horizon
        var settings = config.networkSettings()
        // Validation windows lie inside the history, so the data's covariates need no extension here.
        let flags = CalendarCovariates.flags(try Calendars.load(context), series: series, grid: grid, horizon: 0)
        let covariates = CalendarCovariates.joined(series.covariates, flags)?.keeping(config.model.covariates)
        let attributes = try NetworkAttributes.read(path: context.file(.ingest, MasterTable.attributesFileName), skus: series.map(\.sku),
                                                    names: config.model.attributes)
        var trials: [TuningTrial]?
        if settings.trials > 1 {
            context.log.info("tuning the LSTM: up to \(settings.trials) trials\(settings.tuneSeconds > 0 ? " or \(Int(settings.tuneSeconds)) s" : "") (TPE sampler, median pruning, \(settings.trialFolds) rolling origin(s) per trial)")
            let search = NeuralTuner.tune(series: series.map(\.values), firstBuckets: series.map(\.firstBucket), covariates: covariates, attributes: attributes, horizon: horizon, base: settings,
                                          trials: settings.trials, timeBudget: settings.tuneSeconds, seed: context.seed,
                                          progress: { context.log.info($0) })
            settings = search.best
            trials = search.trials
            try context.checkpoint()
        }
        let trained = NeuralForecaster.train(series: series.map(\.values), firstBuckets: series.map(\.firstBucket), covariates: covariates, attributes: attributes, horizon: horizon,
                                             settings: settings, seed: context.seed, refit: false,
                                             progress: { context.log.info($0) })
        let edge = SegmentRules.requiredNetworkEdge(seriesLengths: series.map(\.values.count), seasonLength: config.model.seasonLength,
                                                    horizon: horizon)
        if edge > 0 { context.log.info(edgeNote(edge)) }
        let decided = SegmentRules.decide(series: series.map(\.values), networkValidation: trained.validationForecasts,
                                          baselines: series.map { BaselineModel(rawValue: choices[$0.sku] ?? "") ?? .naive },
                                          horizon: horizon, seasonLength: config.model.seasonLength, networkEdge: edge)
        try context.checkpoint()
        try writeValidation(series: series, forecasts: trained.validationForecasts, horizon: horizon, path: context.output(validationFileName))
        let importance = trained.permutationImportance(seed: context.seed)
        context.log.info("permutation importance on validation (WAPE increase when shuffled): " + importance.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.rawValue) \(NumberText.format($0.value * 100, decimals: 1))%" }.joined(separator: ", "))
        let segments = Dictionary(uniqueKeysWithValues: zip(series.map(\.sku), decided.segments.map(\.rawValue)))
        let study = NeuralStudy(wape: named(decided.wape), volumeError: named(decided.volumeError),
                                segmentWAPE: Dictionary(uniqueKeysWithValues: decided.segmentWAPE.map { ($0.key.rawValue, named($0.value)) }),
                                segmentSKUs: Dictionary(uniqueKeysWithValues: decided.segmentCounts.map { ($0.key.rawValue, $0.value) }),
                                rules: Dictionary(uniqueKeysWithValues: decided.rules.map { ($0.key.rawValue, $0.value.rawValue) }),
                                tooLittle: tooLittle(decided),
                                networkEdge: edge > 0 ? edge : nil,
                                epochs: trained.epochs, volumeFactor: trained.volumeFactor == 1 ? nil : trained.volumeFactor,
                                settings: describe(settings),
                                importance: Dictionary(uniqueKeysWithValues: importance.map { ($0.key.rawValue, $0.value) }), trials: trials,
                                tuned: trials == nil ? nil : settings, tunedLookback: trials == nil ? nil : settings.lookback)
        return (study, segments)
    }
    /// The log line when `SegmentRules.requiredNetworkEdge` asks the network for a clear win.
    static func edgeNote(_ edge: Double) -> String {
        "histories are shorter than a season plus a horizon: the network serves a segment alone only where its validation WAPE is "
            + "at least \(percent(edge)) below the blend's (the validation weeks cannot show how the forecast weeks' part of the season differs)"
    }

    /// Each source's validation scores for a log line: "lstm WAPE 65.2%, volume -37.5%; …", sources sorted.
    static func scores(wape: [String: Double], volumeError: [String: Double]?) -> String {
        wape.sorted { $0.key < $1.key }.map { source, wape in
            let volume = volumeError?[source].map { ", volume \($0 >= 0 ? "+" : "")\(percent($0))" } ?? ""
            return "\(source) WAPE \(percent(wape))\(volume)"
        }.joined(separator: "; ")
    }

    /// Scores by source name, as the study records them: one that could not be scored (infinite) as −1.
    static func named(_ scores: [ForecastSource: Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value.isFinite ? $0.value : -1) })
    }

    /// The rule per segment with each source's validation WAPE there (as `named` records them), e.g.
    /// `erratic→lstm (baseline 78.2%, blend 69.2%, lstm 67.5%)`, segments in name order.
    static func rulesWithScores(rules: [String: String], segmentWAPE: [String: [String: Double]], tooLittle: [String: [String]]? = nil) -> String {
        rules.sorted { $0.key < $1.key }.map { segment, source in
            let scores = (segmentWAPE[segment] ?? [:]).sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value >= 0 ? percent($0.value) : "n/a")" }
            let left = tooLittle?[segment].map { "; " + $0.joined(separator: ", ") + " left out: forecast under "
                + percent(SegmentRules.minimumVolumeShare) + " of the demand" } ?? ""
            return "\(segment)→\(source) (\(scores.joined(separator: ", "))\(left))"
        }.joined(separator: " ")
    }

    /// `SegmentRules.tooLittle` by name, nil when no source was left out.
    static func tooLittle(_ rules: SegmentRules) -> [String: [String]]? {
        rules.tooLittle.isEmpty ? nil : Dictionary(uniqueKeysWithValues: rules.tooLittle.map { ($0.key.rawValue, $0.value.map(\.rawValue)) })
    }

    private static func percent(_ share: Double) -> String { share.isFinite ? NumberText.format(share * 100, decimals: 1) + "%" : "n/a" }

    /// `tune/lstm-validation.csv`: the network's forecasts of each SKU's held-out last horizon (sku, step,
    /// forecast); `residuals` uses them for the newest backtest window of SKUs the network serves.
    static let validationFileName = "lstm-validation.csv"

    static func writeValidation(series: [SeriesRecord], forecasts: [[Double]], horizon: Int, path: String) throws {
        var rows: [[String]] = []
        var index = 0
        for record in series where record.values.count - horizon >= 1 && index < forecasts.count {
            for (step, value) in forecasts[index].enumerated() { rows.append([record.sku, String(step + 1), NumberText.format(value, decimals: 4)]) }
            index += 1
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "step", "forecast"], rows: rows), to: path)
    }

    static func describe(_ settings: NeuralSettings) -> [String: String] {
        ["lookback": String(settings.lookback), "layers": String(settings.layers), "hiddenUnits": String(settings.hiddenUnits),
         "dropout": String(settings.dropout), "learningRate": String(settings.learningRate), "batchSize": String(settings.batchSize),
         "epochs": String(settings.epochs), "windowsPerEpoch": String(settings.windowsPerEpoch), "loss": settings.loss,
         "embeddingScale": String(settings.embeddingScale), "volumeWeight": String(settings.volumeWeight), "scaling": settings.scaling,
         "ensembleSize": String(settings.ensembleSize)]
    }
}
