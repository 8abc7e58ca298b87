/// How much wider intervals should be in the buckets being forecast than in those they were calibrated
/// on, from last season: the demand of all SKUs over the same buckets one season earlier against the
/// `horizon` buckets before those.
///
/// Errors grow with the level of demand, and a holdout in the peak (Online Retail's September–December)
/// is calibrated on calmer buckets; last season's rise into the same buckets says by how much. Each
/// calibration window gets the factor of its own origin, so a window that was itself a peak counts as one.
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

    /// The factors of the forecast (index 0) and of `windows` backtest windows (window k starts k horizons
    /// before the common end); all 1 when not `enabled`.
    public static func factors(series: [[Double]], windows: Int, horizon: Int, seasonLength: Int, enabled: Bool) -> [Double] {
        (0...windows).map { window in
            enabled ? factor(series: series, back: window * horizon, horizon: horizon, seasonLength: seasonLength) : 1
        }
    }
}
