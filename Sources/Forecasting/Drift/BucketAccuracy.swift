/// How well earlier forecasts matched the actuals of one bucket, over every SKU forecast for it.
public struct BucketAccuracy: Sendable, Codable, Equatable {
    /// The bucket's start, `yyyy-MM-dd`.
    public var bucket: String
    /// Σ|forecast − actual| / Σ actual over the SKUs (1, i.e. 100 %, when nothing sold but something was forecast).
    public var wape: Double
    /// Mean |forecast − actual| / actual over SKUs with non-zero actuals; nil when every actual is zero.
    public var mape: Double?
    /// SKUs compared.
    public var skus: Int
    /// Σ actual and Σ forecast, for the record.
    public var actualTotal: Double
    public var forecastTotal: Double

    /// Compares forecasts and actuals of one bucket (`pairs` = one (forecast, actual) per SKU).
    public static func measure(bucket: String, pairs: [(forecast: Double, actual: Double)]) -> BucketAccuracy {
        var absolute = 0.0, actualTotal = 0.0, forecastTotal = 0.0
        var percentages: [Double] = []
        for pair in pairs {
            absolute += abs(pair.forecast - pair.actual)
            actualTotal += pair.actual
            forecastTotal += pair.forecast
            if pair.actual != 0 { percentages.append(abs(pair.forecast - pair.actual) / abs(pair.actual)) }
        }
        let wape = actualTotal > 0 ? absolute / actualTotal : (absolute > 0 ? 1 : 0)
        let mape = percentages.isEmpty ? nil : percentages.reduce(0, +) / Double(percentages.count)
        return BucketAccuracy(bucket: bucket, wape: round6(wape), mape: mape.map(round6), skus: pairs.count,
                              actualTotal: round6(actualTotal), forecastTotal: round6(forecastTotal))
    }

    private static func round6(_ value: Double) -> Double { value.isFinite ? (value * 1e6).rounded() / 1e6 : value }
}
