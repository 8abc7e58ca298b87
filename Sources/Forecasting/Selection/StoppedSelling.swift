/// Whether a SKU has stopped selling — delisted, replaced, out of the range — so that its forecast is
/// zero rather than what a model makes of its past.
///
/// A SKU has stopped when its last sale lies at least a horizon back and
/// - it sold in at least half of the same buckets one season earlier: its silence is not the quiet part
///   of its season (a Christmas item in summer was silent a year earlier too), or
/// - it has sold nothing for a whole season or longer.
///
/// A network reading last season's values otherwise forecasts such a SKU back into its old season (a
/// Rohlik-shaped item delisted nine months earlier got 2,000 units over the holdout), and seasonal naive
/// repeats last year's sales outright.
public enum StoppedSelling {
    /// Whether `history` (oldest first; leading zeros, before the first sale, are ignored) has stopped
    /// selling, for a forecast of `horizon` buckets with seasons of `seasonLength`.
    public static func hasStopped(_ history: [Double], horizon: Int, seasonLength: Int) -> Bool {
        guard let first = history.firstIndex(where: { $0 > 0 }), let last = history.lastIndex(where: { $0 > 0 }) else { return false }
        let silence = history.count - 1 - last
        guard silence >= max(1, horizon) else { return false }
        guard seasonLength >= 2 else { return false }
        if silence >= seasonLength { return true }
        let start = history.count - silence - seasonLength
        guard start >= first else { return false }
        let selling = history[start..<(start + silence)].filter { $0 > 0 }.count
        return 2 * selling >= silence
    }

    /// The indices of `histories` that have stopped selling.
    public static func stopped(_ histories: [[Double]], horizon: Int, seasonLength: Int) -> [Int] {
        histories.indices.filter { hasStopped(histories[$0], horizon: horizon, seasonLength: seasonLength) }
    }

    /// The label a stopped SKU's forecast carries in place of its model's.
    public static let label = "stopped"

    /// The log line for `count` stopped SKUs, naming the first few of `names`.
    public static func note(count: Int, names: [String]) -> String {
        "\(count) SKU\(count == 1 ? " has" : "s have") stopped selling (no sale for a horizon or more, where a season earlier "
            + "\(count == 1 ? "it" : "they") sold, or for a whole season): forecast 0 (\(names.prefix(5).joined(separator: ", "))\(count > 5 ? ", …" : ""))"
    }
}
