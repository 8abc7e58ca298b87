import Forecasting

/// `residuals`: backtest windows per SKU → per-step residuals, calibrated intervals and their coverage.
///
/// Each SKU's chosen model is refitted at the last `intervals.backtestWindows` origins, one horizon
/// apart (a seasonal model only where it has the history to be itself, if any origin has). For SKUs
/// the LSTM serves, the newest window uses the network's validation forecast combined by the SKU's rule;
/// older windows use the baseline (the network is not refitted per window).
/// Residuals are divided by the SKU's scale at the window's origin (`SeriesScale.variation`: its mean
/// absolute change from bucket to bucket) times the window's `SeasonalWidth` factor, and pooled per
/// horizon step. With prices, promotions or regressors, buckets they move demand in
/// (`CovariateLift`) are also calibrated on their own, and the forecast buckets' lifts are kept for
/// `forecast`. Coverage is measured honestly: intervals calibrated on the older windows are scored on
/// the newest one.
public struct ResidualsState: PipelineState {
    public let name = StateName.residuals
    public init() {}

    public func run(_ context: StateContext) throws {
        let settings = context.config
        let horizon = settings.model.horizon
        let windows = settings.intervals.backtestWindows
        let (series, grid) = try SeriesFile.read(folder: context.folder(.clean))
        let study = try JSONFile.decode(Study.self, path: context.file(.tune, "study.json"))
        let networkValidation = try NetworkForecast.read(path: context.file(.tune, NeuralStudy.validationFileName))
        var rows: [[String]] = []
        var scaled = [[[Double]]](repeating: [[Double]](repeating: [], count: horizon), count: windows)
        var scaledLifts = scaled
        let covariates = try ForecastCovariates.assemble(series: series, grid: grid, context: context).covariates
        let lifts = covariates.map { CovariateLift.factors(histories: series.map(\.values), covariates: $0) }
        var forecastLifts: [String: [Double]] = [:]
        var scales: [String: Double] = [:]
        // Index 0 is the forecast; backtest window w (origin w + 1 horizons before the end) is index w + 1.
        let widths = SeasonalWidth.widths(series: series.map(\.values), windows: windows, horizon: horizon,
                                          seasonLength: settings.model.seasonLength, enabled: settings.intervals.seasonalWidth)
        let seasonal = widths.factors
        for (index, record) in series.enumerated() {
            try context.checkpoint()
            func lift(_ offset: Int) -> Double { CovariateLift.lift(lifts, series: index, bucket: offset) }
            let ahead = (0..<horizon).map { lift(record.values.count + $0) }
            if ahead.contains(where: { CovariateLift.isShifted($0) }) { forecastLifts[record.sku] = ahead }
            let model = BaselineModel(rawValue: study.choices[record.sku] ?? "") ?? .naive
            scales[record.sku] = ((SeriesScale.variation(record.values) ?? 1) * seasonal[0] * 1e6).rounded() / 1e6
            let origins = model.backtestOrigins(seriesLength: record.values.count, horizon: horizon, windows: windows,
                                                seasonLength: settings.model.seasonLength)
            for (window, origin) in origins.enumerated() {
                // Residuals in the scale known at the window's origin, as the forecast's are; none before any demand.
                let known = Array(record.values[..<origin])
                guard let variation = SeriesScale.variation(known) else { break }
                let scale = variation * seasonal[window + 1]
                var forecast = model.fit(history: known, seasonLength: settings.model.seasonLength).forecast(horizon: horizon)
                // The newest window is the network's validation window: SKUs it serves use their real source there.
                let source = study.source(of: record.sku)
                if window == 0, source != .baseline, let network = networkValidation[record.sku], network.count == horizon {
                    forecast = source.combine(network: network, baseline: forecast)
                }
                for step in 0..<horizon {
                    let actual = record.values[origin + step]
                    let residual = actual - forecast[step]
                    scaled[window][step].append(residual / scale)
                    scaledLifts[window][step].append(lift(origin + step))
                    rows.append([record.sku, grid.label(record.firstBucket + origin), String(step + 1), NumberText.format(actual),
                                 NumberText.format(forecast[step], decimals: 4), NumberText.format(residual, decimals: 4)])
                }
            }
        }
        let method = IntervalMethod(rawValue: settings.intervals.method) ?? .conformal
        let all = (0..<horizon).map { step in scaled.flatMap { $0[step] } }
        let allLifts = (0..<horizon).map { step in scaledLifts.flatMap { $0[step] } }
        let model = IntervalModel.calibrate(scaledResiduals: all, lifts: lifts == nil ? nil : allLifts, levels: settings.intervals.levels, method: method)
        var coverage: [String: [String: Double]] = [:]
        if windows >= 2 {
            let calibration = (0..<horizon).map { step in scaled.dropFirst().flatMap { $0[step] } }
            let calibrationLifts = (0..<horizon).map { step in scaledLifts.dropFirst().flatMap { $0[step] } }
            for candidate in IntervalMethod.allCases {
                let held = IntervalModel.calibrate(scaledResiduals: calibration, lifts: lifts == nil ? nil : calibrationLifts,
                                                   levels: settings.intervals.levels, method: candidate)
                for (levelIndex, level) in settings.intervals.levels.enumerated() {
                    var inside = 0, total = 0
                    for step in 0..<horizon {
                        for (residual, lift) in zip(scaled[0][step], scaledLifts[0][step]) {
                            let bounds = held.offsets(step: step, level: levelIndex, lift: lift)
                            if residual >= bounds[0] && residual <= bounds[1] { inside += 1 }
                            total += 1
                        }
                    }
                    coverage[candidate.rawValue, default: [:]][String(level)] = total > 0 ? (Double(inside) / Double(total) * 1e4).rounded() / 1e4 : -1
                }
            }
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "origin", "step", "actual", "forecast", "residual"], rows: rows),
                                       to: context.output("residuals.csv"))
        try FileSystem.writeAtomically(JSONFile.encode(IntervalArtifact(interval: model, scales: scales, coverage: coverage,
                                                                        seasonalFactor: (seasonal[0] * 1e6).rounded() / 1e6,
                                                                        lifts: lifts == nil ? nil : forecastLifts)),
                                       to: context.output("intervals.json"))
        let text = coverage.sorted { $0.key < $1.key }.map { method, levels in
            "\(method) " + levels.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
        }.joined(separator: "; ")
        context.log.info("\(rows.count) residuals from \(windows) windows; coverage on the newest window: \(text)")
        if lifts != nil {
            let moved = allLifts.reduce(0) { $0 + $1.filter { CovariateLift.isShifted($0) }.count }
            let buckets = forecastLifts.values.reduce(0) { $0 + $1.filter { CovariateLift.isShifted($0) }.count }
            context.log.info("covariates moved demand by \(Int(((CovariateLift.threshold - 1) * 100).rounded())) % or more in \(moved) of the \(all.reduce(0) { $0 + $1.count }) "
                             + "residuals' buckets: " + (model.shifted == nil ? "too few to calibrate apart (\(IntervalModel.minimumPerStep) needed), so they share the others' intervals"
                                                          : "calibrated apart, and such buckets take the wider of the two intervals")
                             + "; \(buckets) forecast bucket(s) of \(forecastLifts.count) SKU(s) are such buckets")
        }
        if settings.intervals.seasonalWidth {
            context.log.info("seasonal width: forecast intervals × \(NumberText.format(seasonal[0], decimals: 3)) (last season's rise into the forecast buckets, "
                             + "\(NumberText.format(widths.rise, decimals: 3)), to the power \(NumberText.format(widths.exponent, decimals: 3)): how the SKUs' spread grows with their level), "
                             + "calibration windows × " + seasonal.dropFirst().map { NumberText.format($0, decimals: 2) }.joined(separator: ", "))
        }
    }
}
