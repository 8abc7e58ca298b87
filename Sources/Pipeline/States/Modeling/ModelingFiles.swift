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
