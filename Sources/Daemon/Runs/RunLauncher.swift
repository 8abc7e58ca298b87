import Foundation
import Formats
import Pipeline

/// Starts runs for a root: claims what is in `landing/`, executes the states, publishes the results.
///
/// Used by `demand run` (one run, then exit) and by the daemon (a run per settled batch).
public struct RunLauncher: Sendable {
    /// The daemon root.
    public let root: String
    /// The loaded configuration.
    public let config: PipelineConfig
    /// Progress lines for the terminal.
    public let echo: (@Sendable (String) -> Void)?
    /// Set on SIGTERM.
    public let stop: StopSignal

    /// Creates a launcher.
    public init(root: String, config: PipelineConfig, stop: StopSignal = StopSignal(), echo: (@Sendable (String) -> Void)? = nil) {
        self.root = root
        self.config = config
        self.stop = stop
        self.echo = echo
    }

    /// What a run produced, for printing.
    public struct Result: Sendable {
        /// The final manifest.
        public var manifest: Manifest
        /// The run's folder.
        public var runDirectory: String
        /// Claiming results (duplicates and quarantined files).
        public var duplicates: [String] = []
        public var quarantined: [String] = []
    }

    /// Paths of the root's folders.
    public var landing: String { resolve(config.paths.landing) }
    public var processed: String { resolve(config.paths.processed) }

    /// Claims every ready file in landing and runs the pipeline once on them (plus the master table).
    public func runOnce(trigger: String) throws -> Result {
        try run(files: LandingScanner(landing: landing, producers: config.producers).scan(), trigger: trigger)
    }

    /// Claims `files` and runs the pipeline on them plus the master table.
    ///
    /// With `allowNoNewFiles` (scheduled retrains) a run over the master table alone is fine.
    /// With `quarantineInvalid` (the daemon), a file that would fail ingest goes to quarantine with a
    /// reason before the run starts, and the run goes ahead with the others.
    public func run(files: [LandingFile], trigger: String, allowNoNewFiles: Bool = false, quarantineInvalid: Bool = false) throws -> Result {
        let store = try RunStore(root: root, config: config)
        let runId = store.newRunId()
        let claimer = FileClaimer(store: store, processed: processed)
        var claimed = try claimer.claim(files, runId: runId)
        for name in claimed.duplicates { echo?("\(name): already processed (same SHA-256); moved to processed/duplicates/") }
        for name in claimed.quarantined { echo?("\(name): no producer matches; moved to processed/quarantine/ with a reason file") }
        if quarantineInvalid { try quarantineInvalidInputs(&claimed, store: store, runId: runId) }
        var inputs = try archiveMasterTable(into: store.runDirectory(runId))
        inputs += try archiveCalendars(into: store.runDirectory(runId))
        inputs += claimed.inputs
        let hasHistory = inputs.contains { $0.producer == MasterTable.producer }
        guard !claimed.inputs.isEmpty || (allowNoNewFiles && hasHistory) else {
            try? FileSystem.remove(store.runDirectory(runId))
            throw PipelineError(.input, "no new files to process in \(landing) (put vendor files in landing/<producer>/, or use --demo for the bundled samples)")
        }
        echo?("run \(runId): \(claimed.inputs.count) new file(s)")
        let manifest = try RunFactory.newManifest(runId: runId, trigger: trigger, config: config, inputs: inputs)
        return try execute(manifest, store: store, duplicates: claimed.duplicates, quarantined: claimed.quarantined)
    }

    /// Resumes the given run, or the newest unfinished one, from its first unfinished state.
    public func resume(runId: String?) throws -> Result {
        let store = try RunStore(root: root, config: config)
        let id: String
        if let runId {
            id = runId
        } else if let latest = try store.database.latestUnfinishedRun() {
            id = latest.runId
        } else {
            throw PipelineError(.usage, "no unfinished run to resume in \(store.artifacts)")
        }
        guard FileSystem.exists(store.manifestPath(id)) else {
            throw PipelineError(.usage, "run \(id) has no manifest at \(store.manifestPath(id))")
        }
        let manifest = try store.load(runId: id)
        guard manifest.status != .succeeded else {
            throw PipelineError(.usage, "run \(id) already succeeded; nothing to resume")
        }
        echo?("resuming run \(id)")
        return try execute(manifest, store: store, duplicates: [], quarantined: [])
    }

    private func execute(_ manifest: Manifest, store: RunStore, duplicates: [String], quarantined: [String]) throws -> Result {
        let runConfig = try RunFactory.config(of: manifest)
        var orchestrator = Orchestrator(states: StandardStates.all(), store: store, stop: stop, echo: echo)
        orchestrator.pauseInState = CrashDrill.fromEnvironment()
        let final = try orchestrator.execute(manifest, config: runConfig)
        if final.status == .succeeded {
            try publish(final, store: store)
            try store.database.markLedger(runId: final.runId, status: "processed")
        } else if final.status == .failed {
            try store.database.markLedger(runId: final.runId, status: "failed")
        }
        return Result(manifest: final, runDirectory: store.runDirectory(final.runId), duplicates: duplicates, quarantined: quarantined)
    }

    /// Moves claimed files that would fail ingest to quarantine, with the reason and an alert.
    private func quarantineInvalidInputs(_ claimed: inout FileClaimer.Outcome, store: RunStore, runId: String) throws {
        var valid: [Manifest.InputFile] = []
        for input in claimed.inputs {
            guard let producer = config.producers.first(where: { $0.name == input.producer }) else { continue }
            let path = "\(store.runDirectory(runId))/\(input.archivedPath)"
            do {
                try IngestState.validate(path: path, name: input.originalName, producer: producer, ingest: config.ingest)
                valid.append(input)
            } catch {
                let reason = String(describing: error)
                try Quarantine.move(path, name: input.originalName, to: processed, reason: reason)
                try store.database.sql.query("UPDATE file_ledger SET status = 'quarantined' WHERE sha256 = ?", [.text(input.sha256)])
                try store.database.recordAlert(runId: nil, kind: "file-quarantined", state: "ingest", message: reason, at: Timestamp.now())
                echo?("\(input.originalName): quarantined: \(reason)")
                claimed.quarantined.append(input.originalName)
            }
        }
        claimed.inputs = valid
    }

    /// Copies the previous master table (and the last forecast and drift history, for drift checks)
    /// into the run's inputs so the run sees all history and replays alone.
    private func archiveMasterTable(into runDirectory: String) throws -> [Manifest.InputFile] {
        let master = "\(processed)/master/\(MasterTable.fileName)"
        guard FileSystem.exists(master) else { return [] }
        var inputs: [Manifest.InputFile] = []
        for (name, producer) in [(MasterTable.fileName, MasterTable.producer), (MasterTable.attributesFileName, MasterTable.attributesProducer),
                                 (Self.forecastFileName, ReservedInputs.previousForecast), (Self.driftFileName, ReservedInputs.driftHistory)] {
            let source = "\(processed)/master/\(name)"
            guard FileSystem.exists(source) else { continue }
            let archived = "inputs/master/\(name)"
            try FileSystem.copy(source, to: "\(runDirectory)/\(archived)")
            inputs.append(Manifest.InputFile(originalName: "processed/master/\(name)", producer: producer,
                                             size: try FileSystem.size(source), sha256: try SHA256.hexDigest(ofFile: "\(runDirectory)/\(archived)"),
                                             archivedPath: archived))
        }
        return inputs
    }

    /// Copies the configured holiday and promotion calendars and the plans into the run's inputs (they shape its features and forecast).
    private func archiveCalendars(into runDirectory: String) throws -> [Manifest.InputFile] {
        var inputs: [Manifest.InputFile] = []
        for (path, producer) in [(config.features.holidays, ReservedInputs.holidays), (config.features.promotions, ReservedInputs.promotions),
                                 (config.features.plans, ReservedInputs.plans)] {
            guard let path else { continue }
            let source = resolve(path)
            guard FileSystem.exists(source) else {
                throw PipelineError(.config, "\(source): calendar file not found (features.holidays / features.promotions / features.plans in the config)")
            }
            let archived = "inputs/calendars/\(producer)-\(FileClaimer.sanitize((path as NSString).lastPathComponent))"
            try FileSystem.copy(source, to: "\(runDirectory)/\(archived)")
            inputs.append(Manifest.InputFile(originalName: path, producer: producer, size: try FileSystem.size(source),
                                             sha256: try SHA256.hexDigest(ofFile: "\(runDirectory)/\(archived)"), archivedPath: archived))
        }
        return inputs
    }

    static let forecastFileName = "forecast.csv"
    static let driftFileName = "drift.json"

    /// After success: the new master table, the forecast and the drift history go to `processed/master/`,
    /// the vendor files to `processed/<date>/`.
    private func publish(_ manifest: Manifest, store: RunStore) throws {
        let runDirectory = store.runDirectory(manifest.runId)
        let forecast = try FileSystem.read("\(runDirectory)/forecast/forecast.csv")
        try FileSystem.writeAtomically(forecast, to: "\(runDirectory)/forecast.csv")
        try FileSystem.writeAtomically(forecast, to: "\(processed)/master/\(Self.forecastFileName)")
        if FileSystem.exists("\(runDirectory)/alert/\(Self.driftFileName)") {
            try FileSystem.writeAtomically(FileSystem.read("\(runDirectory)/alert/\(Self.driftFileName)"), to: "\(processed)/master/\(Self.driftFileName)")
        }
        for name in [MasterTable.fileName, MasterTable.attributesFileName, MasterTable.parquetFileName] {
            let bytes = try FileSystem.read("\(runDirectory)/ingest/\(name)")
            try FileSystem.writeAtomically(bytes, to: "\(processed)/master/\(name)")
        }
        let day = String(Timestamp.compact().prefix(8))
        let dated = "\(processed)/\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))"
        for input in manifest.inputs where !ReservedInputs.isReserved(input.producer) {
            var target = "\(dated)/\(FileClaimer.sanitize(input.originalName))"
            if FileSystem.exists(target) { target = "\(dated)/\(manifest.runId)-\(FileClaimer.sanitize(input.originalName))" }
            if !FileSystem.exists(target) { try FileSystem.copy("\(runDirectory)/\(input.archivedPath)", to: target) }
        }
    }

    private func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : "\(root)/\(path)" }
}
