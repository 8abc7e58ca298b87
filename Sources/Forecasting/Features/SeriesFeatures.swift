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
        let names = self.names(periods: periods, windows: windows)
        let flat = table(values: values, firstBucketIndex: firstBucketIndex, periods: periods, windows: windows)
        let width = names.count
        return (names, values.indices.map { Array(flat[($0 * width)..<(($0 + 1) * width)]) })
    }

    /// The names of the features, in the order of a row.
    public static func names(periods: [Int], windows: [Int]) -> [String] {
        var names: [String] = []
        for period in periods where period > 0 { names += ["sin_\(period)", "cos_\(period)"] }
        names.append("lag_1")
        for window in windows { names += ["roll_mean_\(window)", "roll_std_\(window)"] }
        return names + ["trend", "zero_run", "nonzero_share"]
    }

    /// The rows of `compute` one after another (`names(periods:windows:).count` values per bucket), without
    /// an array per row: what a table of millions of SKU-buckets is written from.
    public static func table(values: [Double], firstBucketIndex: Int, periods: [Int], windows: [Int]) -> [Double] {
        var table: [Double] = []
        table.reserveCapacity(values.count * names(periods: periods, windows: windows).count)
        var zeroRun = 0.0
        var nonZero = 0.0
        for t in values.indices {
            let bucket = Double(firstBucketIndex + t)
            for period in periods where period > 0 {
                let angle = 2 * Double.pi * bucket.truncatingRemainder(dividingBy: Double(period)) / Double(period)
                table.append(sin(angle))
                table.append(cos(angle))
            }
            table.append(t > 0 ? values[t - 1] : 0)
            for window in windows {
                let slice = values[max(0, t - window)..<t]
                if slice.isEmpty {
                    table.append(0)
                    table.append(0)
                    continue
                }
                let mean = slice.reduce(0, +) / Double(slice.count)
                let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(slice.count)
                table.append(mean)
                table.append(variance.squareRoot())
            }
            table.append(Double(t) / 52)
            table.append(zeroRun)
            table.append(t > 0 ? nonZero / Double(t) : 0)
            if values[t] == 0 { zeroRun += 1 } else { zeroRun = 0; nonZero += 1 }
        }
        return table
    }
}
