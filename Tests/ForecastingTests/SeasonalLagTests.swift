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
        var settings = Self.settings(season: 12, lookback: 8)
        settings.seasonPosition = .off  // 30 months would turn it on
        let windows = NeuralWindows(series: series, firstBuckets: [0, 0], settings: settings, horizon: 4)
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
        // (Ten seasons of three: without `seasonPosition` off, the position would sit beside the lag.)
        var short3 = Self.settings(season: 3, lookback: 4)
        short3.seasonPosition = .off
        let long = NeuralWindows(series: series, firstBuckets: [0, 0], settings: short3, horizon: 5)
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

    /// With three seasons of history or more (two of months; `seasonPosition` `auto`), timesteps also carry their
    /// position in the season, through the horizon, beside last season's value.
    @Test func thePositionJoinsTheLagWhenHistoriesSpanThreeSeasons() {
        let long = (0..<3).map { sku in (0..<40).map { Double(($0 + sku) % 12 + 1) } }
        let windows = NeuralWindows(series: long, firstBuckets: [3, 3, 3], settings: Self.settings(season: 12, lookback: 8), horizon: 4)
        // Quantity, mask, sin, cos, future flag, lag, lag mask.
        #expect(windows.columns == WindowColumns(seasonalLag: true, seasonPosition: true, covariates: 0))
        #expect(windows.featuresPerStep == 7 && windows.columns.position == 2..<4 && windows.columns.lag == 5..<7)
        let rows = windows.batch([(0, 20)], withTargets: false).inputs.numeric.storage
        for t in [0, 7, 8, 11] {
            // The window's timestep t is bucket 12 + t of the series, 15 + t on the calendar.
            let angle = 2 * Double.pi * Double((15 + t) % 12) / 12
            #expect(abs(Double(rows[t * 7 + 2]) - sinValue(angle)) < 1e-6 && abs(Double(rows[t * 7 + 3]) - cosValue(angle)) < 1e-6, "t \(t)")
            #expect(rows[t * 7 + 6] == 1)
        }
        // Months: under two seasons leave it out, two turn it on; weeks need three. `on` and `off` decide regardless of length.
        #expect(!AutoSwitch.auto.feedsSeasonPosition(seriesLengths: [23, 23, 40], seasonLength: 12))
        #expect(AutoSwitch.auto.feedsSeasonPosition(seriesLengths: [10, 24, 24], seasonLength: 12))
        #expect(!AutoSwitch.auto.feedsSeasonPosition(seriesLengths: [130, 130, 160], seasonLength: 52))
        #expect(AutoSwitch.auto.feedsSeasonPosition(seriesLengths: [10, 156, 156], seasonLength: 52))
        #expect(!AutoSwitch.auto.feedsSeasonPosition(seriesLengths: [], seasonLength: 12))
        #expect(AutoSwitch.on.feedsSeasonPosition(seriesLengths: [13], seasonLength: 12))
        var off = Self.settings(season: 12, lookback: 8)
        off.seasonPosition = .off
        let without = NeuralWindows(series: long, firstBuckets: [3, 3, 3], settings: off, horizon: 4)
        #expect(without.columns.position == nil && without.featuresPerStep == 5)
    }

    /// The explanations' `season` group blanks both, position and lag.
    @Test func theSeasonGroupHoldsPositionAndLag() {
        var settings = Self.settings(season: 12, lookback: 8)
        settings.epochs = 1
        let long = (0..<4).map { sku in (0..<40).map { Double(($0 + sku) % 12 + 2) } }
        let trained = NeuralForecaster.train(series: long, firstBuckets: [0, 0, 0, 0], horizon: 4, settings: settings, seed: 3, refit: false)
        #expect(trained.columns(of: InputGroup.season) == [2, 3, 5, 6])
        #expect(trained.forecastAll().allSatisfy { $0.count == 4 && $0.allSatisfy(\.isFinite) })
    }
}
