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

    init(models: [SequenceModel], windows: NeuralWindows, validationWAPE: Double, validationForecasts: [[Double]], epochs: [Int]) {
        self.models = models
        self.windows = windows
        self.validationWAPE = validationWAPE
        self.validationForecasts = validationForecasts
        self.epochs = epochs
    }

    /// The next `horizon` buckets of every training series (original scale, non-negative).
    public func forecastAll() -> [[Double]] {
        let positions = windows.series.indices.map { ($0, windows.series[$0].count) }
        return NeuralForecaster.average(models.map { NeuralForecaster.predict(model: $0, windows: windows, at: positions) })
    }

    /// Each network's weights in the versioned checkpoint format.
    public func checkpoints() -> [[UInt8]] { models.map { $0.checkpointBytes() } }
}
