/// A baseline model fitted to one series: its final state, enough to forecast any horizon.
public struct FittedModel: Sendable, Codable, Equatable {
    /// Which model this is.
    public var model: BaselineModel
    /// The level the forecast starts from (the constant forecast for level-only models).
    public var level: Double
    /// The trend per bucket at the end of the history (Holt).
    public var trend: Double
    /// The trend's damping per step (Holt; 1 = undamped).
    public var damping: Double
    /// The last season of values (seasonal naive), oldest first; for Holt-Winters the seasonal offsets (or
    /// factors, `multiplicativeSeason`) of the next season, the first one due next.
    public var seasonal: [Double]
    /// Fitted parameters by name, for the record.
    public var parameters: [String: Double]
    /// For a combination: the fitted members whose forecasts are averaged.
    public var members: [FittedModel]

    /// Creates a fitted model.
    public init(model: BaselineModel, level: Double, trend: Double = 0, damping: Double = 1,
                seasonal: [Double] = [], parameters: [String: Double] = [:], members: [FittedModel] = []) {
        self.model = model
        self.level = level
        self.trend = trend
        self.damping = damping
        self.seasonal = seasonal
        self.parameters = parameters
        self.members = members
    }

    /// Point forecasts for the next `horizon` buckets.
    public func forecast(horizon: Int) -> [Double] {
        guard horizon > 0 else { return [] }
        if !members.isEmpty {
            let forecasts = members.map { $0.forecast(horizon: horizon) }
            return (0..<horizon).map { step in forecasts.reduce(0) { $0 + $1[step] } / Double(forecasts.count) }
        }
        if !seasonal.isEmpty && model != .holtWinters {
            return (0..<horizon).map { seasonal[$0 % seasonal.count] }
        }
        // A falling trend, or Holt-Winters' offsets, may take a quiet bucket below zero; demand cannot go there.
        let values = Self.dampedPath(level: level, trend: trend, damping: damping, horizon: horizon)
        guard !seasonal.isEmpty else { return values.map(Self.demand) }
        let multiplicative = parameters[Self.multiplicativeSeason] == 1
        return values.indices.map { step in
            let factor = seasonal[step % seasonal.count]
            return Self.demand(multiplicative ? values[step] * factor : values[step] + factor)
        }
    }

    /// A forecast value as demand: negative values (and -0) become 0.
    static func demand(_ value: Double) -> Double {
        value > 0 ? value : 0
    }

    /// The level and damped trend `horizon` steps ahead: step h adds the trend times damping¹ + … + damping^h.
    static func dampedPath(level: Double, trend: Double, damping: Double, horizon: Int) -> [Double] {
        var values: [Double] = []
        var cumulative = 0.0
        var factor = 1.0
        for _ in 0..<horizon {
            factor *= damping
            cumulative += factor
            values.append(level + cumulative * trend)
        }
        return values
    }

    /// The parameter that is 1 when Holt-Winters' season multiplies the level rather than adding to it.
    public static let multiplicativeSeason = "multiplicative"
}
