import Foundation
import NeuralNet

/// One tuning trial: the hyperparameters tried and how the network did on the validation split.
public struct TuningTrial: Sendable, Codable, Equatable {
    public var number: Int
    public var params: [String: String]
    /// Best validation WAPE reached (the objective): the mean over the origins of `foldWAPE` that could
    /// be scored; −1 when none could (JSON has no infinity).
    public var validationWAPE: Double
    /// Best validation WAPE of each rolling origin, the latest first (only the first when pruned); −1 for
    /// an origin whose validation horizon has no demand at all.
    public var foldWAPE: [Double]
    /// Best validation WAPE after each epoch, on the latest origin.
    public var curve: [Double]
    /// Stopped early by the median rule.
    public var pruned: Bool

    /// `validationWAPE` for ranking: a trial that could not be scored ranks last, not first.
    var objective: Double { validationWAPE >= 0 ? validationWAPE : .infinity }
}

/// Hyperparameter search for the global LSTM: a tree-structured Parzen estimator (as Optuna's
/// default sampler) with median pruning, over layers, hidden size, dropout, learning rate, batch
/// size, lookback, embedding scale, loss and, where windows run through the horizon, the head.
///
/// The first `startupTrials` draw uniformly; after that each parameter is drawn from a kernel density
/// around the best quarter of trials, choosing among 24 candidates the one that maximises
/// good-density / bad-density. A trial is pruned when, after an epoch, its best WAPE is worse than
/// the median of earlier trials at the same epoch. Everything is seeded: the same inputs give the same
/// study (a wall-time budget, if set, can end it earlier on a slower machine).
public enum NeuralTuner {
    /// The search space: numeric ranges (log scale where marked) and categorical choices.
    enum Parameter: String, CaseIterable {
        case layers, hiddenUnits, dropout, learningRate, batchSize, lookback, embeddingScale, loss, head
    }

    /// The search space, with the configurable bounds of `NeuralSettings`.
    struct Space {
        var settings: NeuralSettings
        /// Whether windows run through the horizon, so the head can read each step's own state.
        var stepwiseHeadPossible = false

        /// The parameters searched: all but `head` where only the final-state head is possible.
        var parameters: [Parameter] { Parameter.allCases.filter { $0 != .head || stepwiseHeadPossible } }

        func choices(_ parameter: Parameter) -> [String]? {
            switch parameter {
            case .layers: return (settings.searchLayers[0]...settings.searchLayers[1]).map(String.init)
            case .batchSize: return ["32", "64", "128"]
            case .lookback: return settings.searchLookbacks.map(String.init)
            case .loss: return ["mae", "huber"]
            case .head: return ["final", "steps"]
            default: return nil
            }
        }

        /// Range in the search's own units (log10 for log-scaled parameters).
        func range(_ parameter: Parameter) -> (low: Double, high: Double, log: Bool) {
            switch parameter {
            case .hiddenUnits: return (log10(Double(settings.searchHiddenUnits[0])), log10(Double(settings.searchHiddenUnits[1])), true)
            case .dropout: return (0, 0.5, false)
            case .learningRate: return (-4, -2, true)
            case .embeddingScale: return (0.1, 1.0, false)
            default: return (0, 1, false)
            }
        }
    }

    static let startupTrials = 5
    /// Trials are scored on at most this many validation windows: those of the highest-volume series,
    /// which dominate WAPE anyway.
    static let rankingSeries = 1_000

    /// The validation windows a trial is scored on at rolling origin `fold` (0: the latest).
    static func rankingWindows(_ windows: NeuralWindows, fold: Int = 0) -> [(series: Int, end: Int)] {
        let all = windows.validationWindows(fold: fold)
        guard all.count > rankingSeries else { return all }
        let volume = all.map { window in windows.series[window.series].prefix(window.end).reduce(0) { $0 + abs($1) } }
        return all.indices.sorted { volume[$0] > volume[$1] || (volume[$0] == volume[$1] && $0 < $1) }
            .prefix(rankingSeries).sorted().map { all[$0] }
    }
    static let candidatesPerDraw = 24

    /// Runs up to `trials` trials (and at most `timeBudget` seconds when positive); returns the best
    /// settings (based on `base`) and every trial.
    public static func tune(series: [[Double]], firstBuckets: [Int], covariates: Covariates? = nil, attributes: SeriesAttributes? = nil, horizon: Int, base: NeuralSettings, trials: Int,
                            timeBudget: Double, seed: UInt64, progress: (@Sendable (String) -> Void)? = nil) -> (best: NeuralSettings, trials: [TuningTrial]) {
        var rng = SplitMix64(seed: seed ^ 0x7E57_7E57)
        var done: [TuningTrial] = []
        var best = base
        var bestScore = Double.infinity
        let started = Date()
        let stepwiseHeadPossible = NeuralWindows.wouldRunThroughHorizon(series: series, covariates: covariates, settings: base)
        for number in 1...max(1, trials) {
            if timeBudget > 0, Date().timeIntervalSince(started) > timeBudget {
                progress?("tuning stopped by its time budget after \(number - 1) trial(s)")
                break
            }
            let space = Space(settings: base, stepwiseHeadPossible: stepwiseHeadPossible)
            let params = number <= startupTrials ? uniform(space, &rng) : parzen(space, done, &rng)
            var settings = apply(params, to: base)
            settings.ensembleSize = 1
            settings.epochs = min(settings.epochs, settings.trialEpochs)
            settings.windowsPerEpoch = min(settings.windowsPerEpoch, settings.trialWindowsPerEpoch)
            let completed = done.filter { !$0.pruned }
            let prune: (Int, Double) -> Bool = { epoch, value in
                let atEpoch = completed.compactMap { $0.curve.count >= epoch ? $0.curve[epoch - 1] : $0.curve.last }.filter { $0 >= 0 }
                guard number > startupTrials, epoch >= 2, value.isFinite, atEpoch.count >= 2 else { return false }
                return value > Median.of(atEpoch)
            }
            let windows = NeuralWindows(series: series, firstBuckets: firstBuckets, settings: settings, horizon: horizon, covariates: covariates,
                                        attributes: attributes)
            // Which covariates vary in the history does not depend on a trial's settings: said once.
            if number == 1, let note = windows.constantCovariatesNote { progress?(note) }
            // Rolling origins, the latest first: each fold trains on what precedes its validation horizon.
            // Pruning watches the latest origin only; a pruned trial skips the earlier ones.
            var folds: [NeuralForecaster.FitResult] = []
            for fold in 0..<max(1, settings.trialFolds) {
                let validation = Self.rankingWindows(windows, fold: fold)
                let held = NeuralForecaster.trainingWindows(series: series, horizon: horizon, heldOutHorizons: fold + 1,
                                                            partial: settings.partialWindows.trainsPartialWindows(series: series, lookback: settings.lookback,
                                                                                                     horizon: horizon, seasonLength: settings.seasonLength))
                guard !validation.isEmpty, !held.windows.isEmpty else { break }
                let result = NeuralForecaster.fit(windows: windows, candidates: held, validation: validation, epochs: settings.epochs,
                                                  stopEarly: true, seed: seed &+ UInt64(number) &+ UInt64(fold) &* 0x1_0000,
                                                  label: "trial \(number)/\(trials)", progress: nil, prune: fold == 0 ? prune : nil)
                folds.append(result)
                if result.pruned { break }
            }
            let pruned = folds.first?.pruned ?? false
            let foldWAPE = folds.map(\.bestWAPE)
            // An origin without demand in its validation horizon has no WAPE; the others still count.
            let scored = foldWAPE.filter(\.isFinite)
            let score = scored.isEmpty ? Double.infinity : scored.reduce(0, +) / Double(scored.count)
            let trial = TuningTrial(number: number, params: params, validationWAPE: round6(score), foldWAPE: foldWAPE.map(round6),
                                    curve: (folds.first?.curve ?? []).map(round6), pruned: pruned)
            done.append(trial)
            func percent(_ wape: Double) -> String { wape.isFinite ? String(format: "%.1f%%", wape * 100) : "n/a (no demand)" }
            let perFold = foldWAPE.count > 1 ? " (origins: " + foldWAPE.map(percent).joined(separator: ", ") + ")" : ""
            let elapsed = Date().timeIntervalSince(started)
            var remaining = elapsed / Double(number) * Double(max(1, trials) - number)
            if timeBudget > 0 { remaining = min(remaining, max(0, timeBudget - elapsed)) }
            progress?("trial \(number) of \(trials): \(params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) → validation WAPE \(percent(score))\(perFold)\(pruned ? " (pruned)" : "") (\(Int(elapsed)) s, ETA \(Int(remaining.rounded())) s)")
            if !pruned, score < bestScore {
                bestScore = score
                best = apply(params, to: base)
            }
        }
        return (best, done)
    }

    /// Settings with the trial's parameters applied.
    static func apply(_ params: [String: String], to base: NeuralSettings) -> NeuralSettings {
        var settings = base
        if let value = params["layers"].flatMap(Int.init) { settings.layers = value }
        if let value = params["hiddenUnits"].flatMap(Int.init) { settings.hiddenUnits = value }
        if let value = params["dropout"].flatMap(Double.init) { settings.dropout = value }
        if let value = params["learningRate"].flatMap(Double.init) { settings.learningRate = value }
        if let value = params["batchSize"].flatMap(Int.init) { settings.batchSize = value }
        if let value = params["lookback"].flatMap(Int.init) { settings.lookback = value }
        if let value = params["embeddingScale"].flatMap(Double.init) { settings.embeddingScale = value }
        if let value = params["loss"] { settings.loss = value }
        if let value = params["head"] { settings.head = value }
        return settings
    }

    static func uniform(_ space: Space, _ rng: inout SplitMix64) -> [String: String] {
        var params: [String: String] = [:]
        for parameter in space.parameters {
            if let choices = space.choices(parameter) {
                params[parameter.rawValue] = choices[rng.nextInt(below: choices.count)]
            } else {
                let range = space.range(parameter)
                params[parameter.rawValue] = render(parameter, range.low + Double(rng.nextUnitFloat()) * (range.high - range.low))
            }
        }
        return params
    }

    /// One TPE draw: per parameter, the candidate from the good-trial density with the best ratio.
    static func parzen(_ space: Space, _ trials: [TuningTrial], _ rng: inout SplitMix64) -> [String: String] {
        let sorted = trials.sorted { $0.objective < $1.objective }
        let goodCount = max(1, Int((Double(sorted.count) * 0.25).rounded(.up)))
        let good = Array(sorted.prefix(goodCount)), bad = Array(sorted.dropFirst(goodCount))
        var params: [String: String] = [:]
        for parameter in space.parameters {
            if let choices = space.choices(parameter) {
                func density(_ group: [TuningTrial], _ choice: String) -> Double {
                    (Double(group.filter { $0.params[parameter.rawValue] == choice }.count) + 1) / (Double(group.count) + Double(choices.count))
                }
                var bestChoice = choices[0], bestRatio = -Double.infinity
                for _ in 0..<candidatesPerDraw {
                    // Draw from the good density, then keep the candidate with the best ratio.
                    let target = Double(rng.nextUnitFloat())
                    var cumulative = 0.0
                    var drawn = choices[choices.count - 1]
                    for choice in choices {
                        cumulative += density(good, choice)
                        if target <= cumulative { drawn = choice; break }
                    }
                    let ratio = density(good, drawn) / density(bad, drawn)
                    if ratio > bestRatio { bestRatio = ratio; bestChoice = drawn }
                }
                params[parameter.rawValue] = bestChoice
            } else {
                let range = space.range(parameter)
                let width = max(1e-9, range.high - range.low)
                let goodValues = good.compactMap { value(space, parameter, $0.params[parameter.rawValue]) }
                let badValues = bad.compactMap { value(space, parameter, $0.params[parameter.rawValue]) }
                let bandwidth = width * max(0.1, 1 / Double(max(1, goodValues.count)).squareRoot() / 2)
                func density(_ values: [Double], _ x: Double) -> Double {
                    // Kernels around observed values plus a uniform prior so nothing has zero density.
                    let prior = 1 / width
                    let kernels = values.reduce(0) { $0 + exp(-0.5 * pow(($1 - x) / bandwidth, 2)) / (bandwidth * (2 * Double.pi).squareRoot()) }
                    return (kernels + prior) / Double(values.count + 1)
                }
                var bestX = range.low, bestRatio = -Double.infinity
                for _ in 0..<candidatesPerDraw {
                    // A truncated kernel draw: redrawn when it falls outside the range (clamping would pile
                    // candidates on the bounds, where the ratio then wins every time), uniform as a last resort.
                    var x = range.low + Double(rng.nextUnitFloat()) * width
                    if !goodValues.isEmpty {
                        let center = goodValues[rng.nextInt(below: goodValues.count)]
                        for _ in 0..<8 {
                            let draw = center + Double(rng.nextGaussian()) * bandwidth
                            if draw >= range.low && draw <= range.high { x = draw; break }
                        }
                    }
                    let ratio = density(goodValues, x) / density(badValues, x)
                    if ratio > bestRatio { bestRatio = ratio; bestX = x }
                }
                params[parameter.rawValue] = render(parameter, bestX)
            }
        }
        return params
    }

    /// The parameter's text from a value in search units.
    static func render(_ parameter: Parameter, _ x: Double) -> String {
        switch parameter {
        case .hiddenUnits: return String(max(4, Int((pow(10, x) / 4).rounded()) * 4))
        case .learningRate: return String(format: "%.5f", pow(10, x))
        case .dropout, .embeddingScale: return String(format: "%.3f", x)
        default: return String(x)
        }
    }

    /// A parameter's text back in search units.
    static func value(_ space: Space, _ parameter: Parameter, _ text: String?) -> Double? {
        guard let text, let number = Double(text) else { return nil }
        return space.range(parameter).log ? log10(number) : number
    }

    static func round6(_ value: Double) -> Double { value.isFinite ? (value * 1e6).rounded() / 1e6 : -1 }
}
