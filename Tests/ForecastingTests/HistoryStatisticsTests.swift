import Testing
@testable import Forecasting

/// `historyStatistics`: each history timestep also carries statistics of the quantities up to it.
@Suite struct HistoryStatisticsTests {
    static let series = [0.0, 0, 4, 0, 0, 8, 4, 0, 2, 6]

    static func windows(statistics: Bool) -> NeuralWindows {
        var settings = NeuralForecasterTests.settings
        settings.historyStatistics = statistics
        return NeuralWindows(series: [series], firstBuckets: [0], settings: settings, horizon: 2)
    }

    @Test func timestepsCarryRollingLevelAgeZeroRunAndNonZeroShare() throws {
        let windows = Self.windows(statistics: true)
        // Quantity and mask, seven statistics, then the seasonal position (the series is shorter than a season).
        #expect(windows.columns == WindowColumns(seasonalLag: false, statistics: true, covariates: 0))
        let statistics = try #require(windows.columns.statistics)
        #expect(statistics == 2..<9 && windows.columns.position == 9..<11 && windows.featuresPerStep == 11)
        let rows = windows.batch([(0, 10)], withTargets: false).inputs.numeric.storage
        let scale = windows.scale(series: 0, end: 10)
        func values(at t: Int) -> [Float] { Array(rows[(t * 11 + 2)..<(t * 11 + 9)]) }
        // Timestep 7 of the lookback of 8 is bucket 9 (quantity 6): buckets 6…9 = 4, 0, 2, 6.
        let last = values(at: 7)
        #expect(last[0] == windows.transform(3, scale: scale))
        #expect(abs(Double(last[1]) - (5.0).squareRoot() / scale) < 1e-6, "\(last)")
        #expect(abs(last[2] - Float(24.0 / 10 / scale)) < 1e-6)
        #expect(abs(last[4] - Float(10.0 / 52)) < 1e-6)
        #expect(last[5] == 0 && last[6] == 0.5)
        // Timestep 2 is bucket 4: buckets 0…4 = 0, 0, 4, 0, 0 — two zero buckets running, one of five sold.
        let quiet = values(at: 2)
        #expect(abs(Double(quiet[5]) - log1pValue(2) / log1pValue(52)) < 1e-6 && abs(quiet[6] - 0.2) < 1e-6, "\(quiet)")
        #expect(quiet[0] == windows.transform(1, scale: scale))
    }

    @Test func paddingAndTheDefaultLeaveThemOut() {
        // Before the series starts the statistics are zeros, like the quantity and its mask.
        let windows = Self.windows(statistics: true)
        let padded = windows.batch([(0, 3)], withTargets: false).inputs.numeric.storage
        #expect(padded[2..<9].allSatisfy { $0 == 0 } && padded[1] == 0)
        // Off by default: the layout is the one without them.
        let plain = Self.windows(statistics: false)
        #expect(NeuralSettings().historyStatistics == false)
        #expect(plain.columns.statistics == nil && plain.featuresPerStep == 4)
    }

    @Test func theNetworkTrainsOnThemAndExplainsThemAsHistory() {
        var settings = NeuralForecasterTests.settings
        settings.historyStatistics = true
        settings.epochs = 2
        let series: [[Double]] = (0..<6).map { sku in
            (0..<40).map { (week: Int) -> Double in (week * (sku + 3)) % 7 == 0 ? 0 : Double(5 + sku) }
        }
        let trained = NeuralForecaster.train(series: series, firstBuckets: [Int](repeating: 0, count: 6), horizon: 4, settings: settings, seed: 7)
        let forecasts = trained.forecastAll()
        #expect(forecasts.count == 6 && forecasts.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isFinite && $0 >= 0 } })
        #expect(trained.columns(of: InputGroup.history) == Array(0..<9))
    }
}
