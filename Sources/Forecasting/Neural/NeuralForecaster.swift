import Foundation
import NeuralNet

/// Trains the global LSTM: one network for every SKU, fed scaled, padded windows and a SKU embedding.
///
/// Training windows are drawn per epoch from every position of every series (weighted toward
/// high-volume SKUs by `volumeWeight`); the last horizon of each series is held out, and training
/// stops when the WAPE on it stops improving. With `refit`, a fresh network is then trained for the
/// best number of epochs on all windows, the held-out one included, so the newest weeks are learned too.
public enum NeuralForecaster {
    /// Trains `settings.ensembleSize` networks on `series` (oldest first; `firstBuckets` gives each
    /// series' first bucket index) with seeds derived from `seed`. `covariates`, when given, are read at
    /// every timestep and, known for the future, through the horizon.
    /// `attributes` (brand, category …) get embedding tables of their own, multi-hot for multi-label values.
    ///
    /// With `knownEpochs` (one positive count per network, found by an earlier early-stopped fit on the
    /// same data, as `tune`'s) each network trains on all windows for its count straight away, and
    /// `knownVolumeFactor` stands for the volume correction: nothing is validated again.
    public static func train(series: [[Double]], firstBuckets: [Int], covariates: Covariates? = nil, attributes: SeriesAttributes? = nil,
                             horizon: Int, settings: NeuralSettings, seed: UInt64, refit: Bool = true,
                             knownEpochs: [Int]? = nil, knownVolumeFactor: Double = 1,
                             progress: (@Sendable (String) -> Void)? = nil) -> TrainedNeuralForecaster {
        let windows = NeuralWindows(series: series, firstBuckets: firstBuckets, settings: settings, horizon: horizon, covariates: covariates,
                                    attributes: attributes)
        if let note = windows.constantCovariatesNote { progress?(note) }
        let validation = windows.validationWindows
        let partial = settings.partialWindows.trainsPartialWindows(series: series, lookback: settings.lookback, horizon: horizon,
                                                                   seasonLength: settings.seasonLength)
        if partial && settings.partialWindows == .auto,
           let reason = AutoSwitch.partialWindowsReason(series: series, lookback: settings.lookback, horizon: horizon, seasonLength: settings.seasonLength) {
            progress?(reason)
        }
        if windows.seasonPosition && settings.seasonPosition == .auto {
            progress?("histories span \(AutoSwitch.seasonsForPosition(seasonLength: settings.seasonLength)) seasons or more: each timestep carries its position in the season beside last season's value")
        }
        if settings.head == "steps" {
            progress?(windows.runsThroughHorizon
                ? "stepwise head: each forecast step is read from the network's state at its own bucket, beside the state at the history's end"
                : "stepwise head asked for, but windows stop at the history's end (no series longer than a season, no covariates): each step is read from the final state")
        }
        precondition(knownEpochs == nil || usableEpochs(knownEpochs, settings: settings) != nil, "known epochs need one positive count per network")
        let held = trainingWindows(series: series, horizon: horizon, heldOutHorizons: 1, partial: partial)
        let all = trainingWindows(series: series, horizon: horizon, heldOutHorizons: 0, partial: partial)
        var members: [SequenceModel] = []
        var validationForecasts: [[[Double]]] = []
        var epochs: [Int] = []
        for member in 0..<max(1, settings.ensembleSize) {
            let memberSeed = seed &+ UInt64(member) &* 0x9E37_79B9_7F4A_7C15
            let label = settings.ensembleSize > 1 ? "network \(member + 1)/\(settings.ensembleSize) " : ""
            if refit, let knownEpochs {
                members.append(fit(windows: windows, candidates: all, validation: validation, epochs: knownEpochs[member], stopEarly: false,
                                   seed: memberSeed, label: label + "refit", progress: progress).model)
                epochs.append(knownEpochs[member])
                continue
            }
            var run = fit(windows: windows, candidates: held, validation: validation, epochs: settings.epochs, stopEarly: true,
                          seed: memberSeed, label: label + "fit", progress: progress)
            validationForecasts.append(predict(model: run.model, windows: windows, at: validation))
            epochs.append(run.bestEpoch)
            if refit, run.bestEpoch > 0 {
                run = fit(windows: windows, candidates: all, validation: validation, epochs: run.bestEpoch, stopEarly: false,
                          seed: memberSeed, label: label + "refit", progress: progress)
            }
            members.append(run.model)
        }
        var ensembleValidation = average(validationForecasts)
        var factor = knownEpochs == nil ? 1.0 : knownVolumeFactor
        if settings.volumeCorrection && knownEpochs == nil {
            let actual = validation.reduce(0.0) { sum, window in sum + windows.series[window.series][window.end..<(window.end + horizon)].reduce(0, +) }
            let forecast = ensembleValidation.reduce(0.0) { $0 + $1.reduce(0, +) }
            factor = forecast > 0 && actual > 0 ? min(2, max(0.5, actual / forecast)) : 1
            ensembleValidation = ensembleValidation.map { $0.map { $0 * factor } }
            progress?("volume correction: forecasts × \(String(format: "%.3f", factor)) (validation total / forecast total)")
        }
        return TrainedNeuralForecaster(models: members, windows: windows,
                                       validationWAPE: windows.wape(ensembleValidation, at: validation) ?? .infinity,
                                       validationForecasts: ensembleValidation, epochs: epochs, volumeFactor: factor)
    }

    /// `epochs` when they can stand for `train`'s early-stopped fits (`knownEpochs`): one positive count
    /// per network of `settings`; nil otherwise.
    public static func usableEpochs(_ epochs: [Int]?, settings: NeuralSettings) -> [Int]? {
        guard let epochs, epochs.count == max(1, settings.ensembleSize), epochs.allSatisfy({ $0 > 0 }) else { return nil }
        return epochs
    }

    /// The element-wise mean of several forecasts of the same windows.
    static func average(_ forecasts: [[[Double]]]) -> [[Double]] {
        guard let first = forecasts.first else { return [] }
        return first.indices.map { window in
            first[window].indices.map { step in forecasts.reduce(0) { $0 + $1[window][step] } / Double(forecasts.count) }
        }
    }

    /// Windows to train on, and the horizons held out after them: their targets stop before those.
    struct TrainingWindows {
        var windows: [(series: Int, end: Int)]
        var heldOutHorizons: Int
    }

    /// Every window whose targets lie inside the series before its last `heldOutHorizons` horizons; with
    /// `partial`, also those whose horizon runs past that point with at least its first target inside
    /// (the rest are masked: `NeuralWindows.appendTargets`).
    static func trainingWindows(series: [[Double]], horizon: Int, heldOutHorizons: Int, partial: Bool = false) -> TrainingWindows {
        var windows: [(series: Int, end: Int)] = []
        for (index, values) in series.enumerated() {
            let lastEnd = values.count - (partial ? 1 : horizon) - heldOutHorizons * horizon
            guard lastEnd >= 1 else { continue }
            for end in 1...lastEnd { windows.append((index, end)) }
        }
        return TrainingWindows(windows: windows, heldOutHorizons: heldOutHorizons)
    }

    struct FitResult {
        var model: SequenceModel
        var bestEpoch: Int
        var bestWAPE: Double
        /// Best validation WAPE so far after each epoch.
        var curve: [Double] = []
        var pruned = false
    }

    /// Embedding width `min(50, ceil(cardinality / 2)) × embeddingScale`, at least 2.
    static func embeddingWidth(cardinality: Int, scale: Double) -> Int {
        max(2, Int((Double(min(50, (cardinality + 1) / 2)) * scale).rounded()))
    }

    /// The network for these settings; `runsThroughHorizon` says whether windows carry the horizon's
    /// timesteps, which a stepwise head (`settings.head == "steps"`) reads.
    static func architecture(_ settings: NeuralSettings, horizon: Int, seriesCount: Int, featuresPerStep: Int,
                             attributeCardinalities: [Int] = [], runsThroughHorizon: Bool = false) -> ModelArchitecture {
        let width = embeddingWidth(cardinality: seriesCount, scale: settings.embeddingScale)
        let loss: LossFunction
        switch settings.loss {
        case "mse": loss = .meanSquared
        case "huber": loss = .huber(delta: 1)
        case "sum": loss = .meanSquaredWithTotal(weight: 1)
        case "quantile": loss = .pinball(quantiles: settings.quantiles)
        default: loss = settings.pointQuantile == 0.5 ? .meanAbsolute : .pinball(quantiles: [Float(settings.pointQuantile)])
        }
        return ModelArchitecture(
            numericFeatures: featuresPerStep,
            embeddings: [EmbeddingSpec(cardinality: seriesCount, dimension: width)] + attributeCardinalities.map {
                EmbeddingSpec(cardinality: max(1, $0), dimension: embeddingWidth(cardinality: $0, scale: settings.embeddingScale), combiner: .mean)
            },
            recurrentLayers: (0..<max(1, settings.layers)).map { _ in RecurrentLayerSpec(units: settings.hiddenUnits, dropout: Float(settings.dropout)) },
            denseLayers: [DenseLayerSpec(units: max(16, settings.hiddenUnits / 2), activation: .relu)],
            outputSteps: horizon, loss: loss, stepwiseHead: settings.head == "steps" && runsThroughHorizon)
    }

    /// Trains one network on windows drawn from `candidates` (targets stopping before their held-out
    /// horizons); with `stopEarly`, scores it on `validation` after every epoch and keeps the best
    /// epoch's weights, else trains for exactly `epochs` epochs.
    static func fit(windows: NeuralWindows, candidates: TrainingWindows, validation: [(series: Int, end: Int)],
                    epochs: Int, stopEarly: Bool, seed: UInt64, label: String, progress: (@Sendable (String) -> Void)?,
                    prune: ((_ epoch: Int, _ bestSoFar: Double) -> Bool)? = nil) -> FitResult {
        let settings = windows.settings
        let model = SequenceModel(architecture: architecture(settings, horizon: windows.horizon, seriesCount: windows.series.count,
                                                                featuresPerStep: windows.featuresPerStep,
                                                                attributeCardinalities: windows.attributes.labels.map(\.count),
                                                                runsThroughHorizon: windows.runsThroughHorizon),
                                  seed: seed, optimizer: AdamOptimizer(learningRate: Float(settings.learningRate)),
                                  threads: settings.threads, gradientClipNorm: 1)
        var rng = SplitMix64(seed: seed ^ 0x5EED_F00D)
        let sampler = WindowSampler(candidates: candidates.windows, scales: windows.scales, exponent: settings.volumeWeight)
        var best = FitResult(model: model, bestEpoch: 0, bestWAPE: .infinity)
        var bestWeights = model.snapshot()
        var stale = 0
        let started = Date()
        for epoch in 1...max(1, epochs) {
            guard !candidates.windows.isEmpty else { break }
            var loss = 0.0, batches = 0
            var drawn = 0
            while drawn < settings.windowsPerEpoch {
                let size = min(settings.batchSize, settings.windowsPerEpoch - drawn)
                let picks = (0..<size).map { _ in sampler.draw(&rng) }
                let (inputs, targets) = windows.batch(picks, withTargets: true, heldOutHorizons: candidates.heldOutHorizons)
                loss += Double(model.fit(inputs, targets: targets!))
                batches += 1
                drawn += size
            }
            let elapsed = Date().timeIntervalSince(started)
            let eta = elapsed / Double(epoch) * Double(max(0, epochs - epoch))
            let lossText = "\(label) epoch \(epoch)/\(epochs): loss \(String(format: "%.4f", loss / Double(max(1, batches))))"
            guard stopEarly else {
                // A fixed number of epochs, the validation windows among the training ones: nothing to score.
                progress?("\(lossText) (\(Int(elapsed)) s, ETA \(Int(eta)) s)")
                best.bestEpoch = epoch
                continue
            }
            let wape = validationWAPE(model: model, windows: windows, validation: validation)
            progress?("\(lossText), validation WAPE \(String(format: "%.1f", wape * 100))% (\(Int(elapsed)) s, ETA \(Int(eta)) s)")
            if wape < best.bestWAPE {
                best.bestWAPE = min(best.bestWAPE, wape)
                best.bestEpoch = epoch
                bestWeights = model.snapshot()
                stale = 0
            } else {
                stale += 1
            }
            best.curve.append(best.bestWAPE)
            if let prune, prune(epoch, best.bestWAPE) {
                best.pruned = true
                progress?("\(label) pruned after epoch \(epoch): worse than the median trial")
                break
            }
            if stale >= settings.patience { break }
        }
        if stopEarly { model.restore(bestWeights) }
        best.model = model
        return best
    }

    /// WAPE of the model's forecasts for the held-out windows, on the original scale.
    static func validationWAPE(model: SequenceModel, windows: NeuralWindows, validation: [(series: Int, end: Int)]) -> Double {
        guard !validation.isEmpty else { return .infinity }
        return windows.wape(predict(model: model, windows: windows, at: validation), at: validation) ?? .infinity
    }

    /// Every model's outputs for the windows on the original scale, `[model][window][step][output]`
    /// (one output per step for a point loss, one per quantile for the pinball loss), non-negative.
    /// Inputs are built once per batch of 256 windows for all models; `alter` may change them first (the
    /// covariates' effect follows the altered inputs).
    static func outputs(models: [SequenceModel], windows: NeuralWindows, at positions: [(series: Int, end: Int)],
                        alter: ((inout SequenceBatch, Range<Int>) -> Void)? = nil) -> [[[[Double]]]] {
        var result = [[[[Double]]]](repeating: [], count: models.count)
        var start = 0
        while start < positions.count {
            let chunk = Array(positions[start..<min(positions.count, start + 256)])
            var batch = windows.batch(chunk, withTargets: false).inputs
            alter?(&batch, start..<(start + chunk.count))
            for (index, model) in models.enumerated() {
                let output = model.predict(batch)
                let perStep = model.architecture.loss.outputsPerStep
                let rowWidth = windows.timeSteps * windows.featuresPerStep
                for (row, window) in chunk.enumerated() {
                    let scale = windows.scale(series: window.series, end: window.end)
                    let inputs = batch.numeric.storage[(row * rowWidth)..<((row + 1) * rowWidth)]
                    result[index].append((0..<windows.horizon).map { step in
                        (0..<perStep).map {
                            windows.forecast(output[row, step * perStep + $0], series: window.series, end: window.end, step: step, scale: scale,
                                             inputs: inputs)
                        }
                    })
                }
            }
            start += chunk.count
        }
        return result
    }

    /// The ensemble's point forecasts: each model's middle output per step (the median when quantiles
    /// are trained), averaged over the models.
    static func pointForecasts(models: [SequenceModel], windows: NeuralWindows, at positions: [(series: Int, end: Int)],
                               alter: ((inout SequenceBatch, Range<Int>) -> Void)? = nil) -> [[Double]] {
        average(outputs(models: models, windows: windows, at: positions, alter: alter).map { model in
            model.map { window in window.map { $0[$0.count / 2] } }
        })
    }

    /// Point forecasts (original scale, non-negative) of one model.
    static func predict(model: SequenceModel, windows: NeuralWindows, at positions: [(series: Int, end: Int)]) -> [[Double]] {
        pointForecasts(models: [model], windows: windows, at: positions)
    }
}

/// Draws training windows so each series' share follows `scale^exponent`, uniformly within a series.
struct WindowSampler {
    private let candidates: [(series: Int, end: Int)]
    private let cumulative: [Double]

    init(candidates: [(series: Int, end: Int)], scales: [Double], exponent: Double) {
        self.candidates = candidates
        var perSeries: [Int: Int] = [:]
        for window in candidates { perSeries[window.series, default: 0] += 1 }
        var running = 0.0
        cumulative = candidates.map { window in
            running += pow(scales[window.series], exponent) / Double(perSeries[window.series] ?? 1)
            return running
        }
    }

    func draw(_ rng: inout SplitMix64) -> (series: Int, end: Int) {
        let target = Double(rng.nextUnitFloat()) * (cumulative.last ?? 0)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return candidates[low]
    }
}
