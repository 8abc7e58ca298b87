import Foundation
import Testing
@testable import Forecasting

/// Each baseline forecasts what its definition says on series whose answer is known.
@Suite struct BaselineModelTests {
    @Test func naiveAndSeasonalNaiveRepeatTheRightValues() {
        let history: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(BaselineModel.naive.fit(history: history, seasonLength: 4).forecast(horizon: 3) == [8, 8, 8])
        #expect(BaselineModel.seasonalNaive.fit(history: history, seasonLength: 4).forecast(horizon: 6) == [5, 6, 7, 8, 5, 6])
        #expect(BaselineModel.seasonalNaive.fit(history: [1, 2], seasonLength: 4).forecast(horizon: 2) == [2, 2])
        #expect(BaselineModel.historicAverage.fit(history: history, seasonLength: 4).forecast(horizon: 1) == [4.5])
    }

    @Test func movingAverageChoosesTheWindowThatPredictsBest() {
        // A level shift 6 buckets from the end: the shortest window adapts first.
        let history = [Double](repeating: 10, count: 60) + [Double](repeating: 30, count: 6)
        let fitted = BaselineModel.movingAverage.fit(history: history, seasonLength: 52)
        #expect(fitted.parameters["window"] == 4)
        #expect(fitted.forecast(horizon: 1) == [30])
    }

    @Test func simpleSmoothingFitsAHighWeightToARandomWalkAndALowOneToNoise() {
        var generator = TestGenerator(seed: 7)
        var walk: [Double] = [100]
        for _ in 0..<120 { walk.append(walk.last! + generator.normal() * 5) }
        let noise = (0..<120).map { _ in 100 + generator.normal() * 5 }
        let walkFit = BaselineModel.simpleExponentialSmoothing.fit(history: walk, seasonLength: 52)
        let noiseFit = BaselineModel.simpleExponentialSmoothing.fit(history: noise, seasonLength: 52)
        #expect(walkFit.parameters["alpha"]! > 0.7)
        #expect(noiseFit.parameters["alpha"]! < 0.2)
        #expect(abs(noiseFit.forecast(horizon: 1)[0] - 100) < 3)
    }

    @Test func holtFollowsATrendAndDampsIt() {
        let history = (0..<40).map { 10 + 2 * Double($0) }
        let forecast = BaselineModel.holt.fit(history: history, seasonLength: 52).forecast(horizon: 5)
        #expect(abs(forecast[0] - 90) < 1)
        #expect(forecast[4] > forecast[0])
        #expect(forecast[4] - forecast[3] <= forecast[1] - forecast[0] + 1e-9)
    }

    @Test func holtWintersCarriesTheTrendAndTheSeasonForward() {
        // Two years and a half of a monthly season on a rising line, with noise: seasonal naive repeats last
        // year's level, Holt-Winters adds the year's rise.
        var generator = TestGenerator(seed: 11)
        let shape: [Double] = [0, -10, -5, 5, 10, 20, 25, 15, 5, 0, 10, 30]
        let values = (0..<36).map { 100 + 2 * Double($0) + shape[$0 % 12] + generator.normal() }
        let history = Array(values[..<30]), actual = (30..<36).map { 100 + 2 * Double($0) + shape[$0 % 12] }
        let fitted = BaselineModel.holtWinters.fit(history: history, seasonLength: 12)
        #expect(fitted.seasonal.count == 12)
        #expect(fitted.parameters["gamma"] != nil)
        #expect(fitted.parameters[FittedModel.multiplicativeSeason] == 0, "the season's swing does not grow with the level")
        let forecast = fitted.forecast(horizon: 6)
        let seasonalNaive = BaselineModel.seasonalNaive.fit(history: history, seasonLength: 12).forecast(horizon: 6)
        let error = zip(forecast, actual).map { abs($0 - $1) }.reduce(0, +) / 6
        let naiveError = zip(seasonalNaive, actual).map { abs($0 - $1) }.reduce(0, +) / 6
        #expect(error < 3, "\(forecast) against \(actual)")
        #expect(naiveError > 20)
    }

    @Test func holtWintersMultipliesTheLevelWhenTheSeasonGrowsWithIt() {
        // A December peak of 80 % over a level that doubles in two years: the peak's height grows with it.
        let shape: [Double] = [-0.2, -0.25, -0.1, 0, 0.05, -0.3, -0.35, -0.1, 0.1, 0.2, 0.4, 0.8]
        let values = (0..<36).map { (month: Int) -> Double in
            let level = 100 * (1 + 0.03 * Double(month))
            return level * (1 + shape[month % 12])
        }
        let fitted = BaselineModel.holtWinters.fit(history: Array(values[..<30]), seasonLength: 12)
        #expect(fitted.parameters[FittedModel.multiplicativeSeason] == 1)
        let forecast = fitted.forecast(horizon: 6)
        for (step, actual) in values[30...].enumerated() { #expect(abs(forecast[step] - actual) < 0.05 * actual, "\(forecast)") }
    }

    @Test func holtWintersNeverForecastsBelowZeroAndFallsBackToHoltOnShortHistories() {
        let spiky = (0..<30).map { $0 % 12 == 11 ? 100.0 : 1 }
        #expect(BaselineModel.holtWinters.fit(history: spiky, seasonLength: 12).forecast(horizon: 12).allSatisfy { $0 >= 0 })
        let short = (0..<14).map { 10 + Double($0) }
        let fitted = BaselineModel.holtWinters.fit(history: short, seasonLength: 12)
        #expect(fitted.model == .holtWinters)
        #expect(fitted.seasonal.isEmpty)
        #expect(fitted.forecast(horizon: 2) == BaselineModel.holt.fit(history: short, seasonLength: 12).forecast(horizon: 2))
    }

    /// A product being delisted falls steadily: Holt's trend carries it to zero, never below (Rohlik-shaped
    /// items forecast -0.6 units a day before), and so does a combination with Holt among its members.
    @Test func aFallingTrendStopsAtZero() {
        let falling = (0..<20).map { 40 - 2 * Double($0) }
        let holt = BaselineModel.holt.fit(history: falling, seasonLength: 52).forecast(horizon: 13)
        #expect(holt.first ?? 0 > 0 && holt.last == 0, "\(holt)")
        #expect(holt.allSatisfy { $0 >= 0 && $0.sign == .plus }, "\(holt)")
        #expect(BaselineModel.combination.fit(history: falling, seasonLength: 52).forecast(horizon: 13).allSatisfy { $0 >= 0 })
    }

    /// A product that barely sold in its first months gives multiplicative factors near zero; a normal
    /// month in the same slot a year later then divides by them, and the level runs away (Online Retail
    /// by month: forecasts of 1.5 million where 2,000 sold). Fits whose next season leaves three times the
    /// history's largest value are not taken.
    @Test func holtWintersDoesNotRunAwayFromASeasonThatBarelySold() {
        // Online Retail's StockCode 20668 and 21181 by month, December 2009 to May 2011.
        let histories: [[Double]] = [
            [2498, 1, 3, 3, 8, 3, 216, 72, 55, 1288, 1826, 2522, 1883, 78, 53, 235, 55, 132],
            [1246, 580, 818, 2039, 1576, 2, 0, 0, 1533, 1775, 1271, 1681, 1184, 621, 757, 1326, 1047, 1130],
        ]
        for history in histories {
            let forecast = BaselineModel.holtWinters.fit(history: history, seasonLength: 12).forecast(horizon: 6)
            #expect(forecast.allSatisfy { $0 >= 0 && $0 <= 3 * history.max()! }, "\(forecast)")
        }
    }

    @Test func backtestWindowsStopWhereASeasonalModelWouldFallBack() {
        // 30 months, horizon 6, three windows: origins 24, 18 and 12.
        #expect(BaselineModel.naive.backtestOrigins(seriesLength: 30, horizon: 6, windows: 3, seasonLength: 12) == [24, 18, 12])
        #expect(BaselineModel.seasonalNaive.backtestOrigins(seriesLength: 30, horizon: 6, windows: 3, seasonLength: 12) == [24, 18, 12])
        // Holt-Winters needs 15 months: the window from month 12 would measure damped Holt.
        #expect(BaselineModel.holtWinters.backtestOrigins(seriesLength: 30, horizon: 6, windows: 3, seasonLength: 12) == [24, 18])
        // With 20 months not even the newest window (origin 14) has them: the fallback is all there is to measure.
        #expect(BaselineModel.holtWinters.backtestOrigins(seriesLength: 20, horizon: 6, windows: 3, seasonLength: 12) == [14, 8, 2])
        #expect(BaselineModel.naive.backtestOrigins(seriesLength: 9, horizon: 4, windows: 3, seasonLength: 12) == [5])
    }

    @Test func crostonAndTSBForecastTheDemandRateOfIntermittentSeries() {
        let history = (0..<60).map { $0 % 4 == 0 ? 8.0 : 0 }
        let croston = BaselineModel.croston.fit(history: history, seasonLength: 52).forecast(horizon: 2)
        let tsb = BaselineModel.tsb.fit(history: history, seasonLength: 52).forecast(horizon: 2)
        #expect(abs(croston[0] - 2) < 0.2)
        #expect(abs(tsb[0] - 2) < 0.6)
        #expect(croston[0] == croston[1])
        // After demand stops, TSB's probability decays while Croston keeps its rate.
        let stopped = history + [Double](repeating: 0, count: 20)
        let tsbStopped = BaselineModel.tsb.fit(history: stopped, seasonLength: 52).forecast(horizon: 1)[0]
        let crostonStopped = BaselineModel.croston.fit(history: stopped, seasonLength: 52).forecast(horizon: 1)[0]
        #expect(tsbStopped < crostonStopped)
    }

    @Test func emptyAndAllZeroHistoriesForecastZero() {
        for model in BaselineModel.allCases {
            #expect(model.fit(history: [], seasonLength: 52).forecast(horizon: 2) == [0, 0])
            #expect(model.fit(history: [0, 0, 0, 0, 0], seasonLength: 52).forecast(horizon: 2) == [0, 0], "\(model)")
        }
    }

    @Test func fittedModelsSurviveJSON() throws {
        let fitted = BaselineModel.holt.fit(history: (0..<30).map(Double.init), seasonLength: 52)
        let data = try JSONEncoder().encode(fitted)
        #expect(try JSONDecoder().decode(FittedModel.self, from: data) == fitted)
    }
}
