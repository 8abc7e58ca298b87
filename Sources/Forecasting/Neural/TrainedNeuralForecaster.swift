import NeuralNet

/// A trained global LSTM ensemble with the scaling of every series it was trained on.
public final class TrainedNeuralForecaster {
    let models: [SequenceModel]
    let windows: NeuralWindows
    /// The ensemble's WAPE on the held-out last horizon of every series (before any refit).
    public let validationWAPE: Double
    /// The ensemble's forecasts of each series' held-out last horizon (series without one are skipped),
    /// for choosing between the network, a baseline or a blend on validation data only.
    public let validationForecasts: [[Double]]
    /// Epochs of each network's final fit.
    public let epochs: [Int]
    /// The factor every forecast is multiplied by (`volumeCorrection`; 1 without it).
    public let volumeFactor: Double

    init(models: [SequenceModel], windows: NeuralWindows, validationWAPE: Double, validationForecasts: [[Double]], epochs: [Int],
         volumeFactor: Double = 1) {
        self.volumeFactor = volumeFactor
        self.models = models
        self.windows = windows
        self.validationWAPE = validationWAPE
        self.validationForecasts = validationForecasts
        self.epochs = epochs
    }

    /// The next `horizon` buckets of every training series (original scale, non-negative).
    public func forecastAll() -> [[Double]] {
        let positions = windows.series.indices.map { ($0, windows.series[$0].count) }
        return NeuralForecaster.pointForecasts(models: models, windows: windows, at: positions).map { $0.map { $0 * volumeFactor } }
    }

    /// The quantiles the networks were trained for (pinball loss), or empty for a point loss (including
    /// a single pinball quantile used as the point forecast, `pointQuantile`).
    public var quantiles: [Double] {
        if case .pinball(let quantiles) = models.first?.architecture.loss, quantiles.count > 1 { return quantiles.map(Double.init) }
        return []
    }

    /// With a quantile loss, the next `horizon` buckets of every series per quantile: `[series][step][quantile]`,
    /// the ensemble's mean of each quantile, sorted so bounds never cross; nil for a point loss.
    public func forecastQuantiles() -> [[[Double]]]? {
        guard !quantiles.isEmpty else { return nil }
        let positions = windows.series.indices.map { ($0, windows.series[$0].count) }
        let perModel = NeuralForecaster.outputs(models: models, windows: windows, at: positions)
        return positions.indices.map { series in
            (0..<windows.horizon).map { step in
                quantiles.indices.map { q in perModel.reduce(0) { $0 + $1[series][step][q] } / Double(perModel.count) * volumeFactor }.sorted()
            }
        }
    }

    /// Each network's weights in the versioned checkpoint format.
    public func checkpoints() -> [[UInt8]] { models.map { $0.checkpointBytes() } }
}
