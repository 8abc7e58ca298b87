import NeuralNet

/// What the global LSTM's forecasts depend on, by input group: the SKU's own history (quantities,
/// observed-mask and, when fed, their statistics), the season (last year's same weeks — the seasonal
/// lag — or, for short histories, the position in the year), the SKU embedding, the covariates (price,
/// promotions, other regressors) and the attribute embeddings (brand, category …) when there are any.
public enum InputGroup: String, Sendable, Codable, CaseIterable {
    case history, season, sku, covariates, attributes
}

extension TrainedNeuralForecaster {
    /// Permutation importance on the validation windows: how much the ensemble's WAPE rises when one
    /// group's inputs are shuffled across windows (seeded), relative to the unshuffled WAPE.
    public func permutationImportance(seed: UInt64) -> [InputGroup: Double] {
        let validation = windows.validationWindows
        guard !validation.isEmpty else { return [:] }
        let baseline = wape(forecasts: predictAll(at: validation, alter: nil), at: validation)
        var result: [InputGroup: Double] = [:]
        for group in groups {
            var rng = SplitMix64(seed: seed &+ UInt64(InputGroup.allCases.firstIndex(of: group) ?? 0) &* 0x9E37_79B9)
            var order = Array(validation.indices)
            rng.shuffle(&order)
            let shuffled = predictAll(at: validation) { batch, rows in
                self.permute(group, in: &batch, rows: rows, order: order)
            }
            let score = wape(forecasts: shuffled, at: validation)
            result[group] = baseline > 0 ? ((score - baseline) / baseline * 1e4).rounded() / 1e4 : 0
        }
        return result
    }

    /// Occlusion drivers per series: the relative change of the forecast horizon's total when one
    /// group is blanked (history and season zeroed, embedding set to unknown), largest first.
    public func drivers() -> [[(group: InputGroup, effect: Double)]] {
        let positions = windows.series.indices.map { ($0, windows.series[$0].count) }
        let base = predictAll(at: positions, alter: nil).map { $0.reduce(0, +) }
        var effects = [[(group: InputGroup, effect: Double)]](repeating: [], count: positions.count)
        for group in groups {
            let occluded = predictAll(at: positions) { batch, _ in self.blank(group, in: &batch) }
            for (index, forecast) in occluded.enumerated() {
                let total = forecast.reduce(0, +)
                let effect = base[index] > 1e-9 ? (base[index] - total) / base[index] : 0
                effects[index].append((group, (effect * 1e4).rounded() / 1e4))
            }
        }
        return effects.map { $0.sorted { abs($0.effect) > abs($1.effect) || (abs($0.effect) == abs($1.effect) && $0.group.rawValue < $1.group.rawValue) } }
    }

    /// The input groups this network has (covariates only when it was trained with some).
    var groups: [InputGroup] {
        InputGroup.allCases.filter {
            ($0 != .covariates || !windows.covariateNames.isEmpty) && ($0 != .attributes || !windows.attributes.labels.isEmpty)
        }
    }

    /// Ensemble forecasts with an optional change to each batch's inputs.
    func predictAll(at positions: [(series: Int, end: Int)], alter: ((inout SequenceBatch, Range<Int>) -> Void)?) -> [[Double]] {
        NeuralForecaster.pointForecasts(models: models, windows: windows, at: positions, alter: alter)
    }

    private func wape(forecasts: [[Double]], at positions: [(series: Int, end: Int)]) -> Double {
        windows.wape(forecasts, at: positions) ?? 0
    }

    /// Columns of each timestep that belong to a group (the embedding is handled separately).
    func columns(of group: InputGroup) -> [Int] {
        let columns = windows.columns
        switch group {
        case .history: return Array(columns.history) + Array(columns.statistics ?? 0..<0)
        case .season: return Array(columns.position ?? 0..<0) + Array(columns.lag ?? 0..<0) + Array(columns.pooled ?? 0..<0)
        case .sku, .attributes: return []
        case .covariates: return Array(columns.covariates)
        }
    }

    func blank(_ group: InputGroup, in batch: inout SequenceBatch) {
        let features = batch.numeric.shape[2]
        if group == .sku || group == .attributes {
            // The SKU embedding is input 0, attributes follow: blanked inputs read the unknown row.
            let unknown = CategoryIndices(singleLabel: [Int](repeating: 0, count: batch.batchSize))
            for input in batch.categorical.indices where (input == 0) == (group == .sku) { batch.categorical[input] = unknown }
            return
        }
        var storage = batch.numeric.storage
        for offset in stride(from: 0, to: storage.count, by: features) {
            for column in columns(of: group) { storage[offset + column] = 0 }
        }
        batch.numeric = Tensor(shape: [batch.batchSize, batch.timeSteps, features], storage: storage)
    }

    /// Replaces a group's inputs of each window in the batch with those of another validation window.
    func permute(_ group: InputGroup, in batch: inout SequenceBatch, rows: Range<Int>, order: [Int]) {
        // Rows are permuted within the batch: the window at batch row r takes row order[r] mod batch size.
        let size = batch.batchSize
        let source = (0..<size).map { order[(rows.lowerBound + $0) % order.count] % size }
        if group == .sku || group == .attributes {
            for input in batch.categorical.indices where (input == 0) == (group == .sku) {
                batch.categorical[input] = batch.categorical[input].gathering(source)
            }
            return
        }
        let features = batch.numeric.shape[2]
        let stride = batch.timeSteps * features
        let original = batch.numeric.storage
        var storage = original
        for row in 0..<size {
            for t in 0..<batch.timeSteps {
                for column in columns(of: group) {
                    storage[row * stride + t * features + column] = original[source[row] * stride + t * features + column]
                }
            }
        }
        batch.numeric = Tensor(shape: [size, batch.timeSteps, features], storage: storage)
    }
}
