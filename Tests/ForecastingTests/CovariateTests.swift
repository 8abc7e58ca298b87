import Foundation
import Testing
@testable import Forecasting

/// Covariates (price, promotion flags) reach the network through the horizon, and their effect is
/// learned: a known price elasticity is recovered and planned promotions move the forecast.
@Suite struct CovariateTests {
    /// 16 series whose demand is `level · price^−2 · 2.5^deal` with deals every 5th to 7th week.
    static func data(seriesCount: Int = 16, length: Int = 60) -> (series: [[Double]], covariates: Covariates) {
        var rng = TestGenerator(seed: 7)
        var series: [[Double]] = [], prices: [[Double]] = [], deals: [[Double]] = []
        for index in 0..<seriesCount {
            let level = Double(20 + 15 * index)
            let basePrice = 1.0 + Double(index % 4)
            var values: [Double] = [], price: [Double] = [], deal: [Double] = []
            for t in 0..<(length + 4) {
                let cut = Double.random(in: 0..<1, using: &rng) < 0.3 ? 0.8 : 1.0
                let promoted = (t + index) % (5 + index % 3) == 0 ? 1.0 : 0.0
                let noise = 1 + 0.1 * (Double.random(in: 0..<1, using: &rng) - 0.5)
                price.append(basePrice * cut)
                deal.append(promoted)
                values.append((level * pow(cut, -2) * pow(2.5, promoted) * noise).rounded())
            }
            series.append(Array(values.prefix(length)))
            prices.append(price)
            deals.append(deal)
        }
        // Covariates run 4 buckets past the history: the planned prices and deals of the horizon.
        return (series, Covariates(names: ["price", "deal"], values: zip(prices, deals).map { [$0, $1] }))
    }

    @Test func theEffectsRecoverAKnownPriceElasticity() {
        let (series, covariates) = Self.data()
        let normalized = NeuralWindows.normalize(covariates, historyCounts: series.map(\.count))
        let effects = CovariateEffects.fit(series: series, covariates: normalized)
        for coefficients in effects.coefficients {
            // Price enters as log(price / median price): the coefficient is the elasticity.
            #expect(abs(coefficients[0] - -2) < 0.25, "price elasticity \(coefficients[0])")
            #expect(coefficients[1] > 0, "a deal raises demand")
        }
    }

    @Test func windowsCarryTheHorizonsCovariatesWithAFutureFlag() {
        let (series, covariates) = Self.data(seriesCount: 2, length: 20)
        var settings = NeuralSettings()
        settings.lookback = 6
        let windows = NeuralWindows(series: series, firstBuckets: [0, 0], settings: settings, horizon: 4, covariates: covariates)
        #expect(windows.timeSteps == 10 && windows.featuresPerStep == 7)
        let batch = windows.batch([(0, 20)], withTargets: false).inputs
        #expect(batch.numeric.shape == [1, 10, 7])
        let rows = stride(from: 0, to: 70, by: 7).map { Array(batch.numeric.storage[$0..<($0 + 7)]) }
        // The lookback has quantities and no flag; the horizon has no quantities, the flag, and its own deals.
        #expect(rows.prefix(6).allSatisfy { $0[1] == 1 && $0[4] == 0 })
        #expect(rows.suffix(4).allSatisfy { $0[0] == 0 && $0[1] == 0 && $0[4] == 1 })
        let plannedDeals = (20..<24).map { covariates.values[0][1][$0] }
        let dealColumn = rows.suffix(4).map { $0[6] }
        #expect(zip(plannedDeals, dealColumn).allSatisfy { ($0 == 1) == ($1 > 0) }, "\(plannedDeals) vs \(dealColumn)")
        // Past the supplied values the last one is carried forward.
        let late = windows.batch([(0, 26)], withTargets: false).inputs.numeric.storage
        #expect(late[9 * 7 + 6] == windows.covariates[0][1].last)
    }

    /// Without a plan a future bucket takes the recent median: a one-week cut or display that happened
    /// to come last is not forecast to last the whole horizon.
    @Test func unplannedBucketsTakeTheRecentMedian() {
        #expect(Covariates.unplannedValue([2, 2, 2, 2, 1.5], recent: 4) == 2)
        #expect(Covariates.unplannedValue([0, 0, 1, 0, 0, 0, 1], recent: 4) == 0)
        #expect(Covariates.unplannedValue([3, 3, 2, 2, 2], recent: 1) == 2)
        #expect(Covariates.unplannedValue([1, 5], recent: 13) == 3)
        #expect(Covariates.unplannedValue([], recent: 4) == nil)
        let covariates = Covariates(names: ["price", "deal"], values: [[[2, 2, 2, 1.5, 9, 9], [0, 0, 0, 1, 1, 1]], [[4, 4, 4, 4], [1, 0, 1, 0]]])
        let unplanned = covariates.unplanned(after: [4, 3], recent: 3)
        #expect(unplanned.values[0] == [[2, 2, 2, 1.5, 2, 2], [0, 0, 0, 1, 0, 0]])
        #expect(unplanned.values[1] == [[4, 4, 4, 4], [1, 0, 1, 1]])
    }

    @Test func plannedPromotionsMoveTheForecastAndBeatTheNetworkWithoutThem() {
        let (series, covariates) = Self.data()
        var settings = NeuralForecasterTests.settings
        settings.lookback = 12
        settings.epochs = 4
        settings.windowsPerEpoch = 320
        settings.patience = 3
        let history = series.map { Array($0.dropLast(4)) }
        let with = NeuralForecaster.train(series: history, firstBuckets: history.map { _ in 0 }, covariates: covariates.truncated(to: series.map(\.count)),
                                          horizon: 4, settings: settings, seed: 3)
        let without = NeuralForecaster.train(series: history, firstBuckets: history.map { _ in 0 }, horizon: 4, settings: settings, seed: 3)
        func wape(_ forecasts: [[Double]]) -> Double {
            var error = 0.0, total = 0.0
            for (values, forecast) in zip(series, forecasts) {
                for step in 0..<4 { error += abs(values[56 + step] - forecast[step]); total += values[56 + step] }
            }
            return error / total
        }
        let withWAPE = wape(with.forecastAll()), withoutWAPE = wape(without.forecastAll())
        #expect(withWAPE < 0.6 * withoutWAPE, "with covariates \(withWAPE), without \(withoutWAPE)")
        // The deals' effect is fitted outside the network and put back; shuffling them moves it too.
        let importance = with.permutationImportance(seed: 1)[.covariates] ?? 0
        #expect(importance > 0.2, "covariates' importance \(importance)")
        #expect(with.drivers().allSatisfy { $0.contains { $0.group == .covariates } })
    }
}

/// With the pinball loss the network predicts each interval level's bounds directly.
@Suite struct QuantileForecastTests {
    @Test func quantilesFollowTheIntervalLevelsAndNeverCross() throws {
        var settings = NeuralForecasterTests.settings
        settings.intervalLevels = [0.8, 0.95]
        settings.loss = "quantile"
        #expect(settings.quantiles == [0.025, 0.1, 0.5, 0.9, 0.975])
        settings.hiddenUnits = 8
        settings.epochs = 3
        settings.windowsPerEpoch = 256
        settings.ensembleSize = 2
        settings.patience = 3
        let series = NeuralForecasterTests.series
        let trained = NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, settings: settings, seed: 5)
        #expect(trained.quantiles.count == 5)
        let quantiles = try #require(trained.forecastQuantiles())
        let points = trained.forecastAll()
        #expect(quantiles.count == series.count)
        for (steps, point) in zip(quantiles, points) {
            for (values, median) in zip(steps, point) {
                #expect(values == values.sorted() && values.allSatisfy { $0 >= 0 })
                #expect(values[0] <= median + 1e-9 && median <= values[4] + 1e-9)
            }
        }
        var pointLoss = settings
        pointLoss.loss = "mae"
        #expect(NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, settings: pointLoss, seed: 5)
            .forecastQuantiles() == nil)
    }
}

/// `model.covariates` and the tuning budget.
@Suite struct CovariateSelectionTests {
    @Test func keepingChoosesInputsByName() throws {
        let covariates = Covariates(names: ["price", "deal", "feat"], values: [[[1, 2], [0, 1], [1, 0]], [[3, 4], [1, 1], [0, 0]]])
        #expect(covariates.keeping(nil) == covariates)
        #expect(covariates.keeping([]) == nil)
        let kept = try #require(covariates.keeping(["feat", "deal", "temperature"]))
        #expect(kept.names == ["deal", "feat"])
        #expect(kept.values == [[[0, 1], [1, 0]], [[1, 1], [0, 0]]])
    }

    @Test func trialBudgetKeysAreCheckedByName() throws {
        let good = try JSONDecoder().decode(NeuralSettings.self, from: Data(#"{"trialEpochs": 3, "trialWindowsPerEpoch": 500}"#.utf8))
        #expect(good.trialEpochs == 3 && good.trialWindowsPerEpoch == 500)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NeuralSettings.self, from: Data(#"{"trialEpochs": 0}"#.utf8)) }
    }
}

/// Static attributes (brand, category …) get their own embedding tables, multi-hot for `a|b` values.
@Suite struct AttributeEmbeddingTests {
    @Test func encodersKnowEachLabelAndMapTheRestToUnknown() {
        let attributes = SeriesAttributes(names: ["brand", "tags"], values: [["b", "x|y"], ["a", ""], ["b", "y"]])
        let encoders = AttributeEncoders(attributes)
        #expect(encoders.labels == [["a", "b"], ["x", "y"]])
        #expect(encoders.rows == [[[2], [1, 2]], [[1], [0]], [[2], [2]]])
    }

    @Test func theNetworkEmbedsAttributesAndExplainsThem() {
        let series = NeuralForecasterTests.series
        let attributes = SeriesAttributes(names: ["family", "tags"], values: series.indices.map { ["f\($0 % 3)", $0 % 2 == 0 ? "even|small" : "odd"] })
        var settings = NeuralForecasterTests.settings
        settings.epochs = 2
        let trained = NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, attributes: attributes, horizon: 4,
                                             settings: settings, seed: 9)
        #expect(trained.forecastAll().allSatisfy { $0.count == 4 })
        let importance = trained.permutationImportance(seed: 2)
        #expect(Set(importance.keys) == [.history, .season, .sku, .attributes])
        #expect(trained.drivers().allSatisfy { Set($0.map(\.group)) == [.history, .season, .sku, .attributes] })
    }
}

/// `volumeCorrection` rescales the network's forecasts so the validation total matches.
@Suite struct VolumeCorrectionTests {
    @Test func forecastsAreScaledByTheValidationRatio() {
        let series = NeuralForecasterTests.series
        var settings = NeuralForecasterTests.settings
        settings.epochs = 2
        let plain = NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, settings: settings, seed: 4)
        settings.volumeCorrection = true
        let corrected = NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, settings: settings, seed: 4)
        #expect(plain.volumeFactor == 1)
        #expect(corrected.volumeFactor >= 0.5 && corrected.volumeFactor <= 2 && corrected.volumeFactor != 1)
        let actual = series.reduce(0.0) { $0 + $1.suffix(4).reduce(0, +) }
        let validationTotal = corrected.validationForecasts.reduce(0.0) { $0 + $1.reduce(0, +) }
        #expect(abs(validationTotal - actual) / actual < 1e-9 || corrected.volumeFactor == 0.5 || corrected.volumeFactor == 2)
        for (a, b) in zip(plain.forecastAll().joined(), corrected.forecastAll().joined()) {
            #expect(abs(a * corrected.volumeFactor - b) <= 1e-9 * max(1, b))
        }
    }
}

/// A runaway network output is capped at a multiple of the series' largest earlier value.
@Suite struct ForecastCeilingTests {
    @Test func outputsAreCappedByTheSeriesPeakBeforeTheWindow() {
        var settings = NeuralSettings()
        settings.lookback = 4
        let windows = NeuralWindows(series: [[1, 4, 2, 3, 50, 1], [0, 0, 0]], firstBuckets: [0, 0], settings: settings, horizon: 2)
        // Without covariates the inputs are not read. Before bucket 4 the peak is 4: a forecast of 1000
        // becomes 12; from bucket 5 on the peak is 50.
        #expect(windows.forecast(1000, series: 0, end: 4, step: 0, scale: 1, inputs: []) == NeuralWindows.ceiling * 4)
        #expect(windows.forecast(1000, series: 0, end: 6, step: 1, scale: 1, inputs: []) == NeuralWindows.ceiling * 50)
        #expect(windows.forecast(2, series: 0, end: 4, step: 0, scale: 1, inputs: []) == 2)
        // A series that never sold has no peak to cap by.
        #expect(windows.forecast(7, series: 1, end: 3, step: 0, scale: 1, inputs: []) == 7)
    }
}
