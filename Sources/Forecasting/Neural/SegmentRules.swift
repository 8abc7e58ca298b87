/// Decides, per demand segment, whether the network, the baseline or their blend forecasts best,
/// from validation windows only (each series' last horizon, which neither model saw).
public struct SegmentRules: Sendable, Equatable {
    /// WAPE of each source (network, baseline, blend) over all validation windows.
    public var wape: [ForecastSource: Double]
    /// Total-volume error of each source over all validation windows, signed: (Σ forecast − Σ actual) / Σ actual.
    public var volumeError: [ForecastSource: Double] = [:]
    /// WAPE of each source per segment.
    public var segmentWAPE: [DemandSegment: [ForecastSource: Double]]
    /// Series per segment.
    public var segmentCounts: [DemandSegment: Int]
    /// The chosen source per segment (blend where a segment had no validation volume).
    public var rules: [DemandSegment: ForecastSource]
    /// Each series' segment, in input order.
    public var segments: [DemandSegment]

    /// The sources a rule may choose for these series: all three, or only the baseline and the blend
    /// when the median history is shorter than a season plus a horizon. Then the validation weeks and
    /// the forecast weeks lie in different parts of the season and nothing in the history says how the
    /// two differ, so a network that won on validation can lose on the forecast (measured on Online
    /// Retail cut to its last year: README); the blend hedges, the baseline stays when it wins outright.
    public static func sources(seriesLengths: [Int], seasonLength: Int, horizon: Int) -> [ForecastSource] {
        let lengths = seriesLengths.filter { $0 > 0 }.sorted()
        guard !lengths.isEmpty, lengths[lengths.count / 2] < seasonLength + horizon else { return ForecastSource.allCases }
        return [.baseline, .blend]
    }

    /// Compares forecasts of every series' last `horizon` values. `networkValidation` holds the
    /// network's forecasts for the series long enough to have a validation window, in order;
    /// `baselines` the model chosen per series; a segment's rule is the best of `sources` there.
    public static func decide(series: [[Double]], networkValidation: [[Double]], baselines: [BaselineModel], horizon: Int,
                              seasonLength: Int, sources: [ForecastSource] = ForecastSource.allCases) -> SegmentRules {
        var absolute: [DemandSegment?: [ForecastSource: Double]] = [:]
        var forecastTotals: [ForecastSource: Double] = [:]
        var totals: [DemandSegment?: Double] = [:]
        var counts: [DemandSegment: Int] = [:]
        var segments: [DemandSegment] = []
        var validationIndex = 0
        for (index, values) in series.enumerated() {
            let segment = DemandSegment.classify(values)
            segments.append(segment)
            counts[segment, default: 0] += 1
            let end = values.count - horizon
            guard end >= 1, validationIndex < networkValidation.count else { continue }
            let network = networkValidation[validationIndex]
            validationIndex += 1
            let baseline = baselines[index].fit(history: Array(values[..<end]), seasonLength: seasonLength).forecast(horizon: horizon)
            let actual = values[end...]
            for source in ForecastSource.allCases {
                let forecast = source.combine(network: network, baseline: baseline)
                let error = zip(forecast, actual).reduce(0) { $0 + abs($1.0 - $1.1) }
                forecastTotals[source, default: 0] += forecast.reduce(0, +)
                absolute[segment, default: [:]][source, default: 0] += error
                absolute[nil, default: [:]][source, default: 0] += error
            }
            let sum = actual.reduce(0) { $0 + abs($1) }
            totals[segment, default: 0] += sum
            totals[nil, default: 0] += sum
        }
        func wape(_ segment: DemandSegment?) -> [ForecastSource: Double] {
            let total = totals[segment] ?? 0
            return Dictionary(uniqueKeysWithValues: ForecastSource.allCases.map { source in
                (source, total > 0 ? ((absolute[segment]?[source] ?? 0) / total * 1e6).rounded() / 1e6 : .infinity)
            })
        }
        var rules: [DemandSegment: ForecastSource] = [:]
        var segmentWAPE: [DemandSegment: [ForecastSource: Double]] = [:]
        for segment in DemandSegment.allCases where counts[segment] != nil {
            let scores = wape(segment)
            segmentWAPE[segment] = scores
            let best = sources.min { (scores[$0] ?? .infinity) < (scores[$1] ?? .infinity) } ?? .blend
            rules[segment] = (scores[best] ?? .infinity).isFinite ? best : .blend
        }
        let actualTotal = totals[nil] ?? 0
        let volumeError = Dictionary(uniqueKeysWithValues: ForecastSource.allCases.map { source in
            (source, actualTotal > 0 ? (((forecastTotals[source] ?? 0) - actualTotal) / actualTotal * 1e6).rounded() / 1e6 : .infinity)
        })
        return SegmentRules(wape: wape(nil), volumeError: volumeError, segmentWAPE: segmentWAPE, segmentCounts: counts, rules: rules,
                            segments: segments)
    }

    /// The forecasts of every series under the rules.
    public func apply(network: [[Double]], baseline: [[Double]]) -> [[Double]] {
        segments.indices.map { index in (rules[segments[index]] ?? .blend).combine(network: network[index], baseline: baseline[index]) }
    }
}
