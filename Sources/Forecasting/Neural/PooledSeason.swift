/// How all series together moved one season earlier: the network's view of last year's rise and fall
/// with the noise of any one SKU averaged out.
///
/// The pooled demand of a calendar bucket is the sum over series of their (covariate-adjusted)
/// quantities there. For a window ending at calendar bucket `end`, the value at calendar bucket `b` is
/// the log of the pooled demand at `b − season` relative to the pooled mean over the `reference`
/// buckets before `end − season`: read through the horizon, it says how much all SKUs rose into these
/// buckets last year from the level they had then. Only buckets before the window's end are read
/// (`b − season < end` whenever the horizon is at most a season).
struct PooledSeason {

    /// Calendar bucket of the first pooled total.
    let start: Int
    /// Running sums of the pooled totals: `sums[k]` is the total of the first `k` buckets.
    let sums: [Double]
    let season: Int
    /// Buckets in the level the pooled demand is compared with.
    let reference: Int

    /// Log ratios are clipped to this magnitude (a closed week's zero reads as a deep fall, not −∞).
    static let limit = 3.0

    init(series: [[Double]], firstBuckets: [Int], season: Int, reference: Int) {
        let start = firstBuckets.min() ?? 0
        let stop = zip(series, firstBuckets).map { $0.count + $1 }.max() ?? start
        var totals = [Double](repeating: 0, count: max(0, stop - start))
        for (values, first) in zip(series, firstBuckets) {
            for (offset, value) in values.enumerated() { totals[first - start + offset] += value }
        }
        var sums = [0.0]
        sums.reserveCapacity(totals.count + 1)
        for total in totals { sums.append(sums[sums.count - 1] + total) }
        self.start = start
        self.sums = sums
        self.season = season
        self.reference = max(1, reference)
    }

    /// The log ratio at calendar bucket `bucket` for a window ending at calendar bucket `end`, or nil when
    /// last season's bucket or its reference level lies outside the data (or the level is zero).
    func value(at bucket: Int, end: Int) -> Double? {
        let lagged = bucket - season - start
        let referenceStop = end - season - start
        let referenceStart = referenceStop - reference
        guard lagged >= 0, lagged < sums.count - 1, lagged < referenceStop + season,
              referenceStart >= 0, referenceStop < sums.count else { return nil }
        let level = (sums[referenceStop] - sums[referenceStart]) / Double(reference)
        guard level > 0 else { return nil }
        let total = sums[lagged + 1] - sums[lagged]
        return total > 0 ? min(Self.limit, max(-Self.limit, logValue(total / level))) : -Self.limit
    }
}
