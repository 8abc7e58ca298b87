import Forecasting
import Formats

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
        var lookup = Calendars.Lookup(calendars)
        let first = series.map(\.firstBucket).min() ?? 0
        let stop = series.map { $0.firstBucket + $0.values.count }.max() ?? first
        let labels = (first..<max(first, stop)).map(grid.label)
        let names = SeriesFeatures.names(periods: settings.periods, windows: settings.rollingWindows)
        let total = series.reduce(0) { $0 + $1.values.count }
        // Written field by field into bytes: at millions of SKU-buckets an array of strings per row was
        // most of the time and memory.
        var writer = CSVByteWriter(capacity: total * (24 + 10 * names.count))
        writer.line(["sku", "bucket", "quantity"] + names + ["holiday", "promotion"])
        var holidayBuckets = 0
        for record in series {
            try context.checkpoint()
            let table = SeriesFeatures.table(values: record.values, firstBucketIndex: record.firstBucket,
                                             periods: settings.periods, windows: settings.rollingWindows)
            for (offset, quantity) in record.values.enumerated() {
                let bucket = record.firstBucket + offset
                writer.field(record.sku)
                writer.field(labels[bucket - first])
                NumberText.write(quantity, to: &writer)
                for value in table[(offset * names.count)..<((offset + 1) * names.count)] {
                    NumberText.write(value, decimals: 6, to: &writer)
                }
                let (holiday, promoted) = lookup.flags(record.sku, in: grid.days(bucket))
                if holiday { holidayBuckets += 1 }
                writer.field(holiday ? 1 : 0)
                writer.field(promoted ? 1 : 0)
                writer.endLine()
            }
        }
        try FileSystem.writeAtomically(writer.bytes, to: context.output("features.csv"))
        context.log.info("\(names.count + 2) features for \(total) SKU-buckets; \(holidayBuckets) SKU-buckets contain a holiday")
    }
}
