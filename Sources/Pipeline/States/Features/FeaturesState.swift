import Forecasting

/// `features`: per SKU and bucket, the model inputs — seasonality, rolling statistics, trend,
/// intermittency and calendar flags — written to `features.csv`.
///
/// All rolling values use only buckets before the current one, so no feature leaks its target.
public struct FeaturesState: PipelineState {
    public let name = StateName.features
    public init() {}

    public func run(_ context: StateContext) throws {
        let settings = context.config.features
        let (series, grid) = try SeriesFile.read(folder: context.folder(.clean))
        let calendars = try Calendars.load(context)
        var header: [String] = []
        var rows: [[String]] = []
        var holidayBuckets = 0
        for record in series {
            try context.checkpoint()
            let features = SeriesFeatures.compute(values: record.values, firstBucketIndex: record.firstBucket,
                                                  periods: settings.periods, windows: settings.rollingWindows)
            if header.isEmpty { header = ["sku", "bucket", "quantity"] + features.names + ["holiday", "promotion"] }
            for (offset, values) in features.rows.enumerated() {
                let bucket = record.firstBucket + offset
                let days = grid.days(bucket)
                let holiday = calendars.hasHoliday(in: days)
                if holiday { holidayBuckets += 1 }
                rows.append([record.sku, grid.label(bucket), NumberText.format(record.values[offset])]
                            + values.map { NumberText.format($0, decimals: 6) }
                            + [holiday ? "1" : "0", calendars.isPromoted(record.sku, in: days) ? "1" : "0"])
            }
        }
        try FileSystem.writeAtomically(CSVTable.render(header: header, rows: rows), to: context.output("features.csv"))
        context.log.info("\(header.count - 3) features for \(rows.count) SKU-buckets; \(holidayBuckets) SKU-buckets contain a holiday")
    }
}
