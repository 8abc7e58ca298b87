import Forecasting

/// `tune/study.json`: cross-validation scores of every candidate and the model chosen per SKU.
struct Study: Codable, Equatable {
    /// `perSeries` or `global`.
    var selection: String
    var horizon: Int
    var origins: Int
    /// Mean absolute error of each candidate over all SKUs and origins.
    var meanAbsoluteError: [String: Double]
    /// SKUs that chose each model.
    var chosenCount: [String: Int]
    /// The model chosen per SKU.
    var choices: [String: String]
    /// Each SKU's demand segment (smooth, erratic, intermittent, lumpy).
    var segments: [String: String]? = nil
    /// The LSTM's validation against the baselines and the rule per segment, when `lstm` is a candidate.
    var neural: NeuralStudy? = nil

    /// Where the forecast of a SKU comes from: its baseline, the network, or their blend.
    func source(of sku: String) -> ForecastSource {
        guard let neural, let segment = segments?[sku], let rule = neural.rules[segment] else { return .baseline }
        return ForecastSource(rawValue: rule) ?? .baseline
    }
}

/// `train/models.json`: every SKU's fitted model.
struct TrainedModels: Codable {
    var models: [String: FittedModel]
}

/// `residuals/intervals.json`: calibrated intervals, each SKU's scale, and measured coverage.
struct IntervalArtifact: Codable {
    var interval: IntervalModel
    /// Per SKU, the unit of the interval factors for its forecast: its `SeriesScale.variation` times
    /// `seasonalFactor`.
    var scales: [String: Double]
    /// Coverage of each method at each level on the newest backtest window, calibrated on the older ones.
    var coverage: [String: [String: Double]]
    /// `SeasonalWidth` for the forecast buckets (1 when `intervals.seasonalWidth` is off; absent in older runs).
    var seasonalFactor: Double?
    /// Per SKU whose covariates move demand in some forecast bucket, each step's `CovariateLift` factor
    /// (nil without covariates and in older runs).
    var lifts: [String: [Double]]? = nil
}

/// `train/lstm-forecast.csv`: the global LSTM's forecast for every SKU (sku, step, forecast).
enum NetworkForecast {
    static let fileName = "lstm-forecast.csv"
    /// `train/lstm-drivers.csv`: per SKU, the input groups whose occlusion changes its forecast most.
    static let driversFileName = "lstm-drivers.csv"
    /// `train/lstm-quantiles.csv`: with a quantile loss, each SKU's forecast per step and quantile.
    static let quantilesFileName = "lstm-quantiles.csv"

    /// Quantile forecasts by SKU: per step, quantile → value (empty when the network has none).
    static func quantiles(folder: String) throws -> [String: [[Double: Double]]] {
        let path = "\(folder)/\(quantilesFileName)"
        guard FileSystem.exists(path) else { return [:] }
        let (columns, table) = try CSVTable.read(path: path, requiring: ["sku", "step", "quantile", "forecast"])
        var result: [String: [[Double: Double]]] = [:]
        for (index, row) in table.rows.enumerated() {
            let text = columns.map { CSVTable.text(row[$0]) }
            guard let step = Int(text[1]), step >= 1, let quantile = Double(text[2]), let value = Double(text[3]) else {
                throw PipelineError(.state, "\(path):\(table.rowOrigins[index]): malformed row")
            }
            var steps = result[text[0], default: []]
            while steps.count < step { steps.append([:]) }
            steps[step - 1][quantile] = value
            result[text[0]] = steps
        }
        return result
    }

    /// The bounds of `level` from a step's quantiles, if the network was trained for them.
    static func bounds(_ quantiles: [Double: Double], level: Double) -> (lower: Double, upper: Double)? {
        func value(_ q: Double) -> Double? { quantiles.first { abs($0.key - q) < 1e-5 }?.value }
        guard let lower = value((1 - level) / 2), let upper = value((1 + level) / 2) else { return nil }
        return (max(0, lower), max(0, upper))
    }

    /// Drivers text by SKU (empty when the network was not trained).
    static func drivers(folder: String) throws -> [String: String] {
        let path = "\(folder)/\(driversFileName)"
        guard FileSystem.exists(path) else { return [:] }
        let (columns, table) = try CSVTable.read(path: path, requiring: ["sku", "drivers"])
        return Dictionary(table.rows.map { (CSVTable.text($0[columns[0]]), CSVTable.text($0[columns[1]])) }, uniquingKeysWith: { $1 })
    }

    /// The forecasts by SKU, or an empty map when the network was not trained.
    static func read(folder: String) throws -> [String: [Double]] {
        try read(path: "\(folder)/\(fileName)")
    }

    /// Forecasts by SKU from a `sku, step, forecast` file, or an empty map when it does not exist.
    static func read(path: String) throws -> [String: [Double]] {
        guard FileSystem.exists(path) else { return [:] }
        let (columns, table) = try CSVTable.read(path: path, requiring: ["sku", "step", "forecast"])
        var result: [String: [Double]] = [:]
        for row in table.rows {
            result[CSVTable.text(row[columns[0]]), default: []].append(Double(CSVTable.text(row[columns[2]])) ?? 0)
        }
        return result
    }
}
