import Foundation
@testable import Pipeline

/// Runs one state directly in a scratch run folder, as the orchestrator would.
struct StateHarness {
    let root: String
    let runDirectory: String
    var config: PipelineConfig
    var inputs: [Manifest.InputFile] = []

    init(config: PipelineConfig = PipelineConfig(), _ label: String = #function) throws {
        root = temporaryFolder(label)
        runDirectory = "\(root)/run"
        self.config = config
        try FileSystem.createDirectory(runDirectory)
    }

    /// Writes a file an earlier state would have written.
    func write(_ state: StateName, _ name: String, _ text: String) throws {
        try writeFile("\(runDirectory)/\(state.rawValue)/\(name)", text)
    }

    /// Reads a file a state wrote.
    func read(_ state: StateName, _ name: String) throws -> String {
        try FileSystem.readText("\(runDirectory)/\(state.rawValue)/\(name)")
    }

    /// Runs `state` once.
    func run(_ state: any PipelineState) throws {
        try FileSystem.createDirectory("\(runDirectory)/\(state.name.rawValue)")
        let log = try StateLog(path: "\(runDirectory)/logs/\(state.name.rawValue).jsonl", state: state.name.rawValue, attempt: 1)
        let context = StateContext(state: state.name, attempt: 1, runDirectory: runDirectory, root: root, config: config,
                                   inputs: inputs, seed: 1, log: log, database: nil, runId: "test", failure: nil,
                                   deadline: ContinuousClock.now + .seconds(60), stop: StopSignal())
        try state.run(context)
    }

    func remove() { try? FileSystem.remove(root) }
}

/// A master-table CSV from (sku, ISO day, quantity) triples.
func transactionsCSV(_ rows: [(String, String, Double)]) -> String {
    "sku,date,quantity,price,store,producer,source\n" + rows.map { "\($0.0),\($0.1),\(NumberText.format($0.2)),,,p,f:1\n" }.joined()
}
