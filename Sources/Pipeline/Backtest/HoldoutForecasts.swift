/// Every model's forecasts of the holdout beside the actuals, per series and step: what
/// `demand backtest --forecasts` writes, so a planner can see where a model missed.
public struct HoldoutForecasts: Sendable {
    /// Series names (SKUs) in scoring order.
    public let series: [String]
    /// The held-out actuals `[series][step]`.
    public let actuals: [[Double]]
    /// Model names in the order they were added, and their forecasts `[model][series][step]`.
    public private(set) var models: [String] = []
    public private(set) var forecasts: [[[Double]]] = []

    /// Starts with the actuals of `series`.
    public init(series: [String], actuals: [[Double]]) {
        self.series = series
        self.actuals = actuals
    }

    /// Adds a model's forecasts (one row per series, one value per holdout step).
    public mutating func add(_ model: String, _ values: [[Double]]) {
        models.append(model)
        forecasts.append(values)
    }

    /// The CSV `sku,step,actual,<model>…`: one row per series and holdout step (steps count from 1),
    /// values rounded to four decimals.
    public func csv() -> String {
        var rows: [[String]] = []
        for (index, name) in series.enumerated() {
            for step in actuals[index].indices {
                let values = [actuals[index][step]] + forecasts.map { $0[index][step] }
                rows.append([name, String(step + 1)] + values.map { NumberText.format($0, decimals: 4) })
            }
        }
        return CSVTable.render(header: ["sku", "step", "actual"] + models, rows: rows)
    }
}
