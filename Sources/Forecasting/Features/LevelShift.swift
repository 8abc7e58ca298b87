/// Whether demand shifted level just before the network's validation weeks — a lockdown, a lost
/// customer, a new channel — judged on the panel's total.
///
/// The pace of the last horizon before the validation cut (its total against the same buckets a season
/// earlier) is set against the pace of the horizon before it. Kaggle's Tabular Playground sales of 2020
/// ran at 0.63 of 2019's in the spring lockdown after 0.94 in the winter: a ratio of 0.67. The network's
/// complete training windows then all end before the recovery it must forecast from, which it has only
/// seen going down; trained also on the windows that end in it (partial windows), it serves the
/// holdout at 10.2 % instead of losing its validation to the moving average (14.2 %).
public enum LevelShift {
    /// The ratio of the two paces over the series that span all four windows (a launch or a delisting
    /// is no shift), or nil when none does or a window a season earlier sold nothing.
    public static func ratio(series: [[Double]], horizon: Int, seasonLength: Int) -> Double? {
        guard horizon > 0, seasonLength > 0 else { return nil }
        let length = seasonLength + 3 * horizon
        let spanning = series.filter { $0.count >= length }
        guard !spanning.isEmpty else { return nil }
        // The total per bucket of the last `length` buckets, series aligned at their ends.
        var totals = [Double](repeating: 0, count: length)
        for values in spanning {
            for (index, value) in values.suffix(length).enumerated() { totals[index] += value }
        }
        func sum(_ range: Range<Int>) -> Double { range.reduce(0) { $0 + totals[$1] } }
        let cut = length - horizon
        func pace(endingAt end: Int) -> Double? {
            let earlier = sum((end - horizon - seasonLength)..<(end - seasonLength))
            return earlier > 0 ? sum((end - horizon)..<end) / earlier : nil
        }
        guard let recent = pace(endingAt: cut), let before = pace(endingAt: cut - horizon), before > 0 else { return nil }
        return recent / before
    }

    /// Whether a ratio is a shift: a fifth below the pace before, or a quarter above it.
    public static func isShift(_ ratio: Double) -> Bool {
        ratio < 0.8 || ratio > 1.25
    }
}
