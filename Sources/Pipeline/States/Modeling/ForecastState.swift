import Formats
import Forecasting

/// `forecast`: the next M buckets for every SKU, point and intervals, to `forecast.csv`,
/// `forecast.parquet` (typed columns) and the database.
public struct ForecastState: PipelineState {
    public let name = StateName.forecast
    public init() {}

    public func run(_ context: StateContext) throws {
        let settings = context.config
        let horizon = settings.model.horizon
        let (series, grid) = try SeriesFile.read(folder: context.folder(.clean))
        let trained = try JSONFile.decode(TrainedModels.self, path: context.file(.train, "models.json"))
        let intervals = try JSONFile.decode(IntervalArtifact.self, path: context.file(.residuals, "intervals.json"))
        let study = try JSONFile.decode(Study.self, path: context.file(.tune, "study.json"))
        let network = try NetworkForecast.read(folder: context.folder(.train))
        let drivers = try NetworkForecast.drivers(folder: context.folder(.train))
        let quantiles = try NetworkForecast.quantiles(folder: context.folder(.train))
        var direct = 0
        let levels = settings.intervals.levels
        var header = ["sku", "step", "bucket", "model", "forecast"]
        for level in levels {
            let percent = NumberText.format(level * 100)
            header += ["lower_\(percent)", "upper_\(percent)"]
        }
        header.append("drivers")
        var rows: [[String]] = []
        var points: [[SQLValue]] = []
        var bounds: [[SQLValue]] = []
        var numeric: [String: [[Double]]] = [:]  // sku → per step [point, lower, upper, …] for cold starts
        var stoppedSkus: [String] = []
        for record in series {
            try context.checkpoint()
            guard let model = trained.models[record.sku] else { continue }
            let source = study.source(of: record.sku)
            var forecast = model.forecast(horizon: horizon)
            var modelName = model.model.rawValue
            if source != .baseline, let network = network[record.sku], network.count == horizon {
                forecast = source.combine(network: network, baseline: forecast)
                modelName = source.label(baseline: modelName)
            }
            let stopped = StoppedSelling.hasStopped(record.values, horizon: horizon, seasonLength: settings.model.seasonLength)
            if stopped {
                forecast = Array(repeating: 0, count: horizon)
                modelName = StoppedSelling.label
                stoppedSkus.append(record.sku)
            }
            let scale = intervals.scales[record.sku] ?? (SeriesScale.variation(record.values) ?? 1) * (intervals.seasonalFactor ?? 1)
            for step in 0..<horizon {
                let bucket = grid.label(grid.lastBucket + 1 + step)
                let point = max(0, forecast[step])
                var row = [record.sku, String(step + 1), bucket, modelName, NumberText.format(point, decimals: 3)]
                var values = [point]
                points.append([.text(context.runId), .text(record.sku), .integer(Int64(step + 1)), .text(bucket), .text(modelName), .real(point)])
                for levelIndex in levels.indices {
                    var interval = intervals.interval.bounds(point: point, step: step, scale: scale, level: levelIndex,
                                                             lift: intervals.lifts?[record.sku]?[step] ?? 1)
                    // The network's own quantiles, when it was trained with the pinball loss and serves the SKU alone.
                    if source == .lstm, let steps = quantiles[record.sku], step < steps.count,
                       let bounds = NetworkForecast.bounds(steps[step], level: levels[levelIndex]) {
                        interval = (min(bounds.lower, point), max(bounds.upper, point))
                        direct += 1
                    }
                    row += [NumberText.format(interval.lower, decimals: 3), NumberText.format(interval.upper, decimals: 3)]
                    values += [interval.lower, interval.upper]
                    bounds.append([.text(context.runId), .text(record.sku), .integer(Int64(step + 1)), .real(levels[levelIndex]),
                                   .real(interval.lower), .real(interval.upper)])
                }
                rows.append(row + [source != .baseline && !stopped ? drivers[record.sku] ?? "" : ""])
                numeric[record.sku, default: []].append(values)
            }
        }
        if !stoppedSkus.isEmpty { context.log.info(StoppedSelling.note(count: stoppedSkus.count, names: stoppedSkus)) }
        let cold = try ColdStart.forecasts(known: numeric, stopped: Set(stoppedSkus), config: settings, attributesPath: context.file(.ingest, MasterTable.attributesFileName))
        for entry in cold {
            for step in 0..<horizon {
                let bucket = grid.label(grid.lastBucket + 1 + step)
                let values = entry.values[step]
                rows.append([entry.sku, String(step + 1), bucket, entry.model] + values.map { NumberText.format($0, decimals: 3) } + [""])
                points.append([.text(context.runId), .text(entry.sku), .integer(Int64(step + 1)), .text(bucket), .text(entry.model), .real(values[0])])
                for levelIndex in levels.indices {
                    bounds.append([.text(context.runId), .text(entry.sku), .integer(Int64(step + 1)), .real(levels[levelIndex]),
                                   .real(values[1 + 2 * levelIndex]), .real(values[2 + 2 * levelIndex])])
                }
            }
            context.log.info("\(entry.sku) has no sales history: cold-start forecast from \(entry.basis)")
        }
        try FileSystem.writeAtomically(CSVTable.render(header: header, rows: rows), to: context.output("forecast.csv"))
        try FileSystem.writeAtomically(ForecastParquet.encode(header: header, rows: rows, path: context.output("forecast.parquet")),
                                       to: context.output("forecast.parquet"))
        if let database = context.database {
            try database.sql.query("DELETE FROM forecasts WHERE run_id = ?", [.text(context.runId)])
            try database.sql.query("DELETE FROM forecast_intervals WHERE run_id = ?", [.text(context.runId)])
            try database.sql.executeMany("INSERT INTO forecasts(run_id, sku, step, bucket_start, model, point) VALUES(?,?,?,?,?,?)", points)
            try database.sql.executeMany("INSERT INTO forecast_intervals(run_id, sku, step, level, lower, upper) VALUES(?,?,?,?,?,?)", bounds)
        }
        if direct > 0 { context.log.info("\(direct) intervals are the network's own quantiles (quantile loss); the rest are residual-based (\(settings.intervals.method))") }
        context.log.info("forecast \(series.count) SKUs × \(horizon) buckets from \(grid.label(grid.lastBucket + 1))")
    }
}

/// The forecast table as Parquet: text columns as strings, `step` as an integer, `bucket` as a date,
/// every other column as a double.
enum ForecastParquet {
    static func encode(header: [String], rows: [[String]], path: String) throws -> [UInt8] {
        let columns = header.enumerated().map { index, name -> ParquetWriterColumn in
            let texts = rows.map { $0[index] }
            switch name {
            case "sku", "model", "drivers": return ParquetWriterColumn(name: name, data: .string(texts))
            case "step": return ParquetWriterColumn(name: name, data: .int64(texts.map { Int64($0) }))
            case "bucket": return ParquetWriterColumn(name: name, data: .date(texts.map { DateParsing.parseDay($0) }))
            default: return ParquetWriterColumn(name: name, data: .double(texts.map { Double($0) }))
            }
        }
        return try ParquetWriter.encode(columns: columns, path: path)
    }
}
