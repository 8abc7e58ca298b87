import Testing
@testable import Forecasting

/// `scaling: "robust"`: each window is divided by the median of its non-zero buckets, so one bulk
/// order does not shrink the weeks around it the way it shrinks them under the window's mean.
@Suite struct RobustScalingTests {
    /// Ten a week with two empty weeks and, in week 6, one bulk order of 600.
    static let series = [10.0, 10, 0, 10, 10, 10, 600, 10, 0, 10, 10, 10]

    static func windows(_ scaling: String, series: [Double] = series) -> NeuralWindows {
        var settings = NeuralForecasterTests.settings
        settings.scaling = scaling
        return NeuralWindows(series: [series], firstBuckets: [0], settings: settings, horizon: 2)
    }

    @Test func aBulkOrderMovesTheMeanButNotTheMedian() {
        // The lookback of 8 ending before bucket 10 holds buckets 2…9: 0, 10, 10, 10, 600, 10, 0, 10.
        let robust = Self.windows("robust"), mean = Self.windows("window")
        #expect(robust.scale(series: 0, end: 10) == 10)
        #expect(mean.scale(series: 0, end: 10) == 650.0 / 8)
        // An ordinary week is one unit of the robust scale, an eighth of one under the mean.
        #expect(robust.transform(10, scale: robust.scale(series: 0, end: 10)) == 1)
        #expect(mean.transform(10, scale: mean.scale(series: 0, end: 10)) < 0.125)
        // What the network reads: each history timestep's scaled quantity (features come in steps of 4 here).
        let inputs = robust.batch([(0, 10)], withTargets: false).inputs.numeric.storage
        #expect(stride(from: 0, to: 32, by: 4).map { inputs[$0] } == [0, 1, 1, 1, 60, 1, 0, 1])
    }

    @Test func aWindowWithoutDemandTakesTheSeriesMean() {
        let quiet = [0.0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 8, 12]
        let robust = Self.windows("robust", series: quiet)
        #expect(robust.scale(series: 0, end: 9) == 24.0 / 12)
        #expect(robust.scale(series: 0, end: 12) == 8)
    }

    @Test func theNetworkTrainsAndForecastsOnIt() {
        var settings = NeuralForecasterTests.settings
        settings.scaling = "robust"
        settings.epochs = 2
        let series: [[Double]] = (0..<6).map { sku in
            (0..<40).map { (week: Int) -> Double in week % 9 == sku ? 400 : Double(5 + sku) }
        }
        let trained = NeuralForecaster.train(series: series, firstBuckets: [Int](repeating: 0, count: 6), horizon: 4, settings: settings, seed: 7)
        let forecasts = trained.forecastAll()
        #expect(forecasts.count == 6 && forecasts.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isFinite && $0 >= 0 } })
    }
}
