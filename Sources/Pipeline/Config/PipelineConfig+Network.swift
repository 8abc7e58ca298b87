import Forecasting

extension PipelineConfig {
    /// The network's settings as a state or backtest uses them: `model.lstm` (or `tuned`, the settings a
    /// search chose) completed from the rest of the config — lookback, season length, interval levels.
    func networkSettings(tuned: NeuralSettings? = nil, lookback: Int? = nil) -> NeuralSettings {
        var settings = tuned ?? model.lstm
        settings.lookback = lookback ?? model.lookback
        settings.seasonLength = model.seasonLength
        settings.intervalLevels = intervals.levels
        return settings
    }
}
