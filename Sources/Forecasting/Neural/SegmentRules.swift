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
    /// Per segment, the sources left out for forecasting less than `minimumVolumeShare` of its validation demand.
    public var tooLittle: [DemandSegment: [ForecastSource]] = [:]
    /// The chosen source per segment (the baseline where no validation window of the segment had demand).
    public var rules: [DemandSegment: ForecastSource]
    /// Each series' segment, in input order.
    public var segments: [DemandSegment]

    /// How much lower than the blend's the network's validation WAPE must be for it to serve a segment
    /// alone: 0 (any amount) normally, `shortHistoryEdge` when the median history is shorter than a season
    /// plus a horizon. Then the validation weeks and the forecast weeks lie in different parts of the
    /// season and nothing in the history says how the two differ, so a network that won validation
    /// narrowly can lose the forecast (measured on Online Retail cut to its last year: README); a clear
    /// win, such as one carried by prices and promotions, still counts.
    public static func requiredNetworkEdge(seriesLengths: [Int], seasonLength: Int, horizon: Int) -> Double {
        guard let median = HistoryLength.median(seriesLengths), median < seasonLength + horizon else { return 0 }
        return shortHistoryEdge
    }

    /// The network's required edge over the blend with short histories: a tenth of the blend's WAPE.
    public static let shortHistoryEdge = 0.1

    /// The least share of a segment's validation demand a source must forecast to serve it: below it the
    /// source forecasts next to nothing, and a planner cannot stock from that however low its WAPE — on
    /// sparse demand (a product selling a few times a year) WAPE rewards forecasting zero. When no source
    /// forecasts that much, all may serve.
    public static let minimumVolumeShare = 0.1

    /// Compares forecasts of every series' last `horizon` values. `networkValidation` holds the
    /// network's forecasts for the series long enough to have a validation window, in order;
    /// `baselines` the model chosen per series. A segment's rule is the source with the lowest WAPE
    /// there, the network alone only when its WAPE is at most `1 − networkEdge` times the blend's, and only
    /// sources forecasting at least `minimumVolumeShare` of the segment's demand (when any does).
    public static func decide(series: [[Double]], networkValidation: [[Double]], baselines: [BaselineModel], horizon: Int,
                              seasonLength: Int, networkEdge: Double = 0) -> SegmentRules {
        var absolute: [DemandSegment?: [ForecastSource: Double]] = [:]
        var forecastTotals: [DemandSegment?: [ForecastSource: Double]] = [:]
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
                let total = forecast.reduce(0, +)
                forecastTotals[segment, default: [:]][source, default: 0] += total
                forecastTotals[nil, default: [:]][source, default: 0] += total
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
        var tooLittle: [DemandSegment: [ForecastSource]] = [:]
        var segmentWAPE: [DemandSegment: [ForecastSource: Double]] = [:]
        for segment in DemandSegment.allCases where counts[segment] != nil {
            let scores = wape(segment)
            segmentWAPE[segment] = scores
            let networkWins = (scores[.lstm] ?? .infinity) <= (1 - networkEdge) * (scores[.blend] ?? .infinity)
            let sold = totals[segment] ?? 0
            let stockable = ForecastSource.allCases.filter { (forecastTotals[segment]?[$0] ?? 0) >= minimumVolumeShare * sold }
            if !stockable.isEmpty && stockable.count < ForecastSource.allCases.count {
                tooLittle[segment] = ForecastSource.allCases.filter { !stockable.contains($0) }
            }
            let sources = (stockable.isEmpty ? ForecastSource.allCases : stockable).filter { $0 != .lstm || networkWins }
            let best = sources.min { (scores[$0] ?? .infinity) < (scores[$1] ?? .infinity) } ?? .blend
            // A segment no validation window could score gives no evidence for the network: its baseline serves.
            rules[segment] = (scores[best] ?? .infinity).isFinite ? best : .baseline
        }
        let actualTotal = totals[nil] ?? 0
        let volumeError = Dictionary(uniqueKeysWithValues: ForecastSource.allCases.map { source in
            (source, actualTotal > 0 ? (((forecastTotals[nil]?[source] ?? 0) - actualTotal) / actualTotal * 1e6).rounded() / 1e6 : .infinity)
        })
        return SegmentRules(wape: wape(nil), volumeError: volumeError, segmentWAPE: segmentWAPE, segmentCounts: counts, tooLittle: tooLittle,
                            rules: rules, segments: segments)
    }

    /// The forecasts of every series under the rules.
    public func apply(network: [[Double]], baseline: [[Double]]) -> [[Double]] {
        segments.indices.map { index in (rules[segments[index]] ?? .blend).combine(network: network[index], baseline: baseline[index]) }
    }
}
