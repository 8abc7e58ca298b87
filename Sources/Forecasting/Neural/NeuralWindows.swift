import NeuralNet

/// Turns bucket series into the LSTM's inputs: per-series scaling, padded and masked windows,
/// seasonal position, and the SKU index for its embedding.
///
/// Per timestep: the scaled quantity (0 where padded), an observed-mask (1 real, 0 padded), and
/// sin/cos of the bucket's position in a 52-bucket year, so every SKU with any history gets a window.
struct NeuralWindows {
    static let featuresPerStep = 4

    let series: [[Double]]
    let firstBuckets: [Int]
    let scales: [Double]
    let settings: NeuralSettings
    let horizon: Int

    init(series: [[Double]], firstBuckets: [Int], settings: NeuralSettings, horizon: Int) {
        self.series = series
        self.firstBuckets = firstBuckets
        self.settings = settings
        self.horizon = horizon
        scales = series.map { values in
            let mean = values.reduce(0) { $0 + abs($1) } / Double(max(1, values.count))
            return mean > 1e-9 ? mean : 1
        }
    }

    /// The scale of the window ending before `end`: the mean of its observed values (the series' mean
    /// when they are all zero), so the network sees shapes relative to the recent level.
    func scale(series index: Int, end: Int) -> Double {
        guard settings.scaling == "window" else { return scales[index] }
        let values = series[index]
        let start = max(0, end - settings.lookback), stop = min(end, values.count)
        guard stop > start else { return scales[index] }
        let mean = values[start..<stop].reduce(0) { $0 + abs($1) } / Double(stop - start)
        return mean > 1e-9 ? mean : scales[index]
    }

    func transform(_ value: Double, scale: Double) -> Float {
        let scaled = value / scale
        return Float(settings.log1p ? log1pValue(max(0, scaled)) : scaled)
    }

    func inverse(_ value: Float, scale: Double) -> Double {
        let scaled = settings.log1p ? expm1Value(Double(value)) : Double(value)
        return max(0, scaled * scale)
    }

    /// Appends the input window of series `index` whose forecast starts at offset `end`.
    func appendInputs(series index: Int, end: Int, to storage: inout [Float]) {
        let values = series[index]
        let lookback = settings.lookback
        let windowScale = scale(series: index, end: end)
        for t in 0..<lookback {
            let offset = end - lookback + t
            let bucket = Double(firstBuckets[index] + offset)
            let angle = 2 * Double.pi * (bucket.truncatingRemainder(dividingBy: 52) + 52).truncatingRemainder(dividingBy: 52) / 52
            if offset >= 0 && offset < values.count {
                storage.append(transform(values[offset], scale: windowScale))
                storage.append(1)
            } else {
                storage.append(0)
                storage.append(0)
            }
            storage.append(Float(sinValue(angle)))
            storage.append(Float(cosValue(angle)))
        }
    }

    /// Appends the scaled targets of the window starting at `end` (must lie inside the series).
    func appendTargets(series index: Int, end: Int, to storage: inout [Float]) {
        let windowScale = scale(series: index, end: end)
        for step in 0..<horizon { storage.append(transform(series[index][end + step], scale: windowScale)) }
    }

    /// Each series' held-out last horizon, as `(series, end)` (series too short to have one are skipped).
    var validationWindows: [(series: Int, end: Int)] {
        series.indices.compactMap { index in
            let end = series[index].count - horizon
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

    /// A batch of windows `(series, end)` with targets when `withTargets`.
    func batch(_ windows: [(series: Int, end: Int)], withTargets: Bool) -> (inputs: SequenceBatch, targets: Matrix?) {
        var numeric: [Float] = []
        numeric.reserveCapacity(windows.count * settings.lookback * Self.featuresPerStep)
        var targets: [Float] = []
        for window in windows {
            appendInputs(series: window.series, end: window.end, to: &numeric)
            if withTargets { appendTargets(series: window.series, end: window.end, to: &targets) }
        }
        let inputs = SequenceBatch(numeric: Tensor(shape: [windows.count, settings.lookback, Self.featuresPerStep], storage: numeric),
                                   categorical: [CategoryIndices(singleLabel: windows.map { $0.series + 1 })])
        return (inputs, withTargets ? Matrix(rows: windows.count, columns: horizon, storage: targets) : nil)
    }
}
