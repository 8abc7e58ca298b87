import Foundation
import NeuralNet
import Testing
@testable import Pipeline

/// `model.lstm.head: "steps"`: each forecast step read from the network's state at its own bucket, so a
/// sharp seasonal week that last year's values announce reaches that step's forecast, through `demand
/// run` (checkpoints, forecast; `train` refitting for the epochs `tune` validated) and `demand backtest`.
@Suite(.serialized) struct StepwiseHeadTests {
    /// The test config with a small network (`epochs` of 512 windows) among `candidates`.
    static func config(head: String, epochs: Int = 8, candidates: String = #"["naive", "seasonalNaive", "lstm"]"#) -> String {
        TestRoot.configJSON.replacingOccurrences(of: TestRoot.modelJSON, with: #"""
            "model": {"horizon": 4, "seasonLength": 52, "cvOrigins": 2, "lookback": 8,
                      "candidates": \#(candidates),
                      "lstm": {"hiddenUnits": 16, "epochs": \#(epochs), "windowsPerEpoch": 512, "batchSize": 32, "ensembleSize": 1,
                               "patience": 8, "learningRate": 0.01, "head": "\#(head)"}}
            """#)
    }

    /// Acme's weekly sales of eight products over 130 weeks from Monday 2022-01-03: a steady level of
    /// 20–41 units, and six times that in weeks 24 and 25 of every 52 (the last holdout steps of a
    /// four-week backtest), as a back-to-school or a festival week sells.
    static func spikeFile() -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for (week, date) in WeeklyDates.strings(fromYear: 2022, month: 1, day: 3, weeks: 130, format: "dd/MM/yyyy").enumerated() {
            for product in 0..<8 {
                let level = 20 + 3 * product + (week * 7 + product) % 5
                let quantity = (24...25).contains(week % 52) ? 6 * level : level
                lines.append("P00\(product);\(date);\(quantity);2,5")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aRunTrainsAndForecastsWithStepwiseNetworks() throws {
        // Seasonal naive would win validation on weeks this regular, and the network would not be trained.
        let root = try TestRoot(config: Self.config(head: "steps", epochs: 6, candidates: #"["naive", "lstm"]"#))
        defer { root.remove() }
        try root.drop(text: Self.spikeFile(), as: "acme/acme_weekly.csv")
        let run = try root.succeedingRun().folder
        let log = try FileSystem.readText("\(run)/logs/tune-attempt1.jsonl")
        #expect(log.contains("stepwise head: each forecast step is read from the network's state at its own bucket"), "\(log)")
        let checkpoint = try SequenceModel(checkpoint: FileSystem.read("\(run)/train/lstm-1.ckpt"))
        #expect(checkpoint.architecture.stepwiseHead)
        // train trains on all data for as many epochs as tune's validated network, without a second early-stopped fit.
        let epochs = try #require(try JSONFile.decode(Study.self, path: "\(run)/tune/study.json").neural?.epochs)
        let trainLog = try FileSystem.readText("\(run)/logs/train-attempt1.jsonl")
        #expect(trainLog.contains("trained on all data for the epochs validated in tune: \(epochs.map(String.init).joined(separator: ", "))"),
                "\(trainLog)")
        #expect(trainLog.contains("\"message\":\"refit epoch 1/") && !trainLog.contains("\"message\":\"fit epoch"), "\(trainLog)")
        let forecast = try FileSystem.readText("\(run)/forecast/forecast.csv")
        #expect(forecast.split(separator: "\n").filter { $0.hasPrefix("P00") && $0.contains(",lstm,") }.count == 8 * 4, "\(forecast)")
    }

    /// Held out, the spike is the last two of four weeks: the stepwise network forecasts it there
    /// and not in the two weeks before.
    @Test func theBacktestForecastsTheSpikeInItsOwnWeeks() throws {
        let root = try TestRoot(config: Self.config(head: "steps"))
        defer { root.remove() }
        let file = "\(root.path)/acme_weekly.csv"
        try FileSystem.writeAtomically(Self.spikeFile(), to: file)
        let result = try root.demand(["backtest", "--input", file, "--forecasts", "\(root.path)/forecasts.csv"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("stepwise head: each forecast step"), "\(result.stderr)")
        let rows = try FileSystem.readText("\(root.path)/forecasts.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let lstm = try #require(rows.first?.firstIndex(of: "lstm"))
        var byStep = [Double](repeating: 0, count: 4), actual = [Double](repeating: 0, count: 4)
        for row in rows.dropFirst() {
            let step = try #require(Int(row[1])) - 1
            byStep[step] += Double(row[lstm]) ?? .nan
            actual[step] += Double(row[2]) ?? .nan
        }
        #expect(actual[2] > 5 * actual[1], "\(actual)")
        // The spike weeks forecast at least three times the weeks before, each within half of what sold.
        #expect(byStep[2] > 3 * byStep[1] && byStep[3] > 3 * byStep[0], "\(byStep) against \(actual)")
        #expect((0..<4).allSatisfy { abs(byStep[$0] - actual[$0]) < 0.5 * actual[$0] }, "\(byStep) against \(actual)")
    }

    /// A misspelt choice is refused when the config is read, naming the key and the choices.
    @Test func anUnknownHeadIsAConfigError() throws {
        let root = try TestRoot(config: Self.config(head: "middle"))
        defer { root.remove() }
        let refused = try root.demand(["config", "check"])
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("head") && refused.stderr.contains("expected final or steps"), "\(refused.stderr)")
    }
}
