import Testing
@testable import Forecasting

/// Cross-validation picks the model a series was built from; intervals cover what they claim.
@Suite struct SelectionAndIntervalTests {
    @Test func crossValidationPrefersSeasonalNaiveOnASeasonalSeries() {
        let series = (0..<120).map { 50 + 40 * Double(($0 % 12) < 6 ? 1 : -1) }
        let candidates: [BaselineModel] = [.naive, .seasonalNaive, .simpleExponentialSmoothing]
        let scores = ModelSelection.crossValidate(series: series, candidates: candidates, horizon: 6, origins: 3, seasonLength: 12)
        #expect(scores[1] == 0)
        #expect(scores[0] > 10 && scores[2] > 10)
    }

    @Test func crossValidationScoresOnlyTheOriginsWithASeasonBeforeThemWhenThereAreAny() {
        // 23 months of a season that repeats exactly, horizon 6: origins 17, 11 and 5. Only at 17 has seasonal
        // naive a season to repeat; at 11 and 5 it would forecast as naive and be blamed for naive's errors.
        let pattern: [Double] = [10, 30, 20, 40, 15, 35, 25, 45, 5, 50, 0, 60]
        let series = (0..<23).map { pattern[$0 % 12] }
        let candidates: [BaselineModel] = [.naive, .seasonalNaive]
        let scores = ModelSelection.crossValidate(series: series, candidates: candidates, horizon: 6, origins: 3, seasonLength: 12)
        #expect(scores[1] == 0)
        #expect(scores[0] == (0..<6).map { abs(series[17 + $0] - series[16]) }.reduce(0, +) / 6, "naive is judged on origin 17 alone too")
        // Without a seasonal candidate every origin counts.
        let naiveOnly = ModelSelection.crossValidate(series: series, candidates: [.naive], horizon: 6, origins: 3, seasonLength: 12)
        #expect(naiveOnly[0] != scores[0])
        // With 18 months only origin 12 has a season before it, and none has the season and three buckets
        // Holt-Winters needs: seasonal naive's need decides, and Holt-Winters is scored as damped Holt there.
        let eighteen = Array(series[..<18])
        let withWinters = ModelSelection.crossValidate(series: eighteen, candidates: [.naive, .seasonalNaive, .holtWinters], horizon: 6,
                                                       origins: 3, seasonLength: 12)
        let holt = ModelSelection.crossValidate(series: eighteen, candidates: [.holt], horizon: 6, origins: 1, seasonLength: 12)
        #expect(withWinters[1] == 0 && withWinters[2] == holt[0], "\(withWinters)")
        // When no origin has a season before it, the seasonal candidate is scored as what it falls back to.
        let shortScores = ModelSelection.crossValidate(series: Array(series[..<14]), candidates: candidates, horizon: 4, origins: 2, seasonLength: 12)
        #expect(shortScores[0] == shortScores[1])
    }

    @Test func tooShortSeriesScoreInfinity() {
        let scores = ModelSelection.crossValidate(series: [1, 2, 3], candidates: [.naive], horizon: 4, origins: 2, seasonLength: 52)
        #expect(scores == [.infinity])
    }

    @Test func eachMethodCoversAboutItsLevelOnNormalResiduals() {
        var generator = TestGenerator(seed: 3)
        let calibration = (0..<2).map { _ in (0..<4000).map { _ in generator.normal() } }
        let test = (0..<4000).map { _ in generator.normal() }
        for method in IntervalMethod.allCases {
            let model = IntervalModel.calibrate(scaledResiduals: calibration, levels: [0.8, 0.95], method: method)
            for (index, level) in [0.8, 0.95].enumerated() {
                let bounds = model.factors[1][index]
                let covered = Double(test.filter { $0 >= bounds[0] && $0 <= bounds[1] }.count) / Double(test.count)
                #expect(abs(covered - level) < 0.03, "\(method) at \(level): \(covered)")
            }
        }
        #expect(abs(NormalQuantile.of(0.975) - 1.959964) < 1e-5)
    }

    @Test func aStepWithFewResidualsReadsItsNeighboursToo() {
        // 13 steps of 8 residuals each (eight SKUs): step s misses by 1 … 8 plus s tenths. Alone, the first
        // step's conformal 80 % width would be its largest miss (rank ⌈9 · 0.8⌉ = 8 of 8: 8.0); with its
        // neighbours it reads 40 residuals and takes the 33rd (⌈41 · 0.8⌉) of them.
        let few = (0..<13).map { step in (1...8).map { Double($0) + Double(step) / 10 } }
        let model = IntervalModel.calibrate(scaledResiduals: few, levels: [0.8], method: .conformal)
        #expect(model.factors[0][0] == [-7.2, 7.2], "steps 0…4")
        #expect(model.factors[6][0] == [-7.6, 7.6], "steps 4…8, the two nearest on each side")
        // A step with enough residuals keeps its own.
        let plenty = [(1...50).map(Double.init), (1...8).map { Double($0 * 100) }]
        let own = IntervalModel.calibrate(scaledResiduals: plenty, levels: [0.8], method: .conformal)
        #expect(own.factors[0][0] == [-41, 41])
    }

    @Test func boundsScaleWithTheSeriesAndNeverGoBelowZero() {
        let model = IntervalModel(method: .conformal, levels: [0.9], factors: [[[-2, 2]], [[-3, 3]]])
        #expect(model.bounds(point: 10, step: 0, scale: 4, level: 0) == (2, 18))
        #expect(model.bounds(point: 1, step: 5, scale: 1, level: 0) == (0, 4))
    }

    @Test func aPointForecastBelowHalfAUnitReachesDownToZero() {
        // A sliver of a width, as calibrated on SKUs whose residuals are nearly all zero.
        let model = IntervalModel(method: .conformal, levels: [0.8], factors: [[[-1e-4, 1e-4]]])
        let low = model.bounds(point: 0.03, step: 0, scale: 2, level: 0)
        #expect(low.lower == 0 && abs(low.upper - 0.0302) < 1e-12)
        let high = model.bounds(point: 0.6, step: 0, scale: 2, level: 0)
        #expect(abs(high.lower - 0.5998) < 1e-12 && abs(high.upper - 0.6002) < 1e-12)
    }

    @Test func metricsFollowTheAnchorsDefinitions() {
        let actuals: [[Double]] = [[10, 0], [5, 5]]
        let forecasts: [[Double]] = [[8, 2], [5, 10]]
        let histories: [[Double]] = [[1, 3, 5], [2, 2, 4]]
        let metrics = AccuracyMetrics.compute(actuals: actuals, forecasts: forecasts, histories: histories, seasonLength: 52)
        #expect(metrics.mae == 9.0 / 4)
        #expect(abs(metrics.rmse - (33.0 / 4).squareRoot()) < 1e-12)
        #expect(metrics.wape == 9.0 / 20)
        #expect(metrics.volumeError == 5.0 / 20)
        // Scales (lag 1): series 1: 2, series 2: 1; scaled MAEs 1 and 2.5.
        #expect(metrics.maseMean == 1.75)
        #expect(abs(metrics.smape - (200 * 2 / 18 + 200 + 0 + 200 * 5 / 15) / 4) < 1e-12)
    }
}

/// Global selection and the combination model.
@Suite struct ChoiceTests {
    @Test func globalSelectionPicksTheLowestTotalErrorForEverySeries() {
        let scores: [[Double]] = [[1, 5], [9, 2], [.infinity, .infinity]]
        // The third series is too short to score: it gets the overall best (tsb: 7 against naive's 10).
        #expect(ModelSelection.choose(scores: scores, candidates: [.naive, .tsb], global: false) == [.naive, .tsb, .tsb])
        #expect(ModelSelection.choose(scores: scores, candidates: [.naive, .tsb], global: true) == [.tsb, .tsb, .tsb])
    }

    @Test func withNothingScoredExponentialSmoothingServes() {
        let unscored: [[Double]] = [[.infinity, .infinity], [.infinity, .infinity]]
        #expect(ModelSelection.choose(scores: unscored, candidates: [.naive, .simpleExponentialSmoothing], global: true)
                == [.simpleExponentialSmoothing, .simpleExponentialSmoothing])
        #expect(ModelSelection.choose(scores: unscored, candidates: [.naive, .simpleExponentialSmoothing], global: false)
                == [.simpleExponentialSmoothing, .simpleExponentialSmoothing])
        // Without it among the candidates, the first candidate serves.
        #expect(ModelSelection.choose(scores: unscored, candidates: [.tsb, .naive], global: true) == [.tsb, .tsb])
    }

    @Test func combinationAveragesItsMembers() {
        let history = (0..<40).map { Double($0 % 5) + 3 }
        let combined = BaselineModel.combination.fit(history: history, seasonLength: 52).forecast(horizon: 3)
        let members = BaselineModel.combinationMembers.map { $0.fit(history: history, seasonLength: 52).forecast(horizon: 3) }
        for step in 0..<3 {
            let mean = members.map { $0[step] }.reduce(0, +) / Double(members.count)
            #expect(abs(combined[step] - mean) < 1e-12)
        }
    }
}
