/// How far each bucket's prices, promotions and regressors move a series' demand from its usual
/// bucket, as a factor: 1 for an ordinary week, 1.8 for a feature ad that nearly doubles sales.
///
/// Errors in promoted weeks are larger than in plain ones by more than the lift in demand (a promotion's
/// response varies from one to the next), so intervals calibrated on all buckets alike cover plain weeks
/// and miss promoted ones: on the Food-Demand-shaped file 80 % of plain weeks and 33 % of promoted ones.
/// The factors are the log-linear covariate effects the network divides out (`CovariateEffects`), fitted
/// on the history, divided by the series' median factor over its history.
public enum CovariateLift {
    /// `factors[series][bucket]` over every bucket `covariates` has (history and any known future);
    /// `histories[series]` is the demand the effects are fitted on, the covariates' first buckets.
    /// Empty arrays when there are no covariates.
    public static func factors(histories: [[Double]], covariates: Covariates) -> [[Double]] {
        guard !covariates.isEmpty else { return histories.map { _ in [] } }
        let counts = histories.map(\.count)
        let normalized = NeuralWindows.normalize(covariates, historyCounts: counts)
        let effects = CovariateEffects.fit(series: histories, covariates: normalized)
        return histories.indices.map { index in
            let inputs = normalized[index]
            let buckets = inputs.first?.count ?? 0
            let raw = (0..<buckets).map { bucket in effects.factor(series: index, covariates: inputs.map { $0[bucket] }) }
            let usual = Median.of(Array(raw.prefix(counts[index])))
            guard usual.isFinite, usual > 0 else { return raw.map { _ in 1 } }
            return raw.map { ($0 / usual * 1e6).rounded() / 1e6 }
        }
    }

    /// The lift of `series` at `bucket`, 1 where there are no covariates or no such bucket.
    public static func lift(_ lifts: [[Double]]?, series: Int, bucket: Int) -> Double {
        guard let lifts, lifts.indices.contains(series), lifts[series].indices.contains(bucket) else { return 1 }
        return lifts[series][bucket]
    }

    /// How far a bucket's covariates must move demand, as a factor up or down, to set it apart.
    public static let threshold = 1.2

    /// Whether a bucket's lift sets it apart from ordinary buckets: up or down by `threshold` or more.
    public static func isShifted(_ lift: Double) -> Bool {
        lift >= threshold || lift <= 1 / threshold
    }
}
