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
    /// WAPE of each source per segment, and the number of SKUs in it.
    var segmentWAPE: [String: [String: Double]]
    var segmentSKUs: [String: Int]
    /// The source chosen per segment.
    var rules: [String: String]
    /// Epochs each network trained for (early stopping).
    var epochs: [Int]
    /// The hyperparameters used.
    var settings: [String: String]

    /// Validates the network against the baselines and decides the rule per segment.
    static func run(series: [SeriesRecord], choices: [String: String], context: StateContext) throws -> (NeuralStudy, [String: String]) {
        let config = context.config
        let horizon = config.model.horizon
        var settings = config.model.lstm
        settings.lookback = config.model.lookback
        let trained = NeuralForecaster.train(series: series.map(\.values), firstBuckets: series.map(\.firstBucket), horizon: horizon,
                                             settings: settings, seed: context.seed, refit: false,
                                             progress: { context.log.info($0) })
        var segments: [String: String] = [:]
        var absolute: [String: [ForecastSource: Double]] = [:]
        var totals: [String: Double] = [:]
        var counts: [String: Int] = [:]
        var validationIndex = 0
        for record in series {
            let segment = DemandSegment.classify(record.values).rawValue
            segments[record.sku] = segment
            counts[segment, default: 0] += 1
            let end = record.values.count - horizon
            guard end >= 1 else { continue }
            try context.checkpoint()
            let network = trained.validationForecasts[validationIndex]
            validationIndex += 1
            let model = BaselineModel(rawValue: choices[record.sku] ?? "") ?? .naive
            let baseline = model.fit(history: Array(record.values[..<end]), seasonLength: config.model.seasonLength).forecast(horizon: horizon)
            let actual = record.values[end...]
            for source in ForecastSource.allCases {
                let forecast = source.combine(network: network, baseline: baseline)
                let error = zip(forecast, actual).reduce(0) { $0 + abs($1.0 - $1.1) }
                absolute[segment, default: [:]][source, default: 0] += error
                absolute["all", default: [:]][source, default: 0] += error
            }
            let sum = actual.reduce(0) { $0 + abs($1) }
            totals[segment, default: 0] += sum
            totals["all", default: 0] += sum
        }
        func wape(_ segment: String) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: ForecastSource.allCases.map { source in
                let total = totals[segment] ?? 0
                return (source.rawValue, total > 0 ? ((absolute[segment]?[source] ?? 0) / total * 1e6).rounded() / 1e6 : -1)
            })
        }
        var rules: [String: String] = [:]
        var segmentWAPE: [String: [String: Double]] = [:]
        for segment in DemandSegment.allCases.map(\.rawValue) where counts[segment] != nil {
            let scores = wape(segment)
            segmentWAPE[segment] = scores
            // Too little validation volume to judge: trust the blend, the safest of the three.
            let best = (totals[segment] ?? 0) > 0 ? ForecastSource.allCases.min { (scores[$0.rawValue] ?? .infinity) < (scores[$1.rawValue] ?? .infinity) } : .blend
            rules[segment] = (best ?? .blend).rawValue
        }
        let study = NeuralStudy(wape: wape("all"), segmentWAPE: segmentWAPE, segmentSKUs: counts, rules: rules, epochs: trained.epochs,
                                settings: describe(settings))
        return (study, segments)
    }

    static func describe(_ settings: NeuralSettings) -> [String: String] {
        ["lookback": String(settings.lookback), "layers": String(settings.layers), "hiddenUnits": String(settings.hiddenUnits),
         "dropout": String(settings.dropout), "learningRate": String(settings.learningRate), "batchSize": String(settings.batchSize),
         "epochs": String(settings.epochs), "windowsPerEpoch": String(settings.windowsPerEpoch), "loss": settings.loss,
         "embeddingScale": String(settings.embeddingScale), "volumeWeight": String(settings.volumeWeight), "scaling": settings.scaling,
         "ensembleSize": String(settings.ensembleSize)]
    }
}
