import Forecasting
import Formats

/// Planned covariates for the buckets being forecast — next month's prices, the promotions already
/// booked — from the `features.plans` CSV: columns `sku`, `date` (`yyyy-MM-dd`, any day of the
/// bucket), then one column per covariate (`price`, `deal`, …); an empty cell means "no plan".
///
/// A forecast bucket without a plan takes the median of the SKU's last `horizon` observed values
/// (`Covariates.unplannedValue`): its usual price and promotion of late.
struct CovariatePlans {
    /// sku → bucket index → covariate name → planned value (the mean when several rows share a bucket).
    private(set) var values: [String: [Int: [String: Double]]] = [:]
    /// Plan columns that are not covariates of the data (ignored, reported in the log).
    private(set) var unknownColumns: [String] = []

    /// Reads a plans file on the run's bucket grid.
    static func load(path: String, grid: BucketGrid, covariateNames: [String]) throws -> CovariatePlans {
        guard FileSystem.exists(path) else {
            throw PipelineError(.config, "\(path): plans file not found (features.plans in the config)")
        }
        let (columns, table) = try CSVTable.read(path: path, requiring: ["sku", "date"])
        var plans = CovariatePlans()
        let known = Set(covariateNames)
        let valueColumns = table.columnNames.enumerated().filter { $0.element != "sku" && $0.element != "date" }
        plans.unknownColumns = valueColumns.map(\.element).filter { !known.contains($0) }.sorted()
        var sums: [String: [Int: [String: (Double, Double)]]] = [:]
        for (index, row) in table.rows.enumerated() {
            let sku = CSVTable.text(row[columns[0]])
            guard let day = DateParsing.parseDay(CSVTable.text(row[columns[1]]), format: "yyyy-MM-dd") else {
                throw PipelineError(.config, "\(path):\(table.rowOrigins[index]): column 'date': expected yyyy-MM-dd, found '\(CSVTable.text(row[columns[1]]))'")
            }
            let bucket = grid.index(ofDay: Int(day))
            for (column, name) in valueColumns where known.contains(name) {
                let text = CSVTable.text(row[column])
                guard !text.isEmpty else { continue }
                guard let value = NumberParsing.parseDecimal(text) else {
                    throw PipelineError(.config, "\(path):\(table.rowOrigins[index]): column '\(name)': expected a number, found '\(text)'")
                }
                let current = sums[sku, default: [:]][bucket, default: [:]][name] ?? (0, 0)
                sums[sku, default: [:]][bucket, default: [:]][name] = (current.0 + value, current.1 + 1)
            }
        }
        plans.values = sums.mapValues { $0.mapValues { $0.mapValues { $0.0 / $0.1 } } }
        return plans
    }

    /// The covariates of `series` extended by `horizon` future buckets: planned values where given,
    /// else the median of each series' last `horizon` observed values. Returns the count of planned values used too.
    func extend(_ covariates: Covariates, series: [SeriesRecord], horizon: Int) -> (Covariates, planned: Int) {
        var used = 0
        var extended = covariates
        for (index, record) in series.enumerated() {
            let plan = values[record.sku] ?? [:]
            for (input, name) in covariates.names.enumerated() {
                let observed = covariates.values[index][input]
                guard let usual = Covariates.unplannedValue(observed, recent: horizon) else { continue }
                let future = (0..<horizon).map { step -> Double in
                    if let value = plan[record.firstBucket + observed.count + step]?[name] {
                        used += 1
                        return value
                    }
                    return usual
                }
                extended.values[index][input] = observed + future
            }
        }
        return (extended, used)
    }
}
