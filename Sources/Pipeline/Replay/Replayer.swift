import Foundation
import Formats

/// Re-runs a run from its manifest — archived inputs, resolved config, seeds — and compares outputs.
public struct Replayer: Sendable {
    /// Progress lines for the terminal.
    public let echo: (@Sendable (String) -> Void)?

    /// Creates a replayer.
    public init(echo: (@Sendable (String) -> Void)? = nil) { self.echo = echo }

    /// How one state compared.
    public struct StateComparison: Sendable {
        /// The state.
        public var state: StateName
        /// Whether every output is byte-identical (same names, sizes and SHA-256).
        public var identical: Bool
        /// The first output that differs (or is missing on one side), if any.
        public var firstDifference: String?
        /// Number of outputs compared.
        public var outputs: Int
    }

    /// The outcome of a replay.
    public struct Report: Sendable {
        /// The replay's own folder.
        public var replayDirectory: String
        /// Inputs whose archived copy no longer matches the manifest's SHA-256.
        public var changedInputs: [String]
        /// Per-state comparison, in run order.
        public var states: [StateComparison]
        /// Whether every state is identical.
        public var identical: Bool { states.allSatisfy(\.identical) && changedInputs.isEmpty }
        /// The first state that differs.
        public var firstDifferingState: StateComparison? { states.first { !$0.identical } }
    }

    /// Replays the run described by the manifest at `manifestPath`.
    public func replay(manifestPath: String) throws -> Report {
        let original = try ManifestCodec.decode(FileSystem.readText(manifestPath), file: manifestPath)
        let runDirectory = (manifestPath as NSString).deletingLastPathComponent
        var changed: [String] = []
        for input in original.inputs {
            let path = "\(runDirectory)/\(input.archivedPath)"
            guard FileSystem.exists(path) else {
                throw PipelineError(.replay, "\(path): archived input '\(input.originalName)' is missing; cannot replay")
            }
            if try SHA256.hexDigest(ofFile: path) != input.sha256 {
                changed.append(input.originalName)
                echo?("input \(input.originalName): archived copy differs from its recorded SHA-256")
            }
        }
        let runsFolder = (runDirectory as NSString).deletingLastPathComponent
        let base = ((runsFolder as NSString).lastPathComponent == "runs")
            ? "\((runsFolder as NSString).deletingLastPathComponent)/replays/\(original.runId)-\(Timestamp.compact())"
            : "\(runDirectory)-replay-\(Timestamp.compact())"
        var config = try RunFactory.config(of: original)
        config.paths.artifacts = base
        let store = try RunStore(root: base, config: config)
        for input in original.inputs {
            try FileSystem.copy("\(runDirectory)/\(input.archivedPath)", to: "\(store.runDirectory(original.runId))/\(input.archivedPath)")
        }
        let manifest = try RunFactory.newManifest(runId: original.runId, trigger: "replay", config: RunFactory.config(of: original),
                                                  inputs: original.inputs)
        echo?("replaying run \(original.runId) in \(store.runDirectory(original.runId))")
        let orchestrator = Orchestrator(states: StandardStates.all(), store: store, echo: echo, sleep: { _ in })
        let replayed = try orchestrator.execute(manifest, config: try RunFactory.config(of: original))
        let states = StateName.allCases.map { compare(original.record($0), replayed.record($0)) }
        return Report(replayDirectory: store.runDirectory(original.runId), changedInputs: changed, states: states)
    }

    private func compare(_ original: Manifest.StateRecord, _ replayed: Manifest.StateRecord) -> StateComparison {
        let before = Dictionary(uniqueKeysWithValues: original.outputs.map { ($0.path, $0) })
        let after = Dictionary(uniqueKeysWithValues: replayed.outputs.map { ($0.path, $0) })
        let paths = Set(before.keys).union(after.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for path in paths {
            switch (before[path], after[path]) {
            case let (a?, b?) where a.sha256 == b.sha256 && a.size == b.size: continue
            case (_?, nil): return StateComparison(state: original.name, identical: false, firstDifference: "\(path) (missing in replay)", outputs: paths.count)
            case (nil, _?): return StateComparison(state: original.name, identical: false, firstDifference: "\(path) (not in the original run)", outputs: paths.count)
            default: return StateComparison(state: original.name, identical: false, firstDifference: "\(path) (content differs)", outputs: paths.count)
            }
        }
        if original.status != replayed.status {
            return StateComparison(state: original.name, identical: false,
                                   firstDifference: "status \(original.status.rawValue) → \(replayed.status.rawValue)", outputs: paths.count)
        }
        return StateComparison(state: original.name, identical: true, firstDifference: nil, outputs: paths.count)
    }
}
