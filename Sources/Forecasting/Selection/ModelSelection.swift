/// Rolling-origin cross-validation of baseline models on one series.
public enum ModelSelection {
    /// Mean absolute error of each candidate over `origins` forecast origins, one horizon apart,
    /// ending at the end of the series (the newest origin is `count - horizon`).
    ///
    /// Origins that leave fewer than 4 buckets to fit on are skipped; a candidate with no usable
    /// origin scores `.infinity`. When some origins leave a seasonal candidate less history than it
    /// needs (`seasonalHistory`), only the others are scored, if there are any: there it would fall back
    /// to a non-seasonal forecast, and every candidate is judged on the same origins. The longest need
    /// some origin meets decides (Holt-Winters' season and three buckets, else seasonal naive's season);
    /// a candidate whose need no origin meets is scored as what it falls back to.
    public static func crossValidate(series: [Double], candidates: [BaselineModel], horizon: Int, origins: Int,
                                     seasonLength: Int) -> [Double] {
        var errors = [Double](repeating: 0, count: candidates.count)
        var points = 0
        guard horizon > 0 else { return errors.map { _ in .infinity } }
        let usable = (1...max(1, origins)).map { series.count - $0 * horizon }.filter { $0 >= 4 }
        let needed = candidates.map { $0.seasonalHistory(seasonLength: seasonLength) }
            .filter { need in usable.contains { $0 >= need } }.max() ?? 0
        for origin in usable where origin >= needed {
            let history = Array(series[..<origin])
            let actual = series[origin..<(origin + horizon)]
            for (index, candidate) in candidates.enumerated() {
                let forecast = candidate.fit(history: history, seasonLength: seasonLength).forecast(horizon: horizon)
                for (step, value) in actual.enumerated() { errors[index] += abs(value - forecast[step]) }
            }
            points += horizon
        }
        guard points > 0 else { return errors.map { _ in .infinity } }
        return errors.map { $0 / Double(points) }
    }

    /// The candidate with the lowest total error over every series that could be scored, or
    /// `fallback(candidates)` when none could.
    public static func overallBest(scores: [[Double]], candidates: [BaselineModel]) -> BaselineModel {
        guard !candidates.isEmpty else { return .naive }
        var totals = [Double](repeating: 0, count: candidates.count)
        var scored = false
        for series in scores where series.contains(where: \.isFinite) {
            scored = true
            for (index, score) in series.enumerated() where score.isFinite { totals[index] += score }
        }
        return scored ? candidates[totals.indices.min { totals[$0] < totals[$1] } ?? 0] : fallback(candidates)
    }

    /// The model for each series from its cross-validation scores: its own best (`global: false`),
    /// or for every series the overall best (`overallBest`). A series too short for any origin gets
    /// the overall best too.
    public static func choose(scores: [[Double]], candidates: [BaselineModel], global: Bool) -> [BaselineModel] {
        guard !candidates.isEmpty else { return scores.map { _ in .naive } }
        let overall = overallBest(scores: scores, candidates: candidates)
        if global { return scores.map { _ in overall } }
        return scores.map { series in
            guard let best = series.indices.min(by: { series[$0] < series[$1] }), series[best].isFinite else { return overall }
            return candidates[best]
        }
    }

    /// The baseline when no series is long enough to cross-validate: simple exponential smoothing when it
    /// is a candidate (a smoothed level, steadier than the last value on noisy demand), else the first.
    public static func fallback(_ candidates: [BaselineModel]) -> BaselineModel {
        candidates.contains(.simpleExponentialSmoothing) ? .simpleExponentialSmoothing : candidates.first ?? .naive
    }
}
