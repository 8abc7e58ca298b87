/// The statistical models every SKU can fall back on, and the bar any learned model must clear.
public enum BaselineModel: String, Sendable, Codable, CaseIterable, Comparable {
    /// The last value, repeated.
    case naive
    /// The value one season earlier (naive when the history is shorter than a season).
    case seasonalNaive
    /// The mean of the last W values, W chosen from 4/8/13/26/52 by one-step-ahead error.
    case movingAverage
    /// The mean of the whole history.
    case historicAverage
    /// Simple exponential smoothing with the smoothing weight fitted by one-step-ahead squared error.
    case simpleExponentialSmoothing
    /// Holt's linear trend, damped, with level, trend and damping weights fitted.
    case holt
    /// Holt-Winters: damped Holt with an additive or multiplicative season, form and weights fitted by
    /// one-step-ahead squared error; damped Holt when the history is shorter than a season and three buckets.
    case holtWinters
    /// Croston's method: smoothed non-zero demand sizes over smoothed intervals between them.
    case croston
    /// Teunter–Syntetos–Babai: smoothed sizes times a smoothed probability of demand.
    case tsb
    /// The mean of simple smoothing, damped Holt, TSB and the moving average: combinations are
    /// hard to beat when no single model fits every series.
    case combination

    /// The members of `combination`.
    public static let combinationMembers: [BaselineModel] = [.simpleExponentialSmoothing, .holt, .tsb, .movingAverage]

    /// Models order as declared (simplest first).
    public static func < (lhs: BaselineModel, rhs: BaselineModel) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The history the model needs to forecast as itself rather than fall back to a non-seasonal forecast:
    /// a season for seasonal naive, a season and three buckets for Holt-Winters, none for the others.
    public func seasonalHistory(seasonLength: Int) -> Int {
        guard seasonLength > 1 else { return 0 }
        switch self {
        case .seasonalNaive: return seasonLength
        case .holtWinters: return SeasonalSmoothing.minimumHistory(seasonLength: seasonLength)
        default: return 0
        }
    }

    /// The origins of a series' backtest windows for this model, newest first: window w starts w + 1
    /// horizons before the end, up to `windows` of them, each with at least 2 buckets before it. A seasonal
    /// model's windows stop where it would refit as its non-seasonal fallback (they would measure another
    /// model's errors) — unless even the newest has too little history, when the fallback is all there is.
    public func backtestOrigins(seriesLength: Int, horizon: Int, windows: Int, seasonLength: Int) -> [Int] {
        let need = seasonalHistory(seasonLength: seasonLength)
        let newest = seriesLength - horizon
        let least = newest >= need ? max(2, need) : 2
        return (0..<max(0, windows)).map { seriesLength - ($0 + 1) * horizon }.prefix { $0 >= least }.map { $0 }
    }

    /// Fits the model to a history (oldest first) and returns what it needs to forecast.
    public func fit(history: [Double], seasonLength: Int) -> FittedModel {
        guard let last = history.last else { return FittedModel(model: self, level: 0) }
        switch self {
        case .naive:
            return FittedModel(model: self, level: last)
        case .seasonalNaive:
            guard seasonLength > 1, history.count >= seasonLength else { return FittedModel(model: self, level: last) }
            return FittedModel(model: self, level: last, seasonal: Array(history.suffix(seasonLength)))
        case .historicAverage:
            return FittedModel(model: self, level: history.reduce(0, +) / Double(history.count))
        case .movingAverage:
            let window = MovingAverageFit.bestWindow(history)
            let recent = history.suffix(window)
            return FittedModel(model: self, level: recent.reduce(0, +) / Double(recent.count), parameters: ["window": Double(window)])
        case .simpleExponentialSmoothing:
            let fit = ExponentialSmoothing.fitSimple(history)
            return FittedModel(model: self, level: fit.level, parameters: ["alpha": fit.alpha])
        case .holt:
            let fit = ExponentialSmoothing.fitDampedTrend(history)
            return FittedModel(model: self, level: fit.level, trend: fit.trend, damping: fit.phi,
                               parameters: ["alpha": fit.alpha, "beta": fit.beta, "phi": fit.phi])
        case .holtWinters:
            guard let fit = SeasonalSmoothing.fit(history, seasonLength: seasonLength) else {
                var holt = BaselineModel.holt.fit(history: history, seasonLength: seasonLength)
                holt.model = self
                return holt
            }
            return FittedModel(model: self, level: fit.level, trend: fit.trend, damping: fit.phi, seasonal: fit.seasonal,
                               parameters: ["alpha": fit.alpha, "beta": fit.beta, "gamma": fit.gamma, "phi": fit.phi,
                                            FittedModel.multiplicativeSeason: fit.multiplicative ? 1 : 0])
        case .croston:
            let fit = IntermittentDemand.croston(history)
            return FittedModel(model: self, level: fit.level, parameters: fit.parameters)
        case .tsb:
            let fit = IntermittentDemand.tsb(history)
            return FittedModel(model: self, level: fit.level, parameters: fit.parameters)
        case .combination:
            let members = Self.combinationMembers.map { $0.fit(history: history, seasonLength: seasonLength) }
            return FittedModel(model: self, level: 0, members: members)
        }
    }
}
