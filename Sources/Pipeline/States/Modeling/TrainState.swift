import Forecasting

/// `train`: fits each SKU's chosen model on its whole history.
public struct TrainState: PipelineState {
    public let name = StateName.train
    public init() {}

    public func run(_ context: StateContext) throws {
        let (series, _) = try SeriesFile.read(folder: context.folder(.clean))
        let study = try JSONFile.decode(Study.self, path: context.file(.tune, "study.json"))
        var models: [String: FittedModel] = [:]
        for record in series {
            try context.checkpoint()
            let model = BaselineModel(rawValue: study.choices[record.sku] ?? "") ?? .naive
            models[record.sku] = model.fit(history: record.values, seasonLength: context.config.model.seasonLength)
        }
        try FileSystem.writeAtomically(JSONFile.encode(TrainedModels(models: models)), to: context.output("models.json"))
        context.log.info("fitted \(models.count) models")
    }
}
