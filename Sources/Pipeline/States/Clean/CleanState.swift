import Forecasting
import Formats

/// `clean`: N-week buckets with zero fill, z-score capping per SKU, missing-data gaps filled, low-volume removal.
///
/// Outputs: `series.csv`, `calendar.json`, `capped.csv` and `filled.csv` (every capped value, every
/// bucket of a run of empty buckets `GapFilling` filled: the diagnostics tables, also stored in the
/// database) and `removed.csv` (low-volume SKUs and why).
public struct CleanState: PipelineState {
    public let name = StateName.clean
    public init() {}

    public func run(_ context: StateContext) throws {
        let settings = context.config.clean
        // The Parquet copy when ingest wrote one: typed columns read faster than the CSV's text (same rows).
        let parquet = context.file(.ingest, MasterTable.parquetFileName)
        let transactions = FileSystem.exists(parquet)
            ? try MasterTable.readParquet(path: parquet)
            : try MasterTable.read(path: context.file(.ingest, MasterTable.fileName), lineage: false).transactions
        let days = Set(transactions.map(\.day))
        guard let firstDay = days.min(), let lastDay = days.max() else {
            throw PipelineError(.state, "no transactions to bucket")
        }
        // A monthly file dates each month's sales on one day (the 1st, say): its months are whole.
        let sharedDay = Self.sharedDayOfMonth(days)
        let monthly = settings.bucketsByMonth(sharedDayOfMonth: sharedDay)
        if settings.bucket == "week", let note = Self.monthlyDatesNote(sharedDay: sharedDay, months: days.count, bucketWeeks: settings.bucketWeeks) {
            context.log.warning(note)
        }
        if settings.bucket == "auto", let day = sharedDay {
            context.log.info(Self.monthlyBucketsNote(sharedDay: day, months: days.count, model: context.config.resolved(monthlyData: true).model))
        }
        if monthly, let note = Self.weeklySettingsNote(context.config.resolved(monthlyData: true).model) { context.log.warning(note) }
        if !monthly, let note = Self.multiWeekSettingsNote(context.config.model, bucketWeeks: settings.bucketWeeks) { context.log.warning(note) }
        var grid = BucketGrid(weeksPerBucket: settings.bucketWeeks, anchorWeekday: Weekdays.index(of: settings.anchorWeekday) ?? 0,
                              firstBucket: 0, lastBucket: 0, months: monthly ? true : nil)
        // A weekly file in months, or a file of longer periods: each row spread over the days it stands for.
        let weeklyDate = Self.weeklyDate(days)  // a weekly file's first date on its weekday
        let spreading = RowSpreading.of(days: days, weekly: weeklyDate != nil, monthlyBuckets: monthly, sharedDayOfMonth: sharedDay)
        var offWeekday = 0  // dates off the weekly file's weekday
        if let weeklyDate { offWeekday = days.filter { ($0 - weeklyDate) % 7 != 0 }.count }
        if let spreading {
            context.log.info(spreading.note(dated: Self.datedPhrase(weekday: weeklyDate ?? firstDay, offWeekday: offWeekday), dates: days.count, monthlyBuckets: monthly))
        }
        let covered = spreading.map { $0.days(of: firstDay).lowerBound...$0.days(of: lastDay).upperBound } ?? firstDay...lastDay
        grid.firstBucket = grid.index(ofDay: Int(covered.lowerBound))
        grid.lastBucket = grid.index(ofDay: Int(covered.upperBound))
        if settings.dropPartialEdgeBuckets && !(monthly && sharedDay != nil) {
            // A weekly file dates each week's sales on one weekday (Walmart's Fridays, say): an edge
            // bucket is whole when it holds every date of that weekday it spans, not every day.
            let weekly = !monthly && spreading == nil && weeklyDate != nil
            let step: Int32 = weekly ? 7 : 1
            let first = grid.days(grid.firstBucket), last = grid.days(grid.lastBucket)
            let dropFirst = first.lowerBound <= covered.lowerBound - step, dropLast = last.upperBound >= covered.upperBound + step
            // Edges that a daily file with the same first and last days would have lost.
            let keptFirst = !dropFirst && first.lowerBound < firstDay, keptLast = !dropLast && last.upperBound > lastDay
            if weekly, let weeklyDate, let note = Self.weeklyDatesNote(firstDay: weeklyDate, weeks: days.count, keptFirst: keptFirst, keptLast: keptLast, offWeekday: offWeekday) {
                context.log.info(note)
            }
            if dropFirst { grid.firstBucket += 1 }
            if dropLast { grid.lastBucket -= 1 }
            if (dropFirst || dropLast) && grid.lastBucket >= grid.firstBucket {
                let note = Self.droppedEdgesNote(transactions, kept: grid.days(grid.firstBucket).lowerBound...grid.days(grid.lastBucket).upperBound,
                                                 first: dropFirst ? first : nil, last: dropLast ? last : nil)
                if note.share > Self.droppedEdgeWarningShare { context.log.warning(note.text) } else { context.log.info(note.text) }
            }
        }
        guard grid.lastBucket >= grid.firstBucket else {
            throw PipelineError(.state, "the data spans less than one whole bucket (\(DateParsing.isoString(days: firstDay)) to \(DateParsing.isoString(days: lastDay))); send more history or set clean.dropPartialEdgeBuckets to false")
        }
        var sums: [String: [Int: Double]] = [:]
        var covariates = CovariateBuckets()
        for row in transactions {
            if let spreading {
                for (bucket, share) in spreading.shares(day: row.day, grid: grid) where bucket >= grid.firstBucket && bucket <= grid.lastBucket {
                    sums[row.sku, default: [:]][bucket, default: 0] += row.quantity * share
                    covariates.add(row, bucket: bucket, share: share)
                }
                continue
            }
            let bucket = grid.index(ofDay: Int(row.day))
            guard bucket >= grid.firstBucket, bucket <= grid.lastBucket else { continue }
            sums[row.sku, default: [:]][bucket, default: 0] += row.quantity
            covariates.add(row, bucket: bucket)
        }
        let keep = Set(settings.keepSkus)
        var series: [SeriesRecord] = []
        var removed: [[String]] = []
        var capped: [[String]] = []
        for sku in sums.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            try context.checkpoint()
            let buckets = sums[sku] ?? [:]
            // A SKU starts at its first sale; zero rows before it (kept for their regressors) do not count.
            let first = buckets.filter { $0.value != 0 }.keys.min() ?? buckets.keys.min() ?? grid.firstBucket
            let raw = (first...grid.lastBucket).map { buckets[$0] ?? 0 }
            let total = raw.reduce(0, +)
            let nonZero = raw.filter { $0 != 0 }.count
            if !keep.contains(sku) && (total < settings.minTotalQuantity || nonZero < settings.minNonZeroBuckets) {
                removed.append([sku, NumberText.format(total), String(nonZero),
                                total < settings.minTotalQuantity ? "total below clean.minTotalQuantity" : "fewer non-zero buckets than clean.minNonZeroBuckets"])
                continue
            }
            let result = OutlierCapping.cap(raw, z: settings.outlierZ)
            for value in result.capped {
                capped.append([sku, grid.label(first + value.index), NumberText.format(value.original),
                               NumberText.format(value.capped, decimals: 4), NumberText.format(value.z, decimals: 4)])
            }
            series.append(SeriesRecord(sku: sku, firstBucket: first, values: result.values.map { ($0 * 10_000).rounded() / 10_000 }, raw: raw,
                                       covariates: covariates.series(for: sku, over: first...grid.lastBucket)))
        }
        // Filled after capping, so that a spike beside a run does not set the level it is filled at.
        let (filled, filledRuns) = settings.fillGaps
            ? fillGaps(&series, grid: grid, seasonLength: context.config.resolved(monthlyData: monthly).model.seasonLength) : ([], 0)
        for sku in keep.sorted() where sums[sku] == nil {
            context.log.warning("keep-list SKU \(sku) has no sales in the data; it gets a cold-start forecast only if it appears later")
        }
        guard !series.isEmpty else {
            throw PipelineError(.state, "every SKU was removed as low-volume (\(removed.count) SKUs); lower clean.minTotalQuantity / clean.minNonZeroBuckets or add keepSkus")
        }
        try SeriesFile.write(series, grid: grid, folder: context.outputFolder)
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "bucket", "filled", "run_buckets", "chance"], rows: filled), to: context.output("filled.csv"))
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "bucket", "original", "capped", "z"], rows: capped), to: context.output("capped.csv"))
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "total", "non_zero_buckets", "reason"], rows: removed), to: context.output("removed.csv"))
        if let database = context.database {
            try database.sql.query("DELETE FROM capped_values WHERE run_id = ?", [.text(context.runId)])
            try database.sql.executeMany("INSERT INTO capped_values(run_id, sku, bucket_start, original, capped, z) VALUES(?,?,?,?,?,?)",
                                         capped.map { [.text(context.runId), .text($0[0]), .text($0[1]), .real(Double($0[2]) ?? 0),
                                                       .real(Double($0[3]) ?? 0), .real(Double($0[4]) ?? 0)] })
            try database.sql.query("DELETE FROM filled_values WHERE run_id = ?", [.text(context.runId)])
            try database.sql.executeMany("INSERT INTO filled_values(run_id, sku, bucket_start, filled, run_buckets, chance) VALUES(?,?,?,?,?,?)",
                                         filled.map { [.text(context.runId), .text($0[0]), .text($0[1]), .real(Double($0[2]) ?? 0),
                                                       .integer(Int64($0[3]) ?? 0), .real(Double($0[4]) ?? 0)] })
        }
        if let note = Self.filledGapsNote(runs: filledRuns, skus: Set(filled.map { $0[0] }).count, buckets: filled.count) { context.log.info(note) }
        let names = series.covariateNames
        if !names.isEmpty { context.log.info("covariates per bucket: \(names.joined(separator: ", ")) (gaps carried forward)") }
        context.log.info("\(series.count) series of \(grid.lastBucket - grid.firstBucket + 1) buckets (\(grid.label(grid.firstBucket)) to \(grid.label(grid.lastBucket))); \(capped.count) values capped; \(removed.count) low-volume SKUs removed")
    }

    /// Fills the series' missing-data runs (`GapFilling.fillPanel`); returns the `filled.csv` rows and the number of runs.
    func fillGaps(_ series: inout [SeriesRecord], grid: BucketGrid, seasonLength: Int) -> (rows: [[String]], runs: Int) {
        let results = GapFilling.fillPanel(series.map(\.values), seasonLength: seasonLength) { series[$0].firstBucket + $1 }
        var rows: [[String]] = []
        var runs = 0
        for (index, result) in results.enumerated() where !result.gaps.isEmpty {
            runs += result.gaps.count
            series[index].values = result.values
            for gap in result.gaps {
                for (position, value) in zip(gap.positions, gap.values) {
                    rows.append([series[index].sku, grid.label(series[index].firstBucket + position), NumberText.format(value),
                                 String(gap.length), String(format: "%.3g", gap.chance)])
                }
            }
        }
        return (rows, runs)
    }

    /// Says how many runs of empty buckets were filled as missing data, in how many SKUs; nil when none were.
    static func filledGapsNote(runs: Int, skus: Int, buckets: Int) -> String? {
        guard runs > 0 else { return nil }
        return "\(runs) run(s) of empty buckets in \(skus) SKU(s) that sell in nearly every other bucket filled as missing data "
            + "(\(buckets) buckets: a store closed, months of data that never came, a long stock-out, not a lack of demand), "
            + "each from last season's buckets scaled to the levels on its sides, or the line between those; "
            + "see filled.csv, or set clean.fillGaps to false to keep them as zeros"
    }

    /// What `sharedDayOfMonth` gives for a file dated on the last day of each month (the 31st, the 28th, …).
    static let monthEnd = 0

    /// The day of the month every sale falls on, when there is one and the sales span at least three days
    /// (months, then): a monthly file. A file dated on each month's last day gives `monthEnd`.
    static func sharedDayOfMonth(_ days: Set<Int32>) -> Int? {
        guard days.count >= 3 else { return nil }
        let dayOfMonth = Set(days.map { DateParsing.civil(fromDays: Int($0)).day })
        if dayOfMonth.count == 1 { return dayOfMonth.first }
        return days.allSatisfy { DateParsing.civil(fromDays: Int($0) + 1).day == 1 } ? monthEnd : nil
    }

    /// Whether the sales fall on one weekday over at least three weeks (a weekly file): nine dates in ten
    /// or more, as a vendor may date a holiday week a day early.
    static func sharesOneWeekday(_ days: Set<Int32>) -> Bool {
        weeklyDate(days) != nil
    }

    /// A weekly file's first date on the weekday its rows share (`sharesOneWeekday`), or nil.
    static func weeklyDate(_ days: Set<Int32>) -> Int32? {
        guard days.count >= 3 else { return nil }
        var counts = [Int](repeating: 0, count: 7)
        for day in days { counts[(Int(day) % 7 + 7) % 7] += 1 }
        guard let top = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[top] * 10 >= days.count * 9 else { return nil }
        return days.filter { (Int($0) % 7 + 7) % 7 == top }.min()
    }

    /// Above this share of all units, dropped partial edge buckets are a warning (a short file loses a
    /// noticeable part of its history), not only a note.
    static let droppedEdgeWarningShare = 0.05

    /// What dropping the partial first and last buckets (`first`, `last`, when dropped) left out: the
    /// rows' units outside `kept`, as a share of all units, and the log line saying so.
    static func droppedEdgesNote(_ transactions: [Transaction], kept: ClosedRange<Int32>, first: ClosedRange<Int32>?, last: ClosedRange<Int32>?)
        -> (share: Double, text: String) {
        var total = 0.0, dropped = 0.0
        for row in transactions {
            total += row.quantity
            if !kept.contains(row.day) { dropped += row.quantity }
        }
        let share = total > 0 ? dropped / total : 0
        let edges = [first.map { "first (\(DateParsing.isoString(days: $0.lowerBound)) to \(DateParsing.isoString(days: $0.upperBound)))" },
                     last.map { "last (\(DateParsing.isoString(days: $0.lowerBound)) to \(DateParsing.isoString(days: $0.upperBound)))" }]
            .compactMap { $0 }.joined(separator: " and ")
        let percent = (share * 1000).rounded() / 10
        return (share, "left out the partial \(edges) bucket\(first != nil && last != nil ? "s" : ""), which the data covers only in part: "
                    + "\(NumberText.format(dropped.rounded())) units, \(NumberText.format(percent))% of all; set clean.dropPartialEdgeBuckets to false to keep them")
    }

    /// Says that a weekly file's edge buckets were kept whole though their first or last days have no rows.
    static func weeklyDatesNote(firstDay: Int32, weeks: Int, keptFirst: Bool, keptLast: Bool, offWeekday: Int = 0) -> String? {
        guard keptFirst || keptLast else { return nil }
        let edges = keptFirst && keptLast ? "first and last buckets count" : keptFirst ? "first bucket counts" : "last bucket counts"
        return "\(datedPhrase(weekday: firstDay, offWeekday: offWeekday)) (\(weeks) weeks): a weekly file, whose rows stand for their weeks, so its \(edges) as whole"
    }

    /// "every sale is dated on a Friday", naming the dates off that weekday when there are any.
    static func datedPhrase(weekday day: Int32, offWeekday: Int) -> String {
        let weekday = Weekdays.name(ofDay: day)
        return offWeekday == 0 ? "every sale is dated on a \(weekday)"
            : "every sale but those of \(offWeekday) date\(offWeekday == 1 ? "" : "s") is dated on a \(weekday)"
    }

    /// Says that `auto` chose monthly buckets, and the model settings that come with them.
    static func monthlyBucketsNote(sharedDay: Int, months: Int, model: PipelineConfig.Model) -> String {
        let dated = sharedDay == monthEnd ? "on the last day" : "day \(sharedDay)"
        return "every sale is dated \(dated) of its month (\(months) months): monthly buckets (clean.bucket \"auto\"), "
            + "season \(model.seasonLength), lookback \(model.lookback), horizon \(model.horizon) months; "
            + "set clean.bucket to \"week\" to keep weeks"
    }

    /// Warns when monthly buckets meet a model season of 52 or more: a config written for weeks, whose
    /// season, lookback and horizon would count months (a 52-month season never repeats in the data).
    static func weeklySettingsNote(_ model: PipelineConfig.Model) -> String? {
        guard model.seasonLength >= 52 else { return nil }
        return "monthly buckets with model.seasonLength \(model.seasonLength), lookback \(model.lookback) and horizon \(model.horizon): "
            + "these count months, so the season never repeats in the data; is the config written for weeks? "
            + "Leave model.seasonLength, lookback, horizon and features.periods out for the monthly defaults (12, 24, 6)"
    }

    /// A warning when buckets span several weeks (`clean.bucketWeeks`) but the season is still a year of
    /// weeks: `model.seasonLength`, `lookback` and `horizon` count buckets, so 52 of two-week buckets is a
    /// two-year season. Nil when the season is not 52 (or more) or buckets are single weeks.
    static func multiWeekSettingsNote(_ model: PipelineConfig.Model, bucketWeeks: Int) -> String? {
        guard bucketWeeks > 1, model.seasonLength >= 52 else { return nil }
        let year = Int((52.0 / Double(bucketWeeks)).rounded())
        return "\(bucketWeeks)-week buckets with model.seasonLength \(model.seasonLength), lookback \(model.lookback) and horizon \(model.horizon): "
            + "these count buckets, so the season spans \(model.seasonLength * bucketWeeks) weeks and the horizon \(model.horizon * bucketWeeks); "
            + "for a year's season set model.seasonLength to \(year) (and features.periods, lookback and horizon to match)"
    }

    /// A warning when every sale falls on one day of its month over at least three months (a monthly
    /// file, e.g. every row dated the 1st) and buckets are shorter than a month: each month's sales then
    /// land in one bucket and the others stay empty, a pattern no model forecasts well.
    /// `sharedDay` is `sharedDayOfMonth` of the `months` distinct sale days.
    static func monthlyDatesNote(sharedDay: Int?, months: Int, bucketWeeks: Int) -> String? {
        guard bucketWeeks < 4, let day = sharedDay else { return nil }
        let dated = day == monthEnd ? "on the last day" : "day \(day)"
        return "every sale is dated \(dated) of its month (\(months) months): the data looks monthly, so each month's sales "
            + "fall in one \(bucketWeeks)-week bucket and the others stay empty, which no model forecasts well; "
            + "set clean.bucket to \"month\" for monthly buckets, or send daily or weekly rows"
    }
}
