import Foundation
import Testing
@testable import Pipeline

/// The global LSTM through the whole pipeline: validated against the baselines per segment, trained,
/// checkpointed, used in the forecast, and replayed byte for byte.
@Suite(.serialized) struct NeuralForecastTests {
    static let config = TestRoot.configJSON.replacingOccurrences(
        of: TestRoot.modelJSON,
        with: #"""
            "model": {"horizon": 4, "seasonLength": 52, "cvOrigins": 2, "lookback": 8,
                      "candidates": ["naive", "simpleExponentialSmoothing", "tsb", "lstm"],
                      "lstm": {"hiddenUnits": 8, "epochs": 2, "windowsPerEpoch": 128, "batchSize": 32, "ensembleSize": 1, "patience": 1,
                               "historyStatistics": true, "trials": 3, "searchHiddenUnits": [4, 8], "searchLayers": [1, 1], "searchLookbacks": [8]}}
            """#)

    @Test func theNetworkIsValidatedTrainedUsedAndReplayedIdentically() throws {
        #expect(Self.config.contains("\"lstm\": {"))
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        try root.drop("vendor/globex_sales.jsonl", as: "globex/globex_sales.jsonl")
        let run = try root.succeedingRun().folder
        let study = try FileSystem.readText("\(run)/tune/study.json")
        #expect(study.contains("\"neural\""))
        #expect(study.contains("\"rules\""))
        #expect(study.contains("\"segments\""))
        #expect(study.contains("\"trials\"") && study.contains("\"curve\"") && study.contains("\"tuned\""))
        let log = try FileSystem.readText("\(run)/logs/tune-attempt1.jsonl")
        #expect(log.contains("fit epoch 1/2"))
        #expect(log.contains("trial 3 of 3:"))
        // Each trial line ends with the time spent and what is left: "(12 s, ETA 6 s)", the last one ETA 0.
        #expect(log.range(of: #"trial 1 of 3: [^"]*\(\d+ s, ETA \d+ s\)"#, options: .regularExpression) != nil, "\(log)")
        #expect(log.range(of: #"trial 3 of 3: [^"]*, ETA 0 s\)"#, options: .regularExpression) != nil, "\(log)")
        // Each trial is scored on two rolling origins, both recorded in the study.
        #expect(log.contains("rolling origin(s) per trial") && study.contains("\"foldWAPE\""), "\(study)")
        #expect(log.contains("rule per segment"))
        // Each segment's rule comes with the validation WAPE of every source there.
        #expect(log.range(of: #"rule per segment: [a-z]+→(lstm|blend|baseline) \(baseline ([0-9.]+%|n/a), blend ([0-9.]+%|n/a), lstm ([0-9.]+%|n/a)\)"#,
                          options: .regularExpression) != nil, "\(log)")
        // Validation reports point and total-volume accuracy of each source.
        #expect(log.contains("lstm WAPE ") && log.contains(", volume "), "\(log)")
        #expect(study.contains("\"volumeError\""))
        let manifest = try root.manifest(run)
        #expect(manifest.record(.tune).outputs.contains { $0.path.hasSuffix("lstm-validation.csv") })
        let trainOutputs = manifest.record(.train).outputs.map(\.path)
        let forecast = try FileSystem.readText("\(run)/forecast/forecast.csv")
        if trainOutputs.contains(where: { $0.hasSuffix("lstm-1.ckpt") }) {
            #expect(trainOutputs.contains { $0.hasSuffix("lstm-forecast.csv") })
            #expect(forecast.contains(",lstm,") || forecast.contains(",blend(lstm+"))
            // Each network-forecast SKU names its drivers (occlusion of history, season, SKU embedding).
            #expect(forecast.contains("history ") && forecast.contains("season ") && forecast.contains("sku "))
            #expect(study.contains("\"importance\""))
        } else {
            // Every segment's rule chose the baselines on validation data.
            #expect(!study.contains("\"lstm\" : \"lstm\"") && !forecast.contains(",lstm,"))
        }
        let replay = try DemandCLI.run(["replay", "\(run)/manifest.json"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }
}
