import Testing
@testable import Forecasting

/// The seasonal lag: each timestep, through the horizon, carries the quantity one season earlier.
@Suite struct SeasonalLagTests {
    static func settings(season: Int, lookback: Int) -> NeuralSettings {
        var settings = NeuralForecasterTests.settings
        settings.seasonLength = season
        settings.lookback = lookback
        settings.pooledSeason = false
        return settings
    }

    @Test func windowsCarryLastSeasonsValuesThroughTheHorizonAndNeverTheFuture() {
        let series = [(0..<30).map { Double($0 + 1) }, (0..<10).map { _ in 5.0 }]
        let windows = NeuralWindows(series: series, firstBuckets: [0, 0], settings: Self.settings(season: 12, lookback: 8), horizon: 4)
        // Quantity, mask, future flag, lag, lag mask; no seasonal position beside the lag.
        #expect(windows.columns == WindowColumns(seasonalLag: true, covariates: 0))
        #expect(windows.featuresPerStep == 5 && windows.timeSteps == 12 && windows.columns.position == nil)
        let rows = windows.batch([(0, 20)], withTargets: false).inputs.numeric.storage
        let scale = windows.scale(series: 0, end: 20)
        for t in 0..<12 {
            let row = Array(rows[(t * 5)..<(t * 5 + 5)]), offset = 12 + t
            #expect(row[2] == (t < 8 ? 0 : 1), "future flag at \(t)")
            // Last season's same bucket, scaled like the window: offsets 0…11, all before the window's end.
            #expect(row[3] == windows.transform(series[0][offset - 12], scale: scale) && row[4] == 1, "lag at \(t): \(row)")
            if t >= 8 { #expect(row[0] == 0 && row[1] == 0) }
        }
        // A horizon longer than the season would reach the forecast's own buckets: those lags are masked.
        let long = NeuralWindows(series: series, firstBuckets: [0, 0], settings: Self.settings(season: 3, lookback: 4), horizon: 5)
        let storage = long.batch([(0, 20)], withTargets: false).inputs.numeric.storage
        let lagMasks = (4..<9).map { storage[$0 * 5 + 4] }
        #expect(lagMasks == [1, 1, 1, 0, 0], "\(lagMasks)")
        // Histories no longer than a season keep the seasonal position (sin, cos) and the lookback alone.
        let short = NeuralWindows(series: [series[1]], firstBuckets: [0], settings: Self.settings(season: 12, lookback: 8), horizon: 4)
        #expect(short.seasonalLag == 0 && short.featuresPerStep == 4 && short.timeSteps == 8 && short.columns.position == 2..<4)
        var off = Self.settings(season: 12, lookback: 8)
        off.seasonalLag = false
        #expect(NeuralWindows(series: series, firstBuckets: [0, 0], settings: off, horizon: 4).featuresPerStep == 4)
    }
}
