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
    var scales: [String: Double]
    /// Coverage of each method at each level on the newest backtest window, calibrated on the older ones.
    var coverage: [String: [String: Double]]
}

/// `train/lstm-forecast.csv`: the global LSTM's forecast for every SKU (sku, step, forecast).
enum NetworkForecast {
    static let fileName = "lstm-forecast.csv"
    /// `train/lstm-drivers.csv`: per SKU, the input groups whose occlusion changes its forecast most.
    static let driversFileName = "lstm-drivers.csv"

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
