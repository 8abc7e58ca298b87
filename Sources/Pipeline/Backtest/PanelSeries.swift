import Forecasting
import Formats

/// Named series on one bucket grid, from a weekly panel file or from the pipeline's clean state.
public struct PanelSeries: Sendable {
    /// Series names (SKU or `unique_id`), sorted.
    public var names: [String]
    /// Values per series, equally spaced buckets (after the clean state's outlier capping).
    public var values: [[Double]]
    /// The values before capping, scored as actuals (`nil`: the same as `values`).
    public var raw: [[Double]]?
    /// Per-bucket covariates (price, regressors) aligned with `values`, if the data has any.
    public var covariates: Covariates?
    /// Each series' first bucket index on the run's calendar (for the seasonal position), zeros for panels.
    public var firstBuckets: [Int]?
    /// Each series' first day (days since 1970-01-01) and the bucket length in days, for calendars (panels).
    public var firstDays: [Int] = []
    public var bucketDays = 7
    /// The run's bucket grid, for series from the pipeline (their buckets may be months); their days
    /// come from it and `firstBuckets` instead.
    var grid: BucketGrid?
    /// The SKU attributes the network embeds (`model.attributes`), from vendor files only.
    public var attributes: SeriesAttributes?
    /// The warnings ingest and clean logged while preparing the series (vendor files only).
    public var warnings: [String] = []

    /// The inclusive day range of series `index`'s bucket `offset` (0: its first), for calendar flags.
    func days(series index: Int, offset: Int) -> ClosedRange<Int32> {
        if let grid, let first = firstBuckets?[index] { return grid.days(first + offset) }
        let start = Int32(firstDays[index] + offset * bucketDays)
        return start...(start + Int32(bucketDays) - 1)
    }

    /// Whether a file with these columns is an already bucketed panel (`unique_id, ds, y`).
    static func isPanel(columns: [String]) -> Bool {
        ["unique_id", "ds", "y"].allSatisfy(columns.contains)
    }

    /// Reads a `unique_id, ds, y` panel; gaps between a series' buckets are filled with zeros. Its buckets
    /// are `bucketDays` long, or calendar months under `clean.bucket` `month`, and under `auto` when every
    /// `ds` falls on one day of its month (a monthly panel, as clean reads a monthly file).
    static func fromPanel(_ table: Table, file: String, clean: PipelineConfig.Clean) throws -> PanelSeries {
        guard let id = table.columnIndex("unique_id"), let ds = table.columnIndex("ds"), let y = table.columnIndex("y") else {
            throw PipelineError(.input, "\(file): a panel needs columns unique_id, ds, y")
        }
        var points: [String: [(day: Int, value: Double)]] = [:]
        for (index, row) in table.rows.enumerated() {
            let name = CellText.text(row[id])
            guard let day = CellValues.day(row[ds], format: nil) else {
                throw PipelineError(.input, "\(file):\(table.rowOrigins[index]): column 'ds': expected a date, found '\(CellText.text(row[ds]))'")
            }
            guard let value = CellValues.number(row[y], decimalComma: false) else {
                throw PipelineError(.input, "\(file):\(table.rowOrigins[index]): column 'y': expected a number, found '\(CellText.text(row[y]))'")
            }
            points[name, default: []].append((Int(day), value))
        }
        let days = Set(points.values.flatMap { $0.map { Int32($0.day) } })
        if clean.bucketsByMonth(sharedDayOfMonth: CleanState.sharedDayOfMonth(days)) {
            return monthly(points)
        }
        let bucketDays = 7 * clean.bucketWeeks
        var names: [String] = []
        var values: [[Double]] = []
        var firstDays: [Int] = []
        for name in points.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let sorted = (points[name] ?? []).sorted { $0.day < $1.day }
            guard let first = sorted.first?.day, let last = sorted.last?.day else { continue }
            var series = [Double](repeating: 0, count: (last - first) / bucketDays + 1)
            for point in sorted {
                guard (point.day - first) % bucketDays == 0 else {
                    throw PipelineError(.input, "\(file): series '\(name)' has a date \(DateParsing.isoString(days: Int32(point.day))) off its \(bucketDays)-day grid")
                }
                series[(point.day - first) / bucketDays] += point.value
            }
            names.append(name)
            values.append(series)
            firstDays.append(first)
        }
        return PanelSeries(names: names, values: values, raw: nil, covariates: nil, firstBuckets: nil, firstDays: firstDays, bucketDays: bucketDays)
    }

    /// The panel's points summed by calendar month, each series from its first month to its last.
    static func monthly(_ points: [String: [(day: Int, value: Double)]]) -> PanelSeries {
        var grid = BucketGrid(weeksPerBucket: 1, anchorWeekday: 0, firstBucket: 0, lastBucket: 0, months: true)
        var names: [String] = [], values: [[Double]] = [], firstBuckets: [Int] = []
        for name in points.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let buckets = (points[name] ?? []).map { (bucket: grid.index(ofDay: $0.day), value: $0.value) }
            guard let first = buckets.map(\.bucket).min(), let last = buckets.map(\.bucket).max() else { continue }
            var series = [Double](repeating: 0, count: last - first + 1)
            for point in buckets { series[point.bucket - first] += point.value }
            names.append(name)
            values.append(series)
            firstBuckets.append(first)
        }
        grid.firstBucket = firstBuckets.min() ?? 0
        grid.lastBucket = zip(firstBuckets, values).map { $0 + $1.count - 1 }.max() ?? 0
        return PanelSeries(names: names, values: values, raw: nil, covariates: nil, firstBuckets: firstBuckets, grid: grid)
    }
}
