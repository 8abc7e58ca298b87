import Testing
@testable import Forecasting

/// The pooled season: each timestep carries how all series together sold one season earlier, relative
/// to their level over the horizon before the window's end one season earlier.
@Suite struct PooledSeasonTests {

    @Test func aBucketReadsAllSeriesDemandOneSeasonEarlierAgainstTheLevelBeforeTheWindowsEnd() throws {
        // Two series on a shared calendar; the second starts two buckets later.
        let first = (0..<12).map { Double($0 + 1) }, second = (0..<10).map { _ in 2.0 }
        let pooled = PooledSeason(series: [first, second], firstBuckets: [0, 2], season: 4, reference: 2)
        // Pooled totals: 1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14.
        // Window ending at bucket 9: level = mean of buckets 3 and 4 (6, 7) = 6.5; bucket 10 reads bucket 6 (9).
        #expect(try #require(pooled.value(at: 10, end: 9)) == logValue(9 / 6.5))
        #expect(try #require(pooled.value(at: 5, end: 9)) == logValue(2 / 6.5))
        // Last season's bucket must lie before the window's end, the reference inside the data.
        #expect(pooled.value(at: 13, end: 9) == nil)
        #expect(pooled.value(at: 3, end: 9) == nil)
        #expect(pooled.value(at: 7, end: 5) == nil)
        // A closed bucket (zero demand) reads as the deepest fall, not minus infinity.
        let closed = PooledSeason(series: [[4, 4, 0, 4, 4, 4]], firstBuckets: [0], season: 2, reference: 2)
        #expect(closed.value(at: 4, end: 4) == -PooledSeason.limit)
    }

    @Test func windowsCarryThePooledSeasonAndNeverReadAtOrAfterTheirEnd() {
        var settings = SeasonalLagTests.settings(season: 12, lookback: 8)
        settings.pooledSeason = true
        settings.seasonPosition = .off  // 30 months would turn it on
        let first: [Double] = (0..<30).map { Double($0 % 7 + 1) }
        let second: [Double] = (0..<30).map { Double($0 % 5 + 2) }
        let series = [first, second]
        let windows = NeuralWindows(series: series, firstBuckets: [0, 0], settings: settings, horizon: 4)
        #expect(windows.columns == WindowColumns(seasonalLag: true, pooledSeason: true, covariates: 0))
        #expect(windows.columns.pooled == 5..<7 && windows.featuresPerStep == 7)
        let rows = windows.batch([(1, 20)], withTargets: false).inputs.numeric.storage
        for t in 0..<12 {
            let expected: Double? = windows.pooledSeason?.value(at: 12 + t, end: 20)
            let value: Float = Float(expected ?? 0), mask: Float = expected == nil ? 0 : 1
            #expect(rows[t * 7 + 5] == value && rows[t * 7 + 6] == mask, "pooled at \(t)")
        }
        // Changing every bucket from the window's end on changes none of its inputs.
        var later = series
        for index in later.indices { for offset in 20..<30 { later[index][offset] *= 10 } }
        let changed = NeuralWindows(series: later, firstBuckets: [0, 0], settings: settings, horizon: 4)
        #expect(changed.batch([(1, 20)], withTargets: false).inputs.numeric.storage == rows)
        // Off, or without a seasonal lag, there are no pooled columns.
        settings.pooledSeason = false
        #expect(NeuralWindows(series: series, firstBuckets: [0, 0], settings: settings, horizon: 4).columns.pooled == nil)
    }
}
