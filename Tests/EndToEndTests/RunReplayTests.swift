import Foundation
import Testing
@testable import Pipeline

@Suite(.serialized) struct RunReplayTests {
    func rootWithSales() throws -> TestRoot {
        let root = try TestRoot()
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        try root.drop("vendor/globex_sales.jsonl", as: "globex_sales.jsonl")
        return root
    }

    @Test func runSucceedsAndItsManifestMatchesTheFiles() throws {
        let root = try rootWithSales()
        defer { root.remove() }
        let (run, result) = try root.succeedingRun(["--quiet"])
        #expect(result.stdout.contains("forecasts: \(run)/forecast.csv"))
        let manifest = try root.manifest(run)
        #expect(manifest.status == .succeeded)
        #expect(manifest.inputs.map(\.originalName) == ["acme_sales.csv", "globex_sales.jsonl"])
        for input in manifest.inputs {
            #expect(try SHA256.hexDigest(ofFile: "\(run)/\(input.archivedPath)") == input.sha256)
        }
        for state in manifest.states {
            #expect(state.status == .succeeded)
            #expect(!state.outputs.isEmpty)
            for output in state.outputs {
                #expect(try SHA256.hexDigest(ofFile: "\(run)/\(output.path)") == output.sha256, "\(output.path)")
                #expect(try FileSystem.size("\(run)/\(output.path)") == output.size)
            }
        }
        #expect(manifest.configSHA256 == SHA256.hexDigest(of: Array(try ConfigLoader.canonicalJSON(manifest.config).utf8)))
        let forecast = try FileSystem.readText("\(run)/forecast.csv").split(separator: "\n")
        #expect(forecast.first == "sku,step,bucket,model,forecast,lower_80,upper_80,lower_95,upper_95,drivers")
        let skus = Set(forecast.dropFirst().map { $0.split(separator: ",")[0] })
        #expect(skus.isSuperset(of: ["A100", "A200", "C500", "B400"]))
        #expect(!skus.contains("POST"))
        #expect(forecast.count - 1 == skus.count * 4)
        let attributes = try FileSystem.readText("\(root.path)/processed/master/attributes.csv")
        #expect(attributes.contains("A100,Item A100; size M"))
        #expect(FileSystem.exists("\(root.path)/landing/acme/acme_sales.csv") == false)
    }

    @Test func replayIsIdenticalAndAnEditedInputIsNamed() throws {
        let root = try rootWithSales()
        defer { root.remove() }
        try root.demand(["run", "--quiet"])
        let run = try #require(try root.runs().first)
        let replay = try DemandCLI.run(["replay", "\(run)/manifest.json", "--quiet"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        for state in StateName.allCases { #expect(replay.stdout.contains("\(state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) identical")) }
        let manifest = try root.manifest(run)
        let acme = try #require(manifest.inputs.first { $0.producer == "acme" })
        let path = "\(run)/\(acme.archivedPath)"
        try FileSystem.writeAtomically(FileSystem.readText(path).replacingOccurrences(of: "A100;03/01/2022;8;", with: "A100;03/01/2022;9;"), to: path)
        let edited = try DemandCLI.run(["replay", "\(run)/manifest.json", "--quiet"])
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("first differing state is 'ingest'"))
        #expect(edited.stdout.contains("ingest/transactions.csv"))
    }

    @Test func secondRunAccumulatesHistoryAndSkipsDuplicates() throws {
        let root = try rootWithSales()
        defer { root.remove() }
        try root.demand(["run", "--quiet"])
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales_copy.csv")
        let duplicate = try root.demand(["run"])
        #expect(duplicate.status == 4)
        #expect(duplicate.stderr.contains("already processed"))
        try root.drop(text: "item_code;sold_on;qty_sold;unit_price\nZ900;01/06/2023;50;1,0\n", as: "acme/acme_new.csv")
        let second = try root.demand(["run", "--quiet"])
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        let runs = try root.runs()
        #expect(runs.count == 2)
        let manifest = try root.manifest(runs[1])
        #expect(manifest.inputs.contains { $0.producer == MasterTable.producer })
        let transactions = try FileSystem.readText("\(runs[1])/ingest/transactions.csv")
        #expect(transactions.contains("A100,2022-01-03,8"))
        #expect(transactions.contains("Z900,2023-06-01,50"))
    }

    @Test func killedDuringTrainResumesWithoutRedoingFinishedStates() throws {
        let root = try rootWithSales()
        defer { root.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DemandCLI.executable)
        process.arguments = ["run", "--quiet", "--root", root.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["DEMAND_PAUSE_IN_STATE": "train:30"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var trainRunning = false
        for _ in 0..<600 where !trainRunning {
            usleep(50_000)
            if let run = try? root.runs().first, let manifest = try? root.manifest(run), manifest.record(.train).status == .running {
                trainRunning = true
            }
        }
        #expect(trainRunning)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let run = try #require(try root.runs().first)
        let killed = try root.manifest(run)
        #expect(killed.record(.tune).status == .succeeded)
        #expect(killed.record(.train).status == .running)
        let resumed = try root.demand(["run", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stderr.contains("[tune] already done, skipping"))
        let final = try root.manifest(run)
        #expect(final.status == .succeeded)
        for state in [StateName.ingest, .clean, .features, .tune] { #expect(final.record(state).attempts == 1) }
        #expect(final.record(.train).attempts == 2)
        #expect(!FileSystem.exists("\(run)/logs/ingest-attempt2.jsonl"))
        #expect(FileSystem.exists("\(run)/forecast.csv"))
    }
}

import Formats
