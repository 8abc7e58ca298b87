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

    /// `settings` for a small search: `epochs` of `windows` windows per trial, 8–16 hidden units.
    static func searchSettings(epochs: Int, windows: Int, layers: [Int], lookbacks: [Int]) -> NeuralSettings {
        var base = settings
        base.epochs = epochs
        base.windowsPerEpoch = windows
        base.searchHiddenUnits = [8, 16]
        base.searchLayers = layers
        base.searchLookbacks = lookbacks
        return base
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

    /// Given the epochs an early-stopped fit found, training skips that fit and gives the very networks
    /// the full path refits for as long.
    @Test func knownEpochsGiveTheRefitNetworksWithoutFittingAgain() {
        var settings = Self.settings
        settings.ensembleSize = 2
        let full = NeuralForecaster.train(series: Self.series, firstBuckets: Self.series.map { _ in 0 }, horizon: 4, settings: settings, seed: 8)
        #expect(full.epochs.count == 2 && full.epochs.allSatisfy { $0 > 0 })
        let known = NeuralForecaster.train(series: Self.series, firstBuckets: Self.series.map { _ in 0 }, horizon: 4, settings: settings, seed: 8,
                                           knownEpochs: full.epochs)
        #expect(known.checkpoints() == full.checkpoints())
        #expect(known.forecastAll() == full.forecastAll())
        #expect(known.epochs == full.epochs && known.validationForecasts.isEmpty)
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
        var base = NeuralForecasterTests.searchSettings(epochs: 3, windows: 96, layers: [1, 2], lookbacks: [6, 8])
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
        // Windows stop at the history's end here (no series longer than a season, no covariates): one head only.
        #expect(first.trials.allSatisfy { $0.params["head"] == nil })
        // Two rolling origins by default: finished trials score the mean of both, pruned ones only the latest.
        for trial in first.trials {
            #expect(trial.foldWAPE.count == (trial.pruned ? 1 : 2), "\(trial)")
            let mean = trial.foldWAPE.reduce(0, +) / Double(trial.foldWAPE.count)
            #expect(abs(trial.validationWAPE - mean) < 1e-5)
        }
        #expect(first.trials.contains { !$0.pruned && $0.foldWAPE[0] != $0.foldWAPE[1] })
        base.trialFolds = 1
        let single = NeuralTuner.tune(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, base: base, trials: 2,
                                      timeBudget: 0, seed: 3)
        #expect(single.trials.allSatisfy { $0.foldWAPE.count == 1 && $0.foldWAPE[0] == $0.validationWAPE })
        // The latest origin is scored as before folds existed: the first trial's curve is unchanged.
        #expect(single.trials[0].curve == first.trials[0].curve)
    }

    /// Where windows run through the horizon (here last season's values, the season being 4 buckets),
    /// the search also tries the stepwise head, and the best settings carry the winning trial's head.
    @Test func theHeadIsSearchedWhereWindowsRunThroughTheHorizon() {
        var base = NeuralForecasterTests.searchSettings(epochs: 2, windows: 96, layers: [1, 1], lookbacks: [8])
        base.seasonLength = 4
        let series = NeuralForecasterTests.series
        let result = NeuralTuner.tune(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, base: base, trials: 6,
                                      timeBudget: 0, seed: 4)
        let heads = Set(result.trials.compactMap { $0.params["head"] })
        #expect(heads == ["final", "steps"], "\(result.trials.map(\.params))")
        let bestTrial = result.trials.filter { !$0.pruned }.min { $0.validationWAPE < $1.validationWAPE }
        #expect(bestTrial != nil && bestTrial?.params["head"] == result.best.head)
    }

    /// Fold k validates on the horizon ending k horizons before the end, and trains only on windows
    /// whose targets end before it.
    @Test func rollingOriginsNeverTrainOnTheirValidationHorizon() {
        let series = [(0..<30).map(Double.init), (0..<11).map(Double.init)]
        let windows = NeuralWindows(series: series, firstBuckets: [0, 0], settings: NeuralForecasterTests.settings, horizon: 4)
        #expect(windows.validationWindows(fold: 0).map(\.end) == [26, 7])
        #expect(windows.validationWindows(fold: 1).map(\.end) == [22, 3])
        #expect(windows.validationWindows(fold: 2).map(\.end) == [18])
        for fold in 0..<3 {
            let training = NeuralForecaster.trainingWindows(series: series, horizon: 4, heldOutHorizons: fold + 1).windows
            for validation in windows.validationWindows(fold: fold) {
                let latest = training.filter { $0.series == validation.series }.map { $0.end + 4 }.max() ?? 0
                #expect(latest <= validation.end, "fold \(fold) series \(validation.series)")
            }
        }
    }
}

/// With `partialWindows` the most recent windows train too: their horizon runs past the training
/// data, and the steps past it are missing targets (NaN), never values of the held-out horizons.
@Suite struct PartialWindowTests {
    @Test func recentWindowsTrainWithTheUnseenStepsMissing() {
        let series = [(0..<30).map { Double($0 + 1) }, (0..<11).map { Double($0 + 1) }]
        var settings = NeuralForecasterTests.settings
        settings.partialWindows = .on
        let windows = NeuralWindows(series: series, firstBuckets: [0, 0], settings: settings, horizon: 4)
        for fold in 0..<2 {
            let whole = NeuralForecaster.trainingWindows(series: series, horizon: 4, heldOutHorizons: fold + 1).windows
            let partial = NeuralForecaster.trainingWindows(series: series, horizon: 4, heldOutHorizons: fold + 1, partial: true).windows
            for (index, values) in series.enumerated() {
                let stop = values.count - 4 * (fold + 1)
                let ends = partial.filter { $0.series == index }.map(\.end)
                // Whole windows end their horizon by `stop`; partial ones need only their first step before it.
                #expect(whole.filter { $0.series == index }.map(\.end).max() == (stop - 4 >= 1 ? stop - 4 : nil))
                #expect(ends.max() == (stop - 1 >= 1 ? stop - 1 : nil))
                guard let last = ends.max() else { continue }
                let targets = windows.batch([(index, last)], withTargets: true, heldOutHorizons: fold + 1).targets!
                #expect(!targets[0, 0].isNaN)
                #expect((1..<4).allSatisfy { targets[0, $0].isNaN }, "fold \(fold) series \(index): \(targets.storage)")
            }
        }
    }

    @Test func autoTrainsOnPartialWindowsWhenTheMedianHistoryIsShortOrDemandShifted() {
        /// Flat series of these lengths.
        func flat(_ lengths: [Int]) -> [[Double]] { lengths.map { [Double](repeating: 5, count: $0) } }
        func partial(_ series: [[Double]], _ setting: AutoSwitch = .auto) -> Bool {
            setting.trainsPartialWindows(series: series, lookback: 52, horizon: 13, seasonLength: 52)
        }
        // Lookback 52 and horizon 13: a median series under 78 buckets turns them on.
        #expect(partial(flat([35, 35, 104])))
        #expect(!partial(flat([91, 91, 20])))
        #expect(!partial(flat([78])))
        #expect(partial(flat([77])))
        #expect(!partial([]))
        #expect(partial(flat([200]), .on))
        #expect(!partial(flat([10]), .off))
        // A long flat panel whose last 13 buckets before the validation cut fell by 40 %: a shift.
        var shifted = flat([150, 150])
        for index in shifted.indices { for bucket in 124..<137 { shifted[index][bucket] = 3 } }
        #expect(partial(shifted))
        #expect(!partial(shifted, .off))
    }

    @Test func levelShiftComparesThePaceOfTheLastHorizonWithTheOneBefore() {
        // 200 weeks growing 10 % a year: every pace is the same, no shift.
        let growing = [(0..<200).map { 100 * pow(1.1, Double($0) / 52) }]
        let steady = LevelShift.ratio(series: growing, horizon: 13, seasonLength: 52)
        #expect(steady.map { abs($0 - 1) < 1e-9 } == true, "\(String(describing: steady))")
        // Launches late in the panel are no shift: only series spanning all four windows count.
        #expect(LevelShift.ratio(series: growing + [[Double](repeating: 500, count: 20)], horizon: 13, seasonLength: 52) == steady)
        // The horizon before the validation cut at 60 % of the year before, after 100 %: 0.6.
        var fallen = [[Double](repeating: 10, count: 200)]
        for bucket in 174..<187 { fallen[0][bucket] = 6 }
        #expect(abs((LevelShift.ratio(series: fallen, horizon: 13, seasonLength: 52) ?? 0) - 0.6) < 1e-9)
        #expect(LevelShift.isShift(0.6) && LevelShift.isShift(1.3) && !LevelShift.isShift(0.85) && !LevelShift.isShift(1.2))
        // Too short for two paces a season apart: no ratio.
        #expect(LevelShift.ratio(series: [[Double](repeating: 10, count: 90)], horizon: 13, seasonLength: 52) == nil)
    }

    @Test func autoTrainsAsOnForShortHistoriesAndAsOffForLongOnes() {
        // 14 buckets, lookback 8 and horizon 4: 14 < 8 + 2 × 4, so `auto` trains the network `on` trains.
        let short = NeuralForecasterTests.series.map { Array($0.prefix(14)) }
        let firstBuckets = short.map { _ in 0 }
        var settings = NeuralForecasterTests.settings
        settings.lookback = 8
        settings.epochs = 2
        func forecasts(_ mode: AutoSwitch, _ series: [[Double]]) -> [[Double]] {
            var chosen = settings
            chosen.partialWindows = mode
            return NeuralForecaster.train(series: series, firstBuckets: firstBuckets, horizon: 4, settings: chosen, seed: 5,
                                          refit: false).forecastAll()
        }
        #expect(forecasts(.auto, short) == forecasts(.on, short))
        #expect(forecasts(.auto, short) != forecasts(.off, short))
        let long = NeuralForecasterTests.series.map { Array($0.prefix(24)) }
        #expect(forecasts(.auto, long) == forecasts(.off, long))
    }

    @Test func aShortHistoryTrainsOnItsRecentWeeks() {
        // 14 buckets and a horizon of 4: without partial windows only ends 1...6 train (targets up to bucket 10).
        let series = NeuralForecasterTests.series.map { Array($0.prefix(14)) }
        var settings = NeuralForecasterTests.settings
        settings.partialWindows = .on
        let trained = NeuralForecaster.train(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4,
                                             settings: settings, seed: 11, refit: false)
        #expect(trained.validationWAPE.isFinite && trained.validationWAPE < 1)
        #expect(trained.forecastAll().allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isFinite && $0 >= 0 } })
    }
}

/// An origin whose validation horizon has no demand cannot be scored: the trial keeps the other
/// origin's WAPE, the study records −1 for that origin, and the log says so instead of a number.
@Suite struct NeuralTunerUnscoredOriginTests {
    @Test func anOriginWithoutDemandIsLeftOutOfTheScore() {
        var base = NeuralForecasterTests.searchSettings(epochs: 2, windows: 64, layers: [1, 1], lookbacks: [6, 8])
        base.trialFolds = 2
        // The earlier origin validates on buckets 32..<36 (horizon 4, 40 buckets): a stock-out there.
        let series = NeuralForecasterTests.series.map { values in
            values.enumerated().map { index, value in (32..<36).contains(index) ? 0 : value }
        }
        let lines = LockedLines()
        let result = NeuralTuner.tune(series: series, firstBuckets: series.map { _ in 0 }, horizon: 4, base: base, trials: 2,
                                      timeBudget: 0, seed: 1, progress: { lines.append($0) })
        for trial in result.trials where !trial.pruned {
            #expect(trial.foldWAPE.count == 2)
            #expect(trial.foldWAPE[0] > 0 && trial.foldWAPE[1] == -1, "\(trial.foldWAPE)")
            #expect(trial.validationWAPE == trial.foldWAPE[0])
        }
        #expect(lines.all.contains { $0.contains("n/a (no demand)") && !$0.contains("inf") }, "\(lines.all)")
    }
}

/// Progress lines collected from the tuner's callback.
private final class LockedLines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
