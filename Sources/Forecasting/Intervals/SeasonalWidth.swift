import Foundation

/// How much wider intervals should be in the buckets being forecast than in those they were calibrated
/// on, from last season: the demand of all SKUs over the same buckets one season earlier against the
/// `horizon` buckets before those.
///
/// Errors grow with the level of demand, and a holdout in the peak (Online Retail's September–December)
/// is calibrated on calmer buckets; last season's rise into the same buckets says by how much. Each
/// calibration window gets the factor of its own origin, so a window that was itself a peak counts as one.
///
/// Errors need not grow in proportion to demand, so the ratio is raised to `levelExponent`, how the
/// spread of demand grows with its level across the SKUs: counts of independent sales (Poisson) spread
/// with the square root of their level, and widths scaled by the full ratio then miss (a synthetic
/// panel of that kind covered 73 % at the 80 % level); retail demand whose swings follow its level
/// keeps most of the ratio (Online Retail 0.83).
public enum SeasonalWidth {
    /// The factor for a forecast from the origin `back` buckets before the series' common end, clamped to
    /// 1/3…3; 1 when no series reaches back a season and a horizon before that origin, or there was no
    /// demand. `series` must end at the same bucket.
    public static func factor(series: [[Double]], back: Int, horizon: Int, seasonLength: Int) -> Double {
        guard seasonLength > 1, horizon > 0 else { return 1 }
        var ahead = 0.0, before = 0.0
        for values in series {
            let start = values.count - back - seasonLength  // the origin, one season earlier
            guard start - horizon >= 0, start + horizon <= values.count else { continue }
            for index in start..<(start + horizon) { ahead += values[index] }
            for index in (start - horizon)..<start { before += values[index] }
        }
        guard before > 0, ahead > 0 else { return 1 }
        return min(3, max(1.0 / 3, ahead / before))
    }

    /// How the spread of demand grows with its level across SKUs: the least-squares slope of the log of
    /// each SKU's mean absolute change from bucket to bucket on the log of its mean level, both from its
    /// first demand on, clamped to 0…1 (½ for independent counts, 1 for swings in proportion to the level;
    /// above 1, as on Dominick's, where the biggest series are the most promoted, counts as 1). 1 when
    /// fewer than three SKUs, or SKUs of a single level, can be measured.
    public static func levelExponent(series: [[Double]]) -> Double {
        var points: [(level: Double, spread: Double)] = []
        for values in series {
            guard let movement = SeriesScale.movement(values), movement.level > 0, movement.change > 0 else { continue }
            points.append((log(movement.level), log(movement.change)))
        }
        guard points.count >= 3 else { return 1 }
        let meanLevel = points.reduce(0) { $0 + $1.level } / Double(points.count)
        let meanSpread = points.reduce(0) { $0 + $1.spread } / Double(points.count)
        var covariance = 0.0, variance = 0.0
        for point in points {
            covariance += (point.level - meanLevel) * (point.spread - meanSpread)
            variance += (point.level - meanLevel) * (point.level - meanLevel)
        }
        guard variance > 1e-12 else { return 1 }
        return (min(1, max(0, covariance / variance)) * 1e6).rounded() / 1e6
    }

    /// The factors of a forecast and its calibration windows, and what they were made of.
    public struct Widths: Sendable {
        /// The forecast's factor (index 0) and those of the backtest windows (window k at index k).
        public var factors: [Double]
        /// The forecast's last-season ratio before the exponent.
        public var rise: Double
        /// `levelExponent` of the series.
        public var exponent: Double
    }

    /// The factors of the forecast (index 0) and of `windows` backtest windows (window k starts k horizons
    /// before the common end), each last-season ratio raised to `levelExponent`; all 1 when not `enabled`.
    public static func factors(series: [[Double]], windows: Int, horizon: Int, seasonLength: Int, enabled: Bool) -> [Double] {
        widths(series: series, windows: windows, horizon: horizon, seasonLength: seasonLength, enabled: enabled).factors
    }

    /// `factors`, with the forecast's rise and the exponent they came from (rise and exponent 1 when not `enabled`).
    public static func widths(series: [[Double]], windows: Int, horizon: Int, seasonLength: Int, enabled: Bool) -> Widths {
        guard enabled else { return Widths(factors: [Double](repeating: 1, count: windows + 1), rise: 1, exponent: 1) }
        let exponent = levelExponent(series: series)
        let rises = (0...windows).map { window in factor(series: series, back: window * horizon, horizon: horizon, seasonLength: seasonLength) }
        return Widths(factors: rises.map { pow($0, exponent) }, rise: rises[0], exponent: exponent)
    }
}
