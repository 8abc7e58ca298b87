/// One run of empty buckets filled by `GapFilling`: the buckets it filled and the values put in.
public struct FilledGap: Sendable, Equatable {
    /// Positions in the series of the filled buckets (the run's, less any the whole panel was shut in).
    public var positions: [Int]
    /// The values that replaced their zeros, one per position.
    public var values: [Double]
    /// How likely a run this long was from the series' own share of empty buckets elsewhere.
    public var chance: Double

    /// The number of buckets filled.
    public var length: Int { positions.count }
}

/// Fills runs of empty buckets inside series that sell in nearly every bucket: such a run is missing
/// data, not a lack of demand — a store closed for a refit, months of data that never came.
///
/// Taken as zeros, the run would drag the level, the scale and last season's values of every window
/// that reads it. A run is filled when
/// - it is at least two buckets long and, with a season, a quarter of one (13 weeks, 3 months): short
///   runs in a busy series are mostly stock-outs, which recur and are part of the sales being forecast
///   (filling them cost the Online Retail panel about a point of WAPE);
/// - it is less likely than `threshold` from the series' own share of empty buckets outside it,
///   `p^length` with `p = (empty + 1) / (buckets + 2)`: intermittent series' runs are likely;
/// - the series sells in at least twice as many buckets outside it as it is long: a product that sold
///   for a few weeks on either side of a year and a half is no evidence of steady sales;
/// - it has two buckets or more on each side (a run that reaches the end of the history is left alone:
///   the item may have stopped), selling at a quarter to four times the series' usual level (the median
///   of its non-empty buckets outside the run): launches after a trickle, items fading out and seasonal
///   items' quiet months have a low side, and a run after a one-off bulk order a side that would set
///   the fill's level.
///
/// With a season, the run's buckets get last season's values over the same buckets (next season's when
/// the series has none before), scaled by the levels on the run's two sides against the levels on those
/// buckets' sides, so a closure over December keeps December's peak. Without a twin season (the run too
/// long, the history too short, a scale off by more than 4×) they get the straight line from the median
/// of the up to four buckets before the run to the median of the up to four after it.
///
/// Buckets in which the whole panel was nearly empty (`closedBuckets`: the business shut over
/// Christmas, say) are not missing data of one series: they stay zero and count neither in a run's
/// length nor in the series' share of empty buckets.
public enum GapFilling {
    /// The chance below which a run counts as missing data (one in a thousand).
    public static let defaultThreshold = 0.001
    /// Buckets read on each side of a run for the levels the fill joins.
    static let sideBuckets = 4
    /// The share of its usual level a series must sell at on both sides of a run for the run to be filled,
    /// and (inverted) the multiple it may not sell above.
    static let sideShare = 0.25

    /// The series with its unlikely runs of empty buckets filled, and the runs filled; `closed(offset)`
    /// says which buckets the whole panel was shut in.
    public static func fill(_ values: [Double], seasonLength: Int = 0, threshold: Double = defaultThreshold,
                            closed: (Int) -> Bool = { _ in false }) -> (values: [Double], gaps: [FilledGap]) {
        let runs = emptyRuns(values)
        guard !runs.isEmpty else { return (values, []) }
        let open = values.indices.map { !closed($0) }
        let buckets = open.filter { $0 }.count
        let empty = runs.reduce(0) { total, run in total + run.filter { open[$0] }.count }
        var result = values
        var gaps: [FilledGap] = []
        for run in runs where run.lowerBound >= 2 && values.count - run.upperBound >= 2 {
            let missing = run.filter { open[$0] }
            guard missing.count >= max(2, seasonLength / 4) else { continue }
            // How likely the run is from the series' other buckets.
            let share = Double(empty - missing.count + 1) / Double(buckets - missing.count + 2)
            let chance = missing.reduce(1.0) { product, _ in product * share }
            guard chance < threshold else { continue }
            let sold = values.indices.filter { !run.contains($0) && values[$0] > 0 }.count
            guard sold >= 2 * missing.count else { continue }
            let sides = sideLevels(values, around: run)
            let usual = median(ArraySlice(values[..<run.lowerBound].filter { $0 > 0 } + values[run.upperBound...].filter { $0 > 0 }))
            guard min(sides.before, sides.after) >= sideShare * usual, max(sides.before, sides.after) <= usual / sideShare else { continue }
            let filled = (seasonalFill(values, run: run, missing: missing, sides: sides, seasonLength: seasonLength)
                ?? missing.map { index in
                    let position = Double(index - run.lowerBound + 1) / Double(run.count + 1)
                    return sides.before + (sides.after - sides.before) * position
                }).map { ($0 * 10_000).rounded() / 10_000 }
            for (index, value) in zip(missing, filled) { result[index] = value }
            gaps.append(FilledGap(positions: missing, values: filled, chance: chance))
        }
        return (result, gaps)
    }

    /// Each series of a panel filled, with the buckets the whole panel sat out (`closedBuckets` of the
    /// series' totals) left alone; `bucket(series, offset)` names a bucket alike across the series.
    public static func fillPanel<Bucket: Hashable>(_ series: [[Double]], seasonLength: Int,
                                                   bucket: (Int, Int) -> Bucket) -> [(values: [Double], gaps: [FilledGap])] {
        var totals: [Bucket: Double] = [:]
        for (index, values) in series.enumerated() {
            for (offset, value) in values.enumerated() { totals[bucket(index, offset), default: 0] += value }
        }
        let closed = closedBuckets(totals: totals)
        return series.indices.map { index in fill(series[index], seasonLength: seasonLength) { closed.contains(bucket(index, $0)) } }
    }

    /// The medians of the up to `sideBuckets` buckets before and after a range of the series.
    static func sideLevels(_ values: [Double], around range: Range<Int>) -> (before: Double, after: Double) {
        (median(values[max(0, range.lowerBound - sideBuckets)..<range.lowerBound]),
         median(values[range.upperBound..<min(values.count, range.upperBound + sideBuckets)]))
    }

    /// The run's buckets from the same buckets a season earlier (else later), scaled by the run's side
    /// levels against theirs; nil when neither twin lies wholly in the history clear of the run and its
    /// sides, or the scale is not within 4× either way.
    static func seasonalFill(_ values: [Double], run: Range<Int>, missing: [Int], sides: (before: Double, after: Double),
                             seasonLength: Int) -> [Double]? {
        guard seasonLength >= 2, run.count + sideBuckets <= seasonLength else { return nil }
        for shift in [-seasonLength, seasonLength] {
            let twin = (run.lowerBound + shift)..<(run.upperBound + shift)
            guard twin.lowerBound >= 1, twin.upperBound < values.count else { continue }
            let twinSides = sideLevels(values, around: twin)
            let then = twinSides.before + twinSides.after, now = sides.before + sides.after
            guard then > 0, now > 0, now / then <= 4, then / now <= 4 else { continue }
            return missing.map { values[$0 + shift] * now / then }
        }
        return nil
    }

    /// The buckets whose total over the panel is under a tenth of the median bucket's: the whole business
    /// shut (or sent nothing), not one series missing. Keys are whatever names a bucket (index, first day).
    public static func closedBuckets<Bucket: Hashable>(totals: [Bucket: Double]) -> Set<Bucket> {
        let sorted = totals.values.sorted()
        guard !sorted.isEmpty else { return [] }
        let median = median(sorted[...])
        return Set(totals.filter { $0.value < median / 10 }.keys)
    }

    /// The maximal runs of buckets equal to zero, in order.
    static func emptyRuns(_ values: [Double]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (index, value) in values.enumerated() {
            if value == 0 {
                if start == nil { start = index }
            } else if let first = start {
                runs.append(first..<index)
                start = nil
            }
        }
        if let first = start { runs.append(first..<values.count) }
        return runs
    }

    /// The median of a non-empty slice.
    static func median(_ slice: ArraySlice<Double>) -> Double {
        let sorted = slice.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
