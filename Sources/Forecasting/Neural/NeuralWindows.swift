import NeuralNet

/// Turns bucket series into the LSTM's inputs: per-series scaling, padded and masked windows,
/// seasonal position, covariates, and the SKU index for its embedding.
///
/// Per timestep: the scaled quantity (0 where padded) and an observed-mask (1 real, 0 padded), so every
/// SKU with any history gets a window; with `historyStatistics`, also the statistics of the quantities
/// up to it (`HistoryStatistics`). With a seasonal lag (some series longer than a season), each
/// timestep also carries the quantity one season earlier with its own mask — last year's same week —
/// and the window runs on through the horizon's buckets (quantity and mask 0, a future flag 1), so the
/// network reads last year's weeks beside the weeks it forecasts. Without one, the timestep carries
/// sin/cos of the bucket's position in the season (`seasonLength` buckets) instead; with one, it also
/// does when `seasonPosition` says so (by default when histories span three seasons, two of months). Covariates (price,
/// promotions, other regressors) also make windows run through the horizon, carrying their
/// known-future values there.
struct NeuralWindows {

    /// The series as given (forecasts are scored against these).
    let series: [[Double]]
    /// The series with the covariates' fitted effects divided out: what the network reads and predicts.
    let adjusted: [[Double]]
    let effects: CovariateEffects
    let firstBuckets: [Int]
    let scales: [Double]
    let settings: NeuralSettings
    let horizon: Int
    /// Covariate names, and their normalized values `[series][input][bucket]` (see `normalize`).
    let covariateNames: [String]
    let covariates: [[[Float]]]
    /// Static attributes (brand, category …) as embedding rows, besides the SKU's own embedding.
    let attributes: AttributeEncoders
    /// Per series, the largest value up to and including each bucket.
    let runningMaxima: [[Double]]
    /// Buckets back to the value fed beside each timestep (the season length), or 0 for none.
    let seasonalLag: Int
    /// Whether timesteps that carry last season's values also carry the position in the season.
    let seasonPosition: Bool
    /// Covariates left out because they never vary in the history (`varying`): the network could not
    /// learn what they do, and their horizon values would be inputs it never saw.
    let constantCovariates: [String]
    /// The log line naming `constantCovariates`, or `nil` when every covariate is an input.
    var constantCovariatesNote: String? {
        constantCovariates.isEmpty ? nil
            : "left out of the network's inputs, as they never vary in the history: " + constantCovariates.joined(separator: ", ")
    }
    /// Per series, the statistics of the adjusted quantities up to each bucket, when `settings.historyStatistics`.
    let statistics: [HistoryStatistics]
    /// All series' demand one season earlier, when there is a seasonal lag and `settings.pooledSeason`.
    let pooledSeason: PooledSeason?

    init(series: [[Double]], firstBuckets: [Int], settings: NeuralSettings, horizon: Int, covariates: Covariates? = nil,
         attributes: SeriesAttributes? = nil) {
        self.series = series
        self.attributes = AttributeEncoders(attributes)
        runningMaxima = series.map { values in
            var peak = 0.0
            return values.isEmpty ? [0] : values.map { peak = max(peak, $0); return peak }
        }
        self.firstBuckets = firstBuckets
        self.settings = settings
        self.horizon = horizon
        seasonalLag = Self.seasonalLag(settings: settings, longest: series.map(\.count).max() ?? 0)
        seasonPosition = seasonalLag > 0 && settings.seasonPosition.feedsSeasonPosition(seriesLengths: series.map(\.count),
                                                                                        seasonLength: settings.seasonLength)
        let given = covariates.flatMap { $0.isEmpty ? nil : $0 }
        let inputs = given.flatMap { Self.varying($0, historyCounts: series.map(\.count)) }
        constantCovariates = (given?.names ?? []).filter { !(inputs?.names.contains($0) ?? false) }
        covariateNames = inputs?.names ?? []
        let normalized = inputs.map { Self.normalize($0, historyCounts: series.map(\.count)) } ?? []
        self.covariates = normalized
        let effects = settings.covariateEffects && !normalized.isEmpty
            ? CovariateEffects.fit(series: series, covariates: normalized) : CovariateEffects(coefficients: [])
        self.effects = effects
        let adjusted = effects.coefficients.isEmpty ? series : series.indices.map { index in
            series[index].indices.map { offset in
                series[index][offset] / effects.factor(series: index, covariates: normalized[index].map { $0[offset] })
            }
        }
        self.adjusted = adjusted
        statistics = settings.historyStatistics ? adjusted.map(HistoryStatistics.init) : []
        scales = adjusted.map(SeriesScale.of)
        pooledSeason = seasonalLag > 0 && settings.pooledSeason
            ? PooledSeason(series: adjusted, firstBuckets: firstBuckets, season: seasonalLag, reference: horizon) : nil
    }

    /// The forecast on the original scale from the network's output for step `step` of the window at `end`:
    /// un-scaled, with the covariates' effect at that bucket put back, never negative, and at most
    /// `Self.ceiling` times the largest value the series had before `end` (a guard against the rare
    /// window whose output runs away — a new SKU whose short history is all the scale it has).
    ///
    /// The effect reads the step's covariates from `inputs`, the window's inputs as the network got them
    /// (timestep `lookback + step`), so shuffling or blanking them for an explanation moves the effect too.
    func forecast(_ output: Float, series index: Int, end: Int, step: Int, scale: Double, inputs: ArraySlice<Float>) -> Double {
        var value = inverse(output, scale: scale)
        if !effects.coefficients.isEmpty {
            let start = inputs.startIndex + (settings.lookback + step) * featuresPerStep + columns.covariates.lowerBound
            value *= effects.factor(series: index, covariates: Array(inputs[start..<(start + covariateNames.count)]))
        }
        let peak = runningMaxima[index][min(end, runningMaxima[index].count) - 1]
        return peak > 0 ? min(value, Self.ceiling * peak) : value
    }

    /// Forecasts are capped at this multiple of the series' largest earlier value.
    static let ceiling = 3.0

    /// The season length when `settings.seasonalLag` is on and some series is longer than a season
    /// (else the lag would never be observed), otherwise 0.
    static func seasonalLag(settings: NeuralSettings, longest: Int) -> Int {
        settings.seasonalLag && settings.seasonLength >= 2 && longest > settings.seasonLength ? settings.seasonLength : 0
    }

    /// The covariates that take more than one value over the series' histories (the first
    /// `historyCounts[series]` buckets); nil when none does.
    static func varying(_ covariates: Covariates, historyCounts: [Int]) -> Covariates? {
        let kept = covariates.names.indices.filter { input in
            var first: Double?
            for (index, inputs) in covariates.values.enumerated() {
                for value in inputs[input].prefix(historyCounts[index]) {
                    if let first, value != first { return true }
                    if first == nil { first = value }
                }
            }
            return false
        }
        guard !kept.isEmpty else { return nil }
        return Covariates(names: kept.map { covariates.names[$0] }, values: covariates.values.map { inputs in kept.map { inputs[$0] } })
    }

    /// Whether windows run on through the horizon's timesteps (a seasonal lag or varying covariates
    /// to read there), which a stepwise head needs.
    var runsThroughHorizon: Bool { columns.future != nil }

    /// Whether windows built from these inputs would run through the horizon, without building them.
    static func wouldRunThroughHorizon(series: [[Double]], covariates: Covariates?, settings: NeuralSettings) -> Bool {
        seasonalLag(settings: settings, longest: series.map(\.count).max() ?? 0) > 0
            || covariates.flatMap { varying($0, historyCounts: series.map(\.count)) } != nil
    }

    /// Where each input sits in a timestep's values.
    var columns: WindowColumns {
        WindowColumns(seasonalLag: seasonalLag > 0, seasonPosition: seasonPosition, pooledSeason: pooledSeason != nil,
                      statistics: !statistics.isEmpty, covariates: covariateNames.count)
    }

    /// Values per timestep.
    var featuresPerStep: Int { columns.count }

    /// Timesteps per window: the lookback, plus the horizon when windows run through it.
    var timeSteps: Int { columns.future != nil ? settings.lookback + horizon : settings.lookback }

    /// Puts covariates on a scale the network can share across SKUs, using history buckets only.
    ///
    /// Prices (names starting with `price`) become the log of the price relative to the series' median
    /// price, so a 10% discount reads the same for a cheap and a dear SKU; other inputs are standardized
    /// over all series. Both are clipped to ±5.
    static func normalize(_ covariates: Covariates, historyCounts: [Int]) -> [[[Float]]] {
        var result = covariates.values.map { $0.map { [Float](repeating: 0, count: $0.count) } }
        for (input, name) in covariates.names.enumerated() {
            if name.lowercased().hasPrefix("price") {
                for (index, inputs) in covariates.values.enumerated() {
                    let history = inputs[input].prefix(historyCounts[index]).filter { $0 > 0 }.sorted()
                    guard !history.isEmpty else { continue }
                    let reference = history[history.count / 2]
                    result[index][input] = inputs[input].map { $0 > 0 ? Float(min(5, max(-5, logValue($0 / reference)))) : 0 }
                }
            } else {
                var sum = 0.0, squares = 0.0, count = 0.0
                for (index, inputs) in covariates.values.enumerated() {
                    for value in inputs[input].prefix(historyCounts[index]) { sum += value; squares += value * value; count += 1 }
                }
                let mean = count > 0 ? sum / count : 0
                let spread = count > 0 ? (squares / count - mean * mean).squareRoot() : 0
                let deviation = spread > 1e-12 ? spread : 1
                for (index, inputs) in covariates.values.enumerated() {
                    result[index][input] = inputs[input].map { Float(min(5, max(-5, ($0 - mean) / deviation))) }
                }
            }
        }
        return result
    }

    /// The normalized covariate `input` of series `index` at bucket offset `offset`: 0 before the series
    /// starts, the last known value past the end of what was supplied (carried forward).
    func covariate(series index: Int, input: Int, offset: Int) -> Float {
        let values = covariates[index][input]
        guard offset >= 0, let last = values.last else { return 0 }
        return offset < values.count ? values[offset] : last
    }

    /// The scale of the window ending before `end`, so the network sees shapes relative to the recent
    /// level: with `window` scaling the mean of its observed values, with `robust` the median of its
    /// non-zero ones (which one bulk order cannot move, as it moves the mean), with `series` the series'
    /// mean. A window with no demand takes the series' mean.
    func scale(series index: Int, end: Int) -> Double {
        guard settings.scaling != "series" else { return scales[index] }
        let values = adjusted[index]
        let start = max(0, end - settings.lookback), stop = min(end, values.count)
        guard stop > start else { return scales[index] }
        let level: Double
        if settings.scaling == "robust" {
            let sizes = values[start..<stop].map(abs).filter { $0 > 1e-9 }
            level = sizes.isEmpty ? 0 : Median.of(sizes)
        } else {
            level = values[start..<stop].reduce(0) { $0 + abs($1) } / Double(stop - start)
        }
        return level > 1e-9 ? level : scales[index]
    }

    func transform(_ value: Double, scale: Double) -> Float {
        let scaled = value / scale
        return Float(settings.log1p ? log1pValue(max(0, scaled)) : scaled)
    }

    func inverse(_ value: Float, scale: Double) -> Double {
        let scaled = settings.log1p ? expm1Value(Double(value)) : Double(value)
        return max(0, scaled * scale)
    }

    /// Appends the input window of series `index` whose forecast starts at offset `end`, laid out as `columns`.
    func appendInputs(series index: Int, end: Int, to storage: inout [Float]) {
        let values = adjusted[index]
        let lookback = settings.lookback
        let windowScale = scale(series: index, end: end)
        let columns = columns
        for t in 0..<timeSteps {
            let offset = end - lookback + t
            let observed = t < lookback && offset >= 0 && offset < values.count
            if observed {
                storage.append(transform(values[offset], scale: windowScale))
                storage.append(1)
            } else {
                storage.append(0)
                storage.append(0)
            }
            if columns.statistics != nil {
                if observed {
                    statistics[index].append(through: offset, scale: windowScale, windows: self, to: &storage)
                } else {
                    storage.append(contentsOf: repeatElement(0, count: HistoryStatistics.count))
                }
            }
            if columns.position != nil {
                let season = Double(max(2, settings.seasonLength)), bucket = Double(firstBuckets[index] + offset)
                let angle = 2 * Double.pi * (bucket.truncatingRemainder(dividingBy: season) + season).truncatingRemainder(dividingBy: season) / season
                storage.append(Float(sinValue(angle)))
                storage.append(Float(cosValue(angle)))
            }
            guard columns.future != nil else { continue }
            storage.append(t < lookback ? 0 : 1)
            if columns.lag != nil {
                // Always in the past: the lag reaches back a season, and the horizon is read from `end` on.
                let lagged = offset - seasonalLag
                if lagged >= 0 && lagged < min(end, values.count) {
                    storage.append(transform(values[lagged], scale: windowScale))
                    storage.append(1)
                } else {
                    storage.append(0)
                    storage.append(0)
                }
            }
            if let pooledSeason {
                let first = firstBuckets[index]
                if let value = pooledSeason.value(at: first + offset, end: first + end) {
                    storage.append(Float(value))
                    storage.append(1)
                } else {
                    storage.append(0)
                    storage.append(0)
                }
            }
            for input in covariateNames.indices { storage.append(covariate(series: index, input: input, offset: offset)) }
        }
    }

    /// Appends the scaled targets of the window starting at `end`; steps at or past `stop` (a bucket
    /// offset of the series) are missing, NaN, which the losses leave out.
    func appendTargets(series index: Int, end: Int, stop: Int, to storage: inout [Float]) {
        let windowScale = scale(series: index, end: end)
        for step in 0..<horizon {
            storage.append(end + step < stop ? transform(adjusted[index][end + step], scale: windowScale) : .nan)
        }
    }

    /// Each series' held-out last horizon, as `(series, end)` (series too short to have one are skipped).
    var validationWindows: [(series: Int, end: Int)] { validationWindows(fold: 0) }

    /// Each series' horizon ending `fold` horizons before its end (0: the last), as `(series, end)`;
    /// series too short to have one are skipped.
    func validationWindows(fold: Int) -> [(series: Int, end: Int)] {
        series.indices.compactMap { index in
            let end = series[index].count - horizon * (fold + 1)
            return end >= 1 ? (index, end) : nil
        }
    }

    /// WAPE of forecasts for windows on the original scale, or nil when their actuals sum to zero.
    func wape(_ forecasts: [[Double]], at positions: [(series: Int, end: Int)]) -> Double? {
        var absolute = 0.0, total = 0.0
        for (window, forecast) in zip(positions, forecasts) {
            for step in 0..<horizon {
                let actual = series[window.series][window.end + step]
                absolute += abs(forecast[step] - actual)
                total += abs(actual)
            }
        }
        return total > 0 ? absolute / total : nil
    }

    /// A batch of windows `(series, end)` with targets when `withTargets`: those of each series' buckets
    /// before its last `heldOutHorizons` horizons (later ones are missing).
    func batch(_ windows: [(series: Int, end: Int)], withTargets: Bool, heldOutHorizons: Int = 0) -> (inputs: SequenceBatch, targets: Matrix?) {
        var numeric: [Float] = []
        numeric.reserveCapacity(windows.count * timeSteps * featuresPerStep)
        var targets: [Float] = []
        for window in windows {
            appendInputs(series: window.series, end: window.end, to: &numeric)
            if withTargets {
                let stop = series[window.series].count - heldOutHorizons * horizon
                appendTargets(series: window.series, end: window.end, stop: stop, to: &targets)
            }
        }
        let inputs = SequenceBatch(numeric: Tensor(shape: [windows.count, timeSteps, featuresPerStep], storage: numeric),
                                   categorical: [CategoryIndices(singleLabel: windows.map { $0.series + 1 })]
                                    + attributes.labels.indices.map { attribute in
                                        CategoryIndices(multiLabel: windows.map { attributes.rows[$0.series][attribute] })
                                    })
        return (inputs, withTargets ? Matrix(rows: windows.count, columns: horizon, storage: targets) : nil)
    }
}

/// The layout of one timestep's inputs: quantity and observed-mask first, then the history statistics
/// when on; then the seasonal position (sin, cos), unless a seasonal lag without `seasonPosition` leaves it out; then,
/// when windows run through the horizon, the future flag, the seasonal lag (value, mask), the pooled
/// season (value, mask) and the covariates.
struct WindowColumns: Equatable {
    /// Columns of the quantity and its observed-mask.
    let history = 0..<2
    /// Columns of the statistics of the quantities up to each timestep (`HistoryStatistics`).
    let statistics: Range<Int>?
    /// Columns of sin and cos of the position in the season: without a seasonal lag, or with `seasonPosition`.
    let position: Range<Int>?
    /// Column of the future flag (1 in the horizon's timesteps), when windows run through the horizon.
    let future: Int?
    /// Columns of the lagged quantity and its mask.
    let lag: Range<Int>?
    /// Columns of all series' demand one season earlier (`PooledSeason`) and its mask.
    let pooled: Range<Int>?
    /// Columns of the covariates.
    let covariates: Range<Int>
    /// Values per timestep.
    let count: Int

    init(seasonalLag: Bool, seasonPosition: Bool = false, pooledSeason: Bool = false, statistics: Bool = false, covariates: Int) {
        var next = history.upperBound
        func take(_ width: Int) -> Range<Int> {
            defer { next += width }
            return next..<(next + width)
        }
        self.statistics = statistics ? take(HistoryStatistics.count) : nil
        position = seasonalLag && !seasonPosition ? nil : take(2)
        let extended = seasonalLag || covariates > 0
        future = extended ? take(1).lowerBound : nil
        lag = seasonalLag ? take(2) : nil
        pooled = seasonalLag && pooledSeason ? take(2) : nil
        self.covariates = take(covariates)
        count = next
    }
}
