import Forecasting

/// `train`: fits each SKU's chosen model on its whole history.
public struct TrainState: PipelineState {
    public let name = StateName.train
    public init() {}

    public func run(_ context: StateContext) throws {
        let (series, grid) = try SeriesFile.read(folder: context.folder(.clean))
        let study = try JSONFile.decode(Study.self, path: context.file(.tune, "study.json"))
        var models: [String: FittedModel] = [:]
        for record in series {
            try context.checkpoint()
            let model = BaselineModel(rawValue: study.choices[record.sku] ?? "") ?? .naive
            models[record.sku] = model.fit(history: record.values, seasonLength: context.config.model.seasonLength)
        }
        try FileSystem.writeAtomically(JSONFile.encode(TrainedModels(models: models)), to: context.output("models.json"))
        context.log.info("fitted \(models.count) models")
        if study.neural != nil, series.contains(where: { study.source(of: $0.sku) != .baseline }) {
            try trainNetwork(series: series, grid: grid, study: study, context: context)
        }
    }

    /// Final fit of the global LSTM on all data: checkpoints and its forecast for every SKU.
    ///
    /// Each network trains on all data for as many epochs as its twin validated in `tune` (`NeuralStudy.epochs`),
    /// or, when the study has no count for it, finds its own by early stopping first.
    private func trainNetwork(series: [SeriesRecord], grid: BucketGrid, study: Study, context: StateContext) throws {
        let settings = NeuralStudy.settings(of: study, config: context.config)
        let knownEpochs = NeuralStudy.knownEpochs(of: study, settings: settings)
        let horizon = context.config.model.horizon
        let assembled = try ForecastCovariates.assemble(series: series, grid: grid, context: context)
        for note in assembled.notes {
            if note.warning { context.log.warning(note.message) } else { context.log.info(note.message) }
        }
        let covariates = assembled.covariates
        context.log.info("training the global LSTM on \(series.count) SKUs (\(settings.ensembleSize) network(s))" + (covariates.map { "; covariates " + $0.names.joined(separator: ", ") } ?? "")
                         + (context.config.model.attributes.isEmpty ? "" : "; attributes " + context.config.model.attributes.joined(separator: ", ") + " embedded"))
        let trained = NeuralForecaster.train(series: series.map(\.values), firstBuckets: series.map(\.firstBucket), covariates: covariates,
                                             attributes: try NetworkAttributes.read(path: context.file(.ingest, MasterTable.attributesFileName),
                                                                                    skus: series.map(\.sku), names: context.config.model.attributes),
                                             horizon: horizon,
                                             settings: settings, seed: context.seed, refit: true, knownEpochs: knownEpochs,
                                             knownVolumeFactor: study.neural?.volumeFactor ?? 1, progress: { context.log.info($0) })
        for (index, checkpoint) in trained.checkpoints().enumerated() {
            try FileSystem.writeAtomically(checkpoint, to: context.output("lstm-\(index + 1).ckpt"))
        }
        let forecasts = trained.forecastAll()
        var rows: [[String]] = []
        for (record, forecast) in zip(series, forecasts) {
            for (step, value) in forecast.enumerated() { rows.append([record.sku, String(step + 1), NumberText.format(value, decimals: 4)]) }
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "step", "forecast"], rows: rows), to: context.output(NetworkForecast.fileName))
        if let quantiles = trained.forecastQuantiles() {
            var quantileRows: [[String]] = []
            for (record, steps) in zip(series, quantiles) {
                for (step, values) in steps.enumerated() {
                    for (quantile, value) in zip(trained.quantiles, values) {
                        quantileRows.append([record.sku, String(step + 1), NumberText.format(quantile, decimals: 6), NumberText.format(value, decimals: 4)])
                    }
                }
            }
            try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "step", "quantile", "forecast"], rows: quantileRows),
                                           to: context.output(NetworkForecast.quantilesFileName))
            context.log.info("quantile loss: direct interval bounds for quantiles \(trained.quantiles.map { NumberText.format($0, decimals: 3) }.joined(separator: ", "))")
        }
        let drivers = trained.drivers().map { effects in
            effects.map { "\($0.group.rawValue) \($0.effect >= 0 ? "+" : "")\(NumberText.format($0.effect * 100, decimals: 1))%" }.joined(separator: "; ")
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "drivers"], rows: zip(series, drivers).map { [$0.sku, $1] }),
                                       to: context.output(NetworkForecast.driversFileName))
        let epochs = trained.epochs.map(String.init).joined(separator: ", ")
        if knownEpochs != nil {
            context.log.info("trained on all data for the epochs validated in tune: \(epochs)")
        } else {
            context.log.info("LSTM validation WAPE \(NumberText.format(trained.validationWAPE * 100, decimals: 1))%; epochs \(epochs)")
        }
    }
}
