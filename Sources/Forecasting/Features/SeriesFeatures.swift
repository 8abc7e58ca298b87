import Foundation

/// Per-bucket model inputs of one series, computed without looking at the bucket's own value.
///
/// For bucket `t`: `sin_P`/`cos_P` of the absolute bucket index for each period P (so all series share
/// a phase), `lag_1`, `roll_mean_W`/`roll_std_W` over the W buckets before `t`, `trend` (buckets since
/// the series began, scaled by 1/52), `zero_run` (zero buckets immediately before `t`) and
/// `nonzero_share` (share of non-zero buckets before `t`).
public enum SeriesFeatures {
    /// Feature names and one row of values per bucket.
    public static func compute(values: [Double], firstBucketIndex: Int, periods: [Int], windows: [Int]) -> (names: [String], rows: [[Double]]) {
        var names: [String] = []
        for period in periods { names += ["sin_\(period)", "cos_\(period)"] }
        names.append("lag_1")
        for window in windows { names += ["roll_mean_\(window)", "roll_std_\(window)"] }
        names += ["trend", "zero_run", "nonzero_share"]
        var rows: [[Double]] = []
        rows.reserveCapacity(values.count)
        var zeroRun = 0.0
        var nonZero = 0.0
        for t in values.indices {
            var row: [Double] = []
            row.reserveCapacity(names.count)
            let bucket = Double(firstBucketIndex + t)
            for period in periods where period > 0 {
                let angle = 2 * Double.pi * bucket.truncatingRemainder(dividingBy: Double(period)) / Double(period)
                row += [sin(angle), cos(angle)]
            }
            row.append(t > 0 ? values[t - 1] : 0)
            for window in windows {
                let slice = values[max(0, t - window)..<t]
                if slice.isEmpty { row += [0, 0]; continue }
                let mean = slice.reduce(0, +) / Double(slice.count)
                let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(slice.count)
                row += [mean, variance.squareRoot()]
            }
            row += [Double(t) / 52, zeroRun, t > 0 ? nonZero / Double(t) : 0]
            rows.append(row)
            if values[t] == 0 { zeroRun += 1 } else { zeroRun = 0; nonZero += 1 }
        }
        return (names, rows)
    }
}
