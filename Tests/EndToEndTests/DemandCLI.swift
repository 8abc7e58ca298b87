import Foundation
import Testing
@testable import Pipeline

/// Runs the built `demand` executable the way a user does, capturing exit status and output.
struct DemandCLI {
    /// The executable beside the test bundle in `.build/<configuration>/`.
    static let executable: String = {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = (bundle as NSString).deletingLastPathComponent
        while folder.count > 1 {
            if FileManager.default.isExecutableFile(atPath: "\(folder)/demand") { return "\(folder)/demand" }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return "demand"
    }()

    /// What one invocation printed and returned.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `demand` with arguments in `directory`, waiting for it to exit.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension DemandCLI {
    /// Runs another tool (rsync, cp) to completion and returns its exit status.
    static func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A temporary daemon root with a config for two test producers (acme CSV, globex JSON Lines).
struct TestRoot {
    let path: String

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// The test config's `model` object: baselines only (the LSTM, a default candidate, is driven by
    /// its own suites with a small network).
    static let modelJSON = #""model": {"horizon": 4, "seasonLength": 52, "cvOrigins": 2, "candidates": \#(baselineCandidates)}"#

    /// Every baseline, as a JSON list for `model.candidates`.
    static let baselineCandidates = #"["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "holt", "croston", "tsb", "combination"]"#

    static let configJSON = """
        {
          "seed": 7,
          "producers": [
            {"name": "acme", "patterns": ["acme_*.csv"], "delimiter": ";", "decimalComma": true, "dateFormat": "dd/MM/yyyy",
             "columns": {"sku": "item_code", "date": "sold_on", "quantity": "qty_sold", "price": "unit_price"},
             "attributes": {"description": "item_name"}},
            {"name": "globex", "patterns": ["globex_*.jsonl"],
             "columns": {"sku": "sku", "date": "date", "quantity": "units"},
             "filters": [{"column": "region", "exclude": ["test"]}]}
          ],
          "ingest": {"excludeSkus": ["POST"], "maxBadRowShare": 0.0},
          "clean": {"minTotalQuantity": 10, "keepSkus": ["B400"]},
          "features": {"periods": [52, 13], "rollingWindows": [4]},
          \(modelJSON),
          "intervals": {"levels": [0.8, 0.95], "backtestWindows": 3},
          "retry": {"default": {"maxAttempts": 2, "intervalSeconds": 0.01, "maxDelaySeconds": 0.05, "timeoutSeconds": 120}}
        }
        """

    /// Creates the root with `config/demand.json` and an empty landing folder.
    init(_ label: String = #function, config: String = TestRoot.configJSON) throws {
        let name = label.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "demand-e2e-\(name)-\(UUID().uuidString.prefix(8))"
        try FileSystem.createDirectory("\(path)/landing")
        try FileSystem.writeAtomically(config, to: "\(path)/config/demand.json")
    }

    /// Copies a fixture into landing under `name` (may include a producer subfolder).
    func drop(_ fixture: String, as name: String) throws {
        try FileSystem.copy("\(Self.fixtures)/\(fixture)", to: "\(path)/landing/\(name)")
    }

    /// Writes a file into landing.
    func drop(text: String, as name: String) throws {
        try FileSystem.writeAtomically(text, to: "\(path)/landing/\(name)")
    }

    /// Runs `demand` with `--root` set to this root.
    @discardableResult
    func demand(_ arguments: [String], environment: [String: String] = [:]) throws -> DemandCLI.Output {
        try DemandCLI.run(arguments + ["--root", path], environment: environment)
    }

    /// Runs `demand run` with `arguments`, expects it to succeed, and returns the newest run folder and the output.
    func succeedingRun(_ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (folder: String, output: DemandCLI.Output) {
        let output = try demand(["run"] + arguments)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)", sourceLocation: sourceLocation)
        return (try #require(try runs().last, sourceLocation: sourceLocation), output)
    }

    /// Back-tests two files that should hold the same sales (holdout 8, one JSON report each) and checks
    /// that both succeed with the same table; returns both outputs for further checks.
    func backtestTwins(_ first: String, _ second: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (first: DemandCLI.Output, second: DemandCLI.Output) {
        let one = try demand(["backtest", "--input", first, "--holdout", "8", "--json", "\(path)/first.json"])
        let two = try demand(["backtest", "--input", second, "--holdout", "8", "--json", "\(path)/second.json"])
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)", sourceLocation: sourceLocation)
        #expect(two.status == 0, "\(two.stdout)\(two.stderr)", sourceLocation: sourceLocation)
        // Same series, same scores: only the report's file name differs.
        #expect(one.stdout.replacingOccurrences(of: "first.json", with: "second.json") == two.stdout, "\(one.stdout)\n---\n\(two.stdout)",
                sourceLocation: sourceLocation)
        return (one, two)
    }

    /// Checks that `config check` refuses `config` with each change made (`change` replaced by `changed`),
    /// printing `message`.
    func expectRefusals(of config: String, _ changes: [(change: String, changed: String, message: String)],
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (change, changed, message) in changes {
            let changedPath = "\(path)/changed.json"
            #expect(config.contains(change), sourceLocation: sourceLocation)
            try FileSystem.writeAtomically(config.replacingOccurrences(of: change, with: changed), to: changedPath)
            let result = try demand(["config", "check", changedPath])
            #expect(result.status != 0, sourceLocation: sourceLocation)
            #expect((result.stdout + result.stderr).contains(message), "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// The run folders, oldest first.
    func runs() throws -> [String] {
        try FileSystem.list("\(path)/artifacts/runs").map { "\(path)/artifacts/runs/\($0)" }
    }

    /// The manifest of a run folder.
    func manifest(_ runFolder: String) throws -> Manifest {
        try ManifestCodec.decode(FileSystem.readText("\(runFolder)/manifest.json"), file: runFolder)
    }

    func remove() { try? FileSystem.remove(path) }
}
