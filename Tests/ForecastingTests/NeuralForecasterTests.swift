import Foundation
import Testing
@testable import Forecasting

/// The global LSTM learns a shared pattern across series of different volume, deterministically.
@Suite struct NeuralForecasterTests {
    /// Series with a period-4 pattern at very different levels (a global model must scale them).
    static let series: [[Double]] = (0..<12).map { index in
        let level = Double(1 + index * 7)
        return (0..<40).map { t in level * [1.0, 2.0, 0.5, 1.5][t % 4] }
    }

    static var settings: NeuralSettings {
        var settings = NeuralSettings()
        settings.lookback = 8
        settings.hiddenUnits = 12
        settings.epochs = 8
        settings.windowsPerEpoch = 384
        settings.batchSize = 32
        settings.ensembleSize = 1
        settings.patience = 8
        settings.learningRate = 0.01
        return settings
    }

    @Test func learnsASharedPatternAndBeatsNaiveOnTheHeldOutHorizon() {
        let trained = NeuralForecaster.train(series: Self.series, firstBuckets: Self.series.map { _ in 0 }, horizon: 4,
                                             settings: Self.settings, seed: 11, refit: false)
        // Naive repeats the last value; the pattern's WAPE for naive is large.
        var naiveError = 0.0, total = 0.0
        for values in Self.series {
            let last = values[35]
            for step in 0..<4 { naiveError += abs(values[36 + step] - last); total += values[36 + step] }
        }
        #expect(trained.validationWAPE < 0.5 * naiveError / total, "LSTM \(trained.validationWAPE) vs naive \(naiveError / total)")
        let forecasts = trained.forecastAll()
        #expect(forecasts.count == Self.series.count && forecasts.allSatisfy { $0.count == 4 && $0.allSatisfy { $0 >= 0 } })
    }

    @Test func theSameSeedGivesTheSameForecastsAndCheckpoints() {
        let first = NeuralForecaster.train(series: Self.series, firstBuckets: Self.series.map { _ in 0 }, horizon: 4,
                                           settings: Self.settings, seed: 5)
        let second = NeuralForecaster.train(series: Self.series, firstBuckets: Self.series.map { _ in 0 }, horizon: 4,
                                            settings: Self.settings, seed: 5)
        #expect(first.forecastAll() == second.forecastAll())
        #expect(first.checkpoints() == second.checkpoints())
    }

    @Test func shortHistoriesArePaddedNotDropped() {
        var series = Self.series
        series.append([3, 6])  // two buckets only
        let trained = NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4,
                                             settings: Self.settings, seed: 2, refit: false)
        let forecasts = trained.forecastAll()
        #expect(forecasts.count == series.count)
        #expect(forecasts.last?.count == 4)
    }
}

/// The TPE search records every trial, is deterministic, and returns the best unpruned settings.
@Suite struct NeuralTunerTests {
    @Test func searchesRecordsEveryTrialAndIsDeterministic() {
        var base = NeuralForecasterTests.settings
        base.epochs = 3
        base.windowsPerEpoch = 96
        base.searchHiddenUnits = [8, 16]
        base.searchLayers = [1, 2]
        base.searchLookbacks = [6, 8]
        let series = NeuralForecasterTests.series
        let first = NeuralTuner.tune(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, base: base, trials: 7,
                                     timeBudget: 0, seed: 3)
        #expect(first.trials.count == 7)
        #expect(first.trials.allSatisfy { !$0.params.isEmpty && !$0.curve.isEmpty })
        let bestTrial = first.trials.filter { !$0.pruned }.min { $0.validationWAPE < $1.validationWAPE }
        #expect(bestTrial.map { NeuralTuner.apply($0.params, to: base) } == first.best)
        let second = NeuralTuner.tune(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, base: base, trials: 7,
                                      timeBudget: 0, seed: 3)
        #expect(second.trials == first.trials)
        #expect(first.trials.map { $0.params["layers"] ?? "" }.allSatisfy { ["1", "2", "3"].contains($0) })
    }
}
