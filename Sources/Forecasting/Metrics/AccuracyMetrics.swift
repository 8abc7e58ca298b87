/// Forecast accuracy over a panel, with the definitions of ANCHORS.md (statsforecast's conventions).
public struct AccuracyMetrics: Sendable, Codable, Equatable {
    /// Mean absolute error over all series and steps.
    public var mae: Double
    /// Root mean squared error over all series and steps.
    public var rmse: Double
    /// Symmetric MAPE in percent: mean of 200·|f−y|/(|f|+|y|), 0 where both are 0.
    public var smape: Double
    /// Mean over series of MAE scaled by the in-sample seasonal-naive MAE (series with zero scale skipped).
    public var maseMean: Double
    /// Median over series of the same scaled MAE.
    public var maseMedian: Double
    /// Weighted absolute percentage error as a fraction: Σ|f−y| / Σ|y|.
    public var wape: Double
    /// Total-volume error as a signed fraction, (Σf − Σy) / Σy: below zero the forecast fell short.
    public var volumeError: Double

    /// Scores forecasts against actuals; `histories` give each series' MASE scale.
    public static func compute(actuals: [[Double]], forecasts: [[Double]], histories: [[Double]], seasonLength: Int) -> AccuracyMetrics {
        var absolute = 0.0, squared = 0.0, smape = 0.0, points = 0.0
        var actualTotal = 0.0, forecastTotal = 0.0, absoluteActual = 0.0
        var scaledErrors: [Double] = []
        for (series, actual) in actuals.enumerated() {
            let forecast = forecasts[series]
            var seriesAbsolute = 0.0
            for (step, value) in actual.enumerated() {
                let predicted = forecast[step]
                let error = abs(predicted - value)
                absolute += error
                seriesAbsolute += error
                squared += error * error
                let denominator = abs(predicted) + abs(value)
                smape += denominator > 0 ? 200 * error / denominator : 0
                points += 1
                actualTotal += value
                forecastTotal += predicted
                absoluteActual += abs(value)
            }
            let scale = seasonalScale(histories[series], seasonLength: seasonLength)
            if scale > 0, !actual.isEmpty {
                scaledErrors.append(seriesAbsolute / Double(actual.count) / scale)
            }
        }
        let count = max(1, points)
        return AccuracyMetrics(
            mae: absolute / count, rmse: (squared / count).squareRoot(), smape: smape / count,
            maseMean: scaledErrors.isEmpty ? .nan : scaledErrors.reduce(0, +) / Double(scaledErrors.count),
            maseMedian: Median.of(scaledErrors),
            wape: absoluteActual > 0 ? absolute / absoluteActual : .nan,
            volumeError: actualTotal != 0 ? (forecastTotal - actualTotal) / abs(actualTotal) : .nan)
    }

    /// In-sample MAE of the seasonal naive forecast (lag 1 when the history is shorter than a season).
    static func seasonalScale(_ history: [Double], seasonLength: Int) -> Double {
        let lag = history.count > seasonLength && seasonLength > 0 ? seasonLength : 1
        guard history.count > lag else { return 0 }
        var total = 0.0
        for t in lag..<history.count { total += abs(history[t] - history[t - lag]) }
        return total / Double(history.count - lag)
    }
}
