/// Hyperparameters of the global LSTM forecaster (one model for every SKU).
public struct NeuralSettings: Sendable, Equatable, Encodable {
    /// Buckets of history the network reads (shorter histories are padded and masked); set from `model.lookback`.
    public var lookback = 52
    /// Buckets in a season; set from `model.seasonLength`.
    public var seasonLength = 52
    /// Feed each timestep, through the horizon, the quantity one season earlier (last year's same week),
    /// when some series is longer than a season.
    public var seasonalLag = true
    /// With the seasonal lag, also feed each timestep how all SKUs together sold one season earlier,
    /// relative to their level over the horizon before the window's end one season earlier
    /// (`PooledSeason`): last year's rise and fall, with the noise of any one SKU averaged out. Off by
    /// default: it helped on Dominick's but not on the Online Retail panel (README).
    public var pooledSeason = false
    /// Feed each history timestep statistics of the quantities up to it (rolling means and deviations
    /// over 4 and 13 buckets, the series' age, the current run of zeros and the share of non-zero
    /// buckets): what the network would otherwise have to derive from the raw quantities.
    public var historyStatistics = false
    /// Whether to also train on the windows whose horizon runs past the training data (the most recent
    /// ones), with the targets not yet observed left out of the loss: `auto` (the default) does so when
    /// histories are short (`AutoSwitch.trainsPartialWindows`).
    public var partialWindows = AutoSwitch.auto
    /// With last season's values (`seasonalLag`): also the bucket's position in the season (sin, cos);
    /// `auto` when the median history spans three seasons or more, two for monthly seasons (`AutoSwitch.feedsSeasonPosition`).
    public var seasonPosition = AutoSwitch.auto
    /// Where the head reads the forecast: `final`, every step from the LSTM's state after the last
    /// timestep; `steps`, each step from the state at its own timestep beside the state at the end of
    /// the history (when windows run through the horizon: with a seasonal lag or covariates), so a
    /// step's last-season value and known-future inputs reach its output directly.
    public var head = "final"
    /// LSTM layers (1–3) and units per layer.
    public var layers = 1
    public var hiddenUnits = 64
    /// Dropout after each LSTM layer during training.
    public var dropout = 0.1
    public var learningRate = 0.003
    public var batchSize = 64
    /// Upper bound on epochs; early stopping on the validation split usually ends sooner.
    public var epochs = 12
    /// Training windows drawn per epoch (with replacement, more often from high-volume SKUs).
    public var windowsPerEpoch = 8_000
    /// Epochs without validation improvement before stopping.
    public var patience = 3
    /// Embedding width = `min(50, ceil(cardinality / 2)) × embeddingScale` (at least 2).
    public var embeddingScale = 0.3
    /// `mae`, `mse`, `huber` (per step), `sum` (horizon total plus per-step error) or `quantile` (pinball).
    public var loss = "mae"
    /// With `loss = mae`: the quantile the point forecast aims at (0.5, the median, is the mean absolute
    /// error; above it trades point accuracy for total volume on skewed demand).
    public var pointQuantile = 0.5
    /// Window sampling weight ∝ scale^volumeWeight: 0 treats SKUs alike, 1 follows volume (as WAPE does).
    public var volumeWeight = 0.5
    /// Model log1p of the scaled quantity instead of the quantity.
    public var log1p = false
    /// `window`: each window is divided by the mean of its own inputs (adapts to level shifts);
    /// `robust`: by the median of its non-zero inputs (a bulk order does not shrink the rest);
    /// `series`: by the series' overall mean.
    public var scaling = "window"
    /// Networks trained with different seeds whose forecasts are averaged (variance reduction).
    public var ensembleSize = 5
    /// Tuning trials before training (1 = no search: use these settings as given).
    public var trials = 1
    /// Each tuning trial's budget: at most this many epochs of `trialWindowsPerEpoch` windows (a trial
    /// ranks settings; the final fit then uses `epochs` and `windowsPerEpoch`).
    public var trialEpochs = 6
    /// Rolling origins each trial is scored on: fold k validates on the horizon that ends k horizons
    /// before the series' end, after training only on what precedes it; the trial's score is the
    /// mean of its folds' WAPEs.
    public var trialFolds = 2
    public var trialWindowsPerEpoch = 4_000
    /// Wall-time cap of the search in seconds (0 = none); with a cap the number of trials, and so the
    /// study, can depend on the machine's speed.
    public var tuneSeconds = 0.0
    /// The search's ranges: hidden units (low, high; log scale), LSTM layers (low, high) and lookbacks to try.
    public var searchHiddenUnits = [32, 256]
    public var searchLayers = [1, 3]
    public var searchLookbacks = [13, 26, 52]
    /// Threads for the GEMM kernels (results are identical for 1 or 2).
    public var threads = 1
    /// Scale the network's forecasts by Σ actual / Σ forecast on the validation windows (clamped to
    /// 0.5–2): a median-seeking loss (mae) under-forecasts the total of skewed demand.
    public var volumeCorrection = false
    /// With covariates: fit their log-linear effect per series (shrunk toward the pooled effect) and let
    /// the network forecast the demand with that effect divided out (`CovariateEffects`).
    public var covariateEffects = true

    /// Creates the defaults.
    public init() {}

    /// The keys written to configs and manifests (`lookback` comes from `model.lookback`).
    enum CodingKeys: String, CodingKey {
        case layers, hiddenUnits, dropout, learningRate, batchSize, epochs, windowsPerEpoch, patience, embeddingScale, loss,
             volumeWeight, log1p, scaling, ensembleSize, trials, trialEpochs, trialFolds, trialWindowsPerEpoch, tuneSeconds, searchHiddenUnits, searchLayers, searchLookbacks, threads, covariateEffects, volumeCorrection, seasonalLag, pooledSeason, historyStatistics, partialWindows, seasonPosition, pointQuantile, head
    }

    /// The interval levels whose bounds a `quantile` network predicts directly; set from `intervals.levels`.
    public var intervalLevels: [Double] = [0.8, 0.95]

    /// The quantiles trained with `loss = quantile`: the median (the point forecast, in the middle) and
    /// each interval level's lower and upper bound, ascending.
    public var quantiles: [Float] {
        let bounds = intervalLevels.flatMap { [Float((1 - $0) / 2), Float((1 + $0) / 2)] }
        return Array(Set([0.5] + bounds)).sorted()
    }
}

extension NeuralSettings: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let keys = ["layers", "hiddenUnits", "dropout", "learningRate", "batchSize", "epochs", "windowsPerEpoch",
                               "patience", "embeddingScale", "loss", "volumeWeight", "log1p", "scaling", "ensembleSize", "trials", "trialEpochs", "trialFolds", "trialWindowsPerEpoch", "tuneSeconds", "searchHiddenUnits", "searchLayers", "searchLookbacks", "threads", "covariateEffects", "volumeCorrection", "seasonalLag", "pooledSeason", "historyStatistics", "partialWindows", "seasonPosition", "pointQuantile", "head"]

    /// Decodes settings, keeping defaults for absent keys; unknown keys and out-of-range values are errors naming the key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where !Self.keys.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key],
                                                    debugDescription: "unknown key '\(key.stringValue)'; expected one of: \(Self.keys.sorted().joined(separator: ", "))"))
        }
        self.init()
        func value<T: Decodable>(_ name: String, _ current: T) throws -> T { try container.decodeIfPresent(T.self, forKey: Key(name)) ?? current }
        func check(_ ok: Bool, _ name: String, _ message: String) throws {
            if !ok { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [Key(name)], debugDescription: message)) }
        }
        layers = try value("layers", layers)
        try check((1...3).contains(layers), "layers", "expected 1, 2 or 3 LSTM layers")
        hiddenUnits = try value("hiddenUnits", hiddenUnits)
        try check((4...512).contains(hiddenUnits), "hiddenUnits", "expected 4–512 units")
        dropout = try value("dropout", dropout)
        try check(dropout >= 0 && dropout < 1, "dropout", "expected a rate in [0, 1)")
        learningRate = try value("learningRate", learningRate)
        try check(learningRate > 0 && learningRate < 1, "learningRate", "expected a positive rate below 1, e.g. 0.003")
        batchSize = try value("batchSize", batchSize)
        try check(batchSize >= 1, "batchSize", "expected at least 1")
        epochs = try value("epochs", epochs)
        try check(epochs >= 1, "epochs", "expected at least 1")
        windowsPerEpoch = try value("windowsPerEpoch", windowsPerEpoch)
        try check(windowsPerEpoch >= 1, "windowsPerEpoch", "expected at least 1")
        patience = try value("patience", patience)
        embeddingScale = try value("embeddingScale", embeddingScale)
        try check(embeddingScale > 0, "embeddingScale", "expected a positive factor")
        loss = try value("loss", loss)
        try check(["mae", "mse", "huber", "sum", "quantile"].contains(loss), "loss", "expected mae, mse, huber, sum or quantile")
        volumeWeight = try value("volumeWeight", volumeWeight)
        log1p = try value("log1p", log1p)
        scaling = try value("scaling", scaling)
        try check(["window", "robust", "series"].contains(scaling), "scaling", "expected window, robust or series")
        ensembleSize = try value("ensembleSize", ensembleSize)
        try check((1...10).contains(ensembleSize), "ensembleSize", "expected 1–10 networks")
        trials = try value("trials", trials)
        try check(trials >= 1, "trials", "expected at least 1 trial")
        trialEpochs = try value("trialEpochs", trialEpochs)
        try check(trialEpochs >= 1, "trialEpochs", "expected at least 1")
        trialFolds = try value("trialFolds", trialFolds)
        try check(trialFolds >= 1, "trialFolds", "expected at least 1 rolling origin")
        trialWindowsPerEpoch = try value("trialWindowsPerEpoch", trialWindowsPerEpoch)
        try check(trialWindowsPerEpoch >= 1, "trialWindowsPerEpoch", "expected at least 1")
        tuneSeconds = try value("tuneSeconds", tuneSeconds)
        try check(tuneSeconds >= 0, "tuneSeconds", "expected 0 (no cap) or more seconds")
        searchHiddenUnits = try value("searchHiddenUnits", searchHiddenUnits)
        try check(searchHiddenUnits.count == 2 && searchHiddenUnits[0] >= 4 && searchHiddenUnits[0] <= searchHiddenUnits[1] && searchHiddenUnits[1] <= 512,
                  "searchHiddenUnits", "expected [low, high] within 4–512, e.g. [32, 256]")
        searchLayers = try value("searchLayers", searchLayers)
        try check(searchLayers.count == 2 && searchLayers[0] >= 1 && searchLayers[0] <= searchLayers[1] && searchLayers[1] <= 3,
                  "searchLayers", "expected [low, high] within 1–3")
        searchLookbacks = try value("searchLookbacks", searchLookbacks)
        try check(!searchLookbacks.isEmpty && searchLookbacks.allSatisfy { $0 >= 2 }, "searchLookbacks", "expected lookbacks of at least 2 buckets")
        covariateEffects = try value("covariateEffects", covariateEffects)
        volumeCorrection = try value("volumeCorrection", volumeCorrection)
        seasonalLag = try value("seasonalLag", seasonalLag)
        pooledSeason = try value("pooledSeason", pooledSeason)
        historyStatistics = try value("historyStatistics", historyStatistics)
        partialWindows = try value("partialWindows", partialWindows)
        seasonPosition = try value("seasonPosition", seasonPosition)
        pointQuantile = try value("pointQuantile", pointQuantile)
        try check(pointQuantile > 0 && pointQuantile < 1, "pointQuantile", "expected a quantile strictly between 0 and 1, e.g. 0.6")
        head = try value("head", head)
        try check(["final", "steps"].contains(head), "head", "expected final or steps")
        threads = try value("threads", threads)
        try check((1...2).contains(threads), "threads", "expected 1 or 2")
    }
}

/// A setting that is on, off, or decided from the data (`"auto"`), such as `partialWindows`.
public enum AutoSwitch: Sendable, Equatable, Codable {
    case auto
    case on
    case off

    /// Decodes `true`, `false` or `"auto"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = flag ? .on : .off
        } else if (try? container.decode(String.self)) == "auto" {
            self = .auto
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected true, false or \"auto\""))
        }
    }

    /// Encodes as the config spells it: `true`, `false` or `"auto"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .auto: try container.encode("auto")
        case .on: try container.encode(true)
        case .off: try container.encode(false)
        }
    }

    /// `on` and `off` as set; `auto` as `automatic` says.
    public func holds(whenAuto automatic: @autoclosure () -> Bool) -> Bool {
        switch self {
        case .on: return true
        case .off: return false
        case .auto: return automatic()
        }
    }

    /// `partialWindows`: whether these series train on partial windows, for a network reading `lookback`
    /// buckets and forecasting `horizon`. Under `auto` when histories are short: the median series is
    /// shorter than the lookback plus two horizons (the held-out validation horizon and one window's own),
    /// so complete windows would end so early that the network rarely sees a window with as much history
    /// as the ones it forecasts from; or when demand shifted level just before the validation weeks
    /// (`LevelShift`), so that no complete window ends the way the ones it forecasts from do.
    public func trainsPartialWindows(series: [[Double]], lookback: Int, horizon: Int, seasonLength: Int) -> Bool {
        holds(whenAuto: Self.partialWindowsReason(series: series, lookback: lookback, horizon: horizon, seasonLength: seasonLength) != nil)
    }

    /// Why `auto` trains these series on partial windows, as the log says it, or nil when it does not.
    public static func partialWindowsReason(series: [[Double]], lookback: Int, horizon: Int, seasonLength: Int) -> String? {
        if let median = HistoryLength.median(series.map(\.count)), median < lookback + 2 * horizon {
            return "histories are short (median under lookback + 2 horizons): also training on the most recent windows, their unseen steps left out"
        }
        if let ratio = LevelShift.ratio(series: series, horizon: horizon, seasonLength: seasonLength), LevelShift.isShift(ratio) {
            return "demand shifted before the validation buckets (against the same buckets a season earlier, the last \(horizon) ran at "
                + "\(Int((ratio * 100).rounded())) % of the pace of the \(horizon) before them): also training on the most recent windows, "
                + "their unseen steps left out"
        }
        return nil
    }

    /// `seasonPosition`: whether windows that carry last season's values also carry the bucket's position
    /// in the season (sin, cos). Under `auto` when the median series spans at least
    /// `seasonsForPosition(seasonLength:)` seasons: with one or two earlier years of weeks the position
    /// only lets the network memorise those years' particular weeks; with three or more, the calendar
    /// pattern they share is worth learning — and a season of twelve months or fewer shows its
    /// pattern from two.
    public func feedsSeasonPosition(seriesLengths: [Int], seasonLength: Int) -> Bool {
        holds(whenAuto: HistoryLength.median(seriesLengths).map { $0 >= Self.seasonsForPosition(seasonLength: seasonLength) * seasonLength } ?? false)
    }

    /// The seasons of history from which `auto` feeds the seasonal position beside last season's values:
    /// two for a season of at most 12 buckets (months), three for longer ones (52 weeks).
    public static func seasonsForPosition(seasonLength: Int) -> Int { seasonLength <= 12 ? 2 : 3 }
}
