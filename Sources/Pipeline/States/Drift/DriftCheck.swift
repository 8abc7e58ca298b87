import Forecasting
import Formats

/// Compares the forecast of the previous successful run with the actuals that have since arrived.
///
/// Both the previous forecast and the drift history are run inputs (archived from
/// `processed/master/`), so a replay evaluates exactly the same buckets.
enum DriftCheck {
    /// What one run's check found.
    struct Outcome: Codable {
        var state: DriftTracker.State
        var event: DriftTracker.Event
        var evaluated: [BucketAccuracy]
        var threshold: Double
        var consecutiveBuckets: Int
        var clearRatio: Double
    }

    /// Runs the check, writing `drift.json` (per bucket, overall), `drift-skus.csv` (per SKU and bucket) and
    /// `drift-by-sku.csv` (WAPE and MAPE per SKU); nil when there is nothing to compare.
    static func run(_ context: StateContext) throws -> Outcome? {
        let settings = context.config.alerts.drift
        guard settings.enabled, context.failure == nil,
              let previous = context.inputs.first(where: { $0.producer == ReservedInputs.previousForecast }) else { return nil }
        var state = DriftTracker.State()
        if let history = context.inputs.first(where: { $0.producer == ReservedInputs.driftHistory }) {
            state = try JSONFile.decode(Outcome.self, path: context.inputPath(history)).state
        }
        let (series, grid) = try SeriesFile.read(folder: context.folder(.clean))
        let bySku = Dictionary(uniqueKeysWithValues: series.map { ($0.sku, $0) })
        let (columns, table) = try CSVTable.read(path: context.inputPath(previous), requiring: ["sku", "bucket", "forecast"])
        let evaluatedBefore = Set(state.history.map(\.bucket))
        var pairs: [String: [(forecast: Double, actual: Double)]] = [:]
        var skuRows: [[String]] = []
        for row in table.rows {
            let sku = CSVTable.text(row[columns[0]]), label = CSVTable.text(row[columns[1]])
            guard !evaluatedBefore.contains(label), let record = bySku[sku], let day = DateParsing.parseDay(label),
                  let forecast = Double(CSVTable.text(row[columns[2]])) else { continue }
            let bucket = grid.index(ofDay: Int(day))
            guard bucket <= grid.lastBucket else { continue }
            let offset = bucket - record.firstBucket
            let actual = offset >= 0 && offset < record.raw.count ? record.raw[offset] : 0
            pairs[label, default: []].append((forecast, actual))
            skuRows.append([sku, label, NumberText.format(forecast, decimals: 3), NumberText.format(actual), NumberText.format(abs(forecast - actual), decimals: 3)])
        }
        let evaluated = pairs.keys.sorted().map { BucketAccuracy.measure(bucket: $0, pairs: pairs[$0] ?? []) }
        var perSku: [String: [(forecast: Double, actual: Double)]] = [:]
        for row in skuRows { perSku[row[0], default: []].append((Double(row[2]) ?? 0, Double(row[3]) ?? 0)) }
        let skuSummary = perSku.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { sku -> [String] in
            let accuracy = BucketAccuracy.measure(bucket: sku, pairs: perSku[sku] ?? [])
            return [sku, String(accuracy.skus), NumberText.format(accuracy.wape, decimals: 4), accuracy.mape.map { NumberText.format($0, decimals: 4) } ?? ""]
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "buckets", "wape", "mape"], rows: skuSummary),
                                       to: context.output("drift-by-sku.csv"))
        let tracker = DriftTracker(threshold: settings.wapeThreshold, consecutiveBuckets: settings.consecutiveBuckets, clearRatio: settings.clearRatio)
        let (next, event) = tracker.update(state, with: evaluated)
        let outcome = Outcome(state: next, event: event, evaluated: evaluated, threshold: settings.wapeThreshold,
                              consecutiveBuckets: settings.consecutiveBuckets, clearRatio: settings.clearRatio)
        try FileSystem.writeAtomically(JSONFile.encode(outcome), to: context.output("drift.json"))
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "bucket", "forecast", "actual", "abs_error"], rows: skuRows),
                                       to: context.output("drift-skus.csv"))
        if let database = context.database {
            try database.sql.query("DELETE FROM drift_history WHERE run_id = ?", [.text(context.runId)])
            try database.sql.executeMany("INSERT INTO drift_history(run_id, bucket_start, wape, mape, skus, drifting) VALUES(?,?,?,?,?,?)",
                                         evaluated.map { [.text(context.runId), .text($0.bucket), .real($0.wape), $0.mape.map(SQLValue.real) ?? .null,
                                                          .integer(Int64($0.skus)), .integer($0.wape > settings.wapeThreshold ? 1 : 0)] })
        }
        let text = evaluated.map { "\($0.bucket) WAPE \(NumberText.format($0.wape * 100, decimals: 1))%" }.joined(separator: ", ")
        context.log.info(evaluated.isEmpty ? "drift: no new actuals for earlier forecasts" : "drift: \(text); \(next.consecutive) drifting bucket(s) in a row")
        return outcome
    }
}
