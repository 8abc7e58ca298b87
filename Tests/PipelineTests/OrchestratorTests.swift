import Foundation
import Synchronization
import Testing
@testable import Pipeline

/// A state that writes one file and can be told to fail its first attempts or stop.
struct ScriptedState: PipelineState {
    let name: StateName
    var failures = 0
    var interruptOnce = false
    /// The kind of the scripted failures: `io` is retried, `input` is not.
    var failureKind = PipelineError.Kind.io
    let counter: Counter

    final class Counter: Sendable {
        let runs = Mutex<[StateName: Int]>([:])
        func increment(_ state: StateName) -> Int { runs.withLock { $0[state, default: 0] += 1; return $0[state]! } }
        func count(_ state: StateName) -> Int { runs.withLock { $0[state, default: 0] } }
    }

    func run(_ context: StateContext) throws {
        let count = counter.increment(name)
        if interruptOnce && count == 1 { context.stop.request() }
        try context.checkpoint()
        if count <= failures { throw PipelineError(failureKind, "scripted failure \(count) of \(name.rawValue)") }
        try FileSystem.writeAtomically("\(name.rawValue) output\n", to: context.output("out.txt"))
        context.log.info("wrote out.txt")
    }
}

@Suite struct OrchestratorTests {
    func makeManifest(_ store: RunStore, config: PipelineConfig) throws -> Manifest {
        try RunFactory.newManifest(runId: store.newRunId(), trigger: "test", config: config, inputs: [],
                                   build: BuildInfo(version: "test", sourceRevision: "test", executableSHA256: "test"))
    }

    func states(_ counter: ScriptedState.Counter, failing: StateName? = nil, failures: Int = 0, interrupt: StateName? = nil) -> [any PipelineState] {
        StateName.allCases.map { name in
            ScriptedState(name: name, failures: name == failing ? failures : 0, interruptOnce: name == interrupt, counter: counter)
        }
    }

    @Test func runsEveryStateAndRecordsOutputs() throws {
        let root = temporaryFolder()
        defer { try? FileSystem.remove(root) }
        let config = PipelineConfig()
        let store = try RunStore(root: root, config: config)
        let counter = ScriptedState.Counter()
        let final = try Orchestrator(states: states(counter), store: store, sleep: { _ in }).execute(makeManifest(store, config: config), config: config)
        #expect(final.status == .succeeded)
        #expect(final.states.allSatisfy { $0.status == .succeeded && $0.outputs.count == 1 })
        let reloaded = try store.load(runId: final.runId)
        #expect(reloaded == final)
        let output = final.record(.train).outputs[0]
        #expect(output.path == "train/out.txt")
        #expect(output.sha256 == "\(SHA256Hex.of("train output\n"))")
        #expect(FileSystem.exists("\(store.runDirectory(final.runId))/logs/train-attempt1.jsonl"))
        #expect(try store.database.stateStatuses(runId: final.runId)["forecast"] == "succeeded")
    }

    @Test func retriesThenSucceedsWithDeterministicWaits() throws {
        let root = temporaryFolder()
        defer { try? FileSystem.remove(root) }
        var config = PipelineConfig()
        config.retry.defaultPolicy.intervalSeconds = 1
        config.retry.defaultPolicy.backoffRate = 2
        let store = try RunStore(root: root, config: config)
        let counter = ScriptedState.Counter()
        let waits = Mutex<[Double]>([])
        let orchestrator = Orchestrator(states: states(counter, failing: .clean, failures: 2), store: store,
                                        sleep: { seconds in waits.withLock { $0.append(seconds) } })
        let final = try orchestrator.execute(makeManifest(store, config: config), config: config)
        #expect(final.status == .succeeded)
        #expect(final.record(.clean).attempts == 3)
        #expect(final.record(.clean).logs == ["logs/clean-attempt1.jsonl", "logs/clean-attempt2.jsonl", "logs/clean-attempt3.jsonl"])
        let recorded = waits.withLock { $0 }
        #expect(recorded.count == 2)
        #expect(abs(recorded[0] - 1) <= 0.1 + 1e-9 && abs(recorded[1] - 2) <= 0.2 + 1e-9)
        let log = try FileSystem.readText("\(store.runDirectory(final.runId))/logs/clean-attempt1.jsonl")
        #expect(log.contains("scripted failure 1 of clean"))
        #expect(log.contains("\"level\":\"error\""))
    }

    @Test func exhaustedRetriesFailTheRunAndAlertStillRuns() throws {
        let root = temporaryFolder()
        defer { try? FileSystem.remove(root) }
        let config = PipelineConfig()
        let store = try RunStore(root: root, config: config)
        let counter = ScriptedState.Counter()
        let final = try Orchestrator(states: states(counter, failing: .ingest, failures: 99), store: store, sleep: { _ in })
            .execute(makeManifest(store, config: config), config: config)
        #expect(final.status == .failed)
        #expect(final.record(.ingest).status == .failed)
        #expect(final.record(.ingest).attempts == 3)
        #expect(final.record(.ingest).error?.contains("scripted failure 3 of ingest") == true)
        #expect(final.record(.clean).status == .skipped)
        #expect(final.record(.alert).status == .succeeded)
        #expect(counter.count(.clean) == 0)
    }

    @Test func anInputErrorIsNotRetried() throws {
        let root = temporaryFolder()
        defer { try? FileSystem.remove(root) }
        let config = PipelineConfig()
        let store = try RunStore(root: root, config: config)
        let counter = ScriptedState.Counter()
        var states = states(counter)
        states[0] = ScriptedState(name: .ingest, failures: 99, failureKind: .input, counter: counter)
        let final = try Orchestrator(states: states, store: store, sleep: { _ in })
            .execute(makeManifest(store, config: config), config: config)
        #expect(final.record(.ingest).status == .failed)
        #expect(final.record(.ingest).attempts == 1)
        #expect(counter.count(.ingest) == 1)
        let log = try FileSystem.readText("\(store.runDirectory(final.runId))/logs/ingest-attempt1.jsonl")
        #expect(log.contains("not retried: this input error comes back on every attempt until the file or the config is fixed"))
        #expect(!log.contains("retrying"))
        #expect(final.record(.alert).status == .succeeded)
    }

    @Test func resumeSkipsCompletedStatesAfterAnInterruption() throws {
        let root = temporaryFolder()
        defer { try? FileSystem.remove(root) }
        let config = PipelineConfig()
        let store = try RunStore(root: root, config: config)
        let counter = ScriptedState.Counter()
        let stop = StopSignal()
        let first = try Orchestrator(states: states(counter, interrupt: .train), store: store, stop: stop, sleep: { _ in })
            .execute(makeManifest(store, config: config), config: config)
        #expect(first.status == .interrupted)
        #expect(first.record(.tune).status == .succeeded)
        #expect(first.record(.train).status == .interrupted)
        let resumed = try Orchestrator(states: states(counter), store: store, sleep: { _ in })
            .execute(store.load(runId: first.runId), config: config)
        #expect(resumed.status == .succeeded)
        #expect(counter.count(.ingest) == 1)
        #expect(counter.count(.tune) == 1)
        #expect(counter.count(.train) == 2)
        #expect(counter.count(.forecast) == 1)
    }

    @Test func resumeRedoesAStateWhoseOutputWasTamperedWith() throws {
        let root = temporaryFolder()
        defer { try? FileSystem.remove(root) }
        let config = PipelineConfig()
        let store = try RunStore(root: root, config: config)
        let counter = ScriptedState.Counter()
        let stop = StopSignal()
        let first = try Orchestrator(states: states(counter, interrupt: .train), store: store, stop: stop, sleep: { _ in })
            .execute(makeManifest(store, config: config), config: config)
        try FileSystem.writeAtomically("edited\n", to: "\(store.runDirectory(first.runId))/clean/out.txt")
        _ = try Orchestrator(states: states(counter), store: store, sleep: { _ in }).execute(store.load(runId: first.runId), config: config)
        #expect(counter.count(.ingest) == 1)
        #expect(counter.count(.clean) == 2)
    }
}

/// SHA-256 hex of a string, via the Formats implementation.
enum SHA256Hex {
    static func of(_ text: String) -> String {
        FormatsSHA.hex(text)
    }
}

import Formats
enum FormatsSHA {
    static func hex(_ text: String) -> String { SHA256.hexDigest(of: Array(text.utf8)) }
}
