import Forecasting
import Formats

/// `tune`: rolling-origin cross-validation of the candidate models; picks one per SKU (or one for all).
public struct TuneState: PipelineState {
    public let name = StateName.tune
    public init() {}

    /// Series cross-validated between checks for cancellation and progress lines.
    static let seriesPerChunk = 1_000

    public func run(_ context: StateContext) throws {
        let settings = context.config.model
        let (series, grid) = try SeriesFile.read(folder: context.folder(.clean))
        var candidates = settings.candidates.compactMap(BaselineModel.init(rawValue:))
        if candidates.isEmpty { candidates = [.naive] }  // the LSTM alone still needs a baseline to compare with
        var totals = [Double](repeating: 0, count: candidates.count)
        var counted = [Int](repeating: 0, count: candidates.count)
        var perSeries: [(String, [Double])] = []
        // Series are cross-validated a chunk at a time on two threads; the totals are summed in series order.
        var progress = CrossValidationProgress(total: series.count)
        for start in stride(from: 0, to: series.count, by: Self.seriesPerChunk) {
            try context.checkpoint()
            let chunk = series[start..<min(series.count, start + Self.seriesPerChunk)]
            let scored = ParallelMap.map(chunk.count) { offset in
                ModelSelection.crossValidate(series: chunk[start + offset].values, candidates: candidates, horizon: settings.horizon,
                                             origins: settings.cvOrigins, seasonLength: settings.seasonLength)
            }
            for (offset, scores) in scored.enumerated() {
                for (candidate, score) in scores.enumerated() where score.isFinite {
                    totals[candidate] += score
                    counted[candidate] += 1
                }
                perSeries.append((chunk[start + offset].sku, scores))
            }
            if series.count > Self.seriesPerChunk, let line = progress.report(done: start + chunk.count) { context.log.info(line) }
        }
        let means = zip(totals, counted).map { $1 > 0 ? $0 / Double($1) : .infinity }
        let scores = perSeries.map(\.1)
        let overall = ModelSelection.overallBest(scores: scores, candidates: candidates)
        let picks = ModelSelection.choose(scores: scores, candidates: candidates, global: settings.selection != "perSeries")
        var choices: [String: String] = [:]
        var chosen: [String: Int] = [:]
        for ((sku, _), pick) in zip(perSeries, picks) {
            choices[sku] = pick.rawValue
            chosen[pick.rawValue, default: 0] += 1
        }
        var study = Study(selection: settings.selection, horizon: settings.horizon, origins: settings.cvOrigins,
                          meanAbsoluteError: Dictionary(uniqueKeysWithValues: zip(candidates.map(\.rawValue), means.map { $0.isFinite ? ($0 * 1e6).rounded() / 1e6 : -1 })),
                          chosenCount: chosen, choices: choices)
        if settings.candidates.contains("lstm") {
            context.log.info("validating the global LSTM against the baselines on each SKU's last \(settings.horizon) buckets")
            let (neural, segments) = try NeuralStudy.run(series: series, grid: grid, choices: choices, context: context)
            study.neural = neural
            study.segments = segments
            let rules = NeuralStudy.rulesWithScores(rules: neural.rules, segmentWAPE: neural.segmentWAPE, tooLittle: neural.tooLittle)
            context.log.info("validation: \(NeuralStudy.scores(wape: neural.wape, volumeError: neural.volumeError)); rule per segment: \(rules)")
        }
        try FileSystem.writeAtomically(JSONFile.encode(study), to: context.output("study.json"))
        let summary = chosen.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        context.log.info("best overall: \(overall.rawValue); chosen per SKU: \(summary)")
    }
}
