/// The lineage record of one run: what built it, what it read, and what every state wrote.
///
/// Written to `artifacts/runs/<run-id>/manifest.json` after every state transition (atomically),
/// so it is also the on-disk journal `demand run --resume` and `demand replay` start from.
public struct Manifest: Sendable, Equatable, Codable {
    /// The manifest format version.
    public static let formatVersion = 1

    /// The run's id, also its folder name.
    public var runId: String
    /// What started the run: `manual`, `demo`, `daemon`, `schedule`, `replay`.
    public var trigger: String
    /// The build that ran it.
    public var build: BuildInfo
    /// The resolved configuration (every default filled in).
    public var config: PipelineConfig
    /// SHA-256 of the config's canonical JSON (sorted keys), as `ConfigLoader.canonicalJSON` writes it.
    public var configSHA256: String
    /// The run seed and the seed derived for each state.
    public var seeds: [String: UInt64]
    /// Every input file, in processing order.
    public var inputs: [InputFile]
    /// Every state, in run order.
    public var states: [StateRecord]
    /// The run's overall status.
    public var status: RunStatus
    /// When the run was created and last changed (wall clock; not compared by replay).
    public var createdAt: String
    public var updatedAt: String

    /// Creates a manifest for a new run with every state queued.
    public init(runId: String, trigger: String, build: BuildInfo, config: PipelineConfig, configSHA256: String,
                seeds: [String: UInt64], inputs: [InputFile], createdAt: String) {
        self.runId = runId
        self.trigger = trigger
        self.build = build
        self.config = config
        self.configSHA256 = configSHA256
        self.seeds = seeds
        self.inputs = inputs
        self.states = StateName.allCases.map { StateRecord(name: $0) }
        self.status = .queued
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// The record of `state`.
    public func record(_ state: StateName) -> StateRecord {
        states.first { $0.name == state } ?? StateRecord(name: state)
    }

    /// Replaces the record of its state.
    public mutating func update(_ record: StateRecord) {
        if let index = states.firstIndex(where: { $0.name == record.name }) { states[index] = record }
    }

    /// One input file as archived for the run.
    public struct InputFile: Sendable, Equatable, Codable {
        /// The name the vendor gave the file.
        public var originalName: String
        /// The producer it was matched to.
        public var producer: String
        /// Size in bytes.
        public var size: Int
        /// SHA-256 of the content, lowercase hex.
        public var sha256: String
        /// The archived copy, relative to the run folder.
        public var archivedPath: String

        public init(originalName: String, producer: String, size: Int, sha256: String, archivedPath: String) {
            self.originalName = originalName
            self.producer = producer
            self.size = size
            self.sha256 = sha256
            self.archivedPath = archivedPath
        }
    }

    /// What happened in one state.
    public struct StateRecord: Sendable, Equatable, Codable {
        public var name: StateName
        public var status: RunStatus = .queued
        public var attempts = 0
        public var startedAt: String?
        public var finishedAt: String?
        /// Log files of each attempt, relative to the run folder.
        public var logs: [String] = []
        /// Files the state wrote, relative to the run folder, sorted.
        public var outputs: [OutputFile] = []
        /// The last attempt's error, if it failed.
        public var error: String?

        public init(name: StateName) { self.name = name }
    }

    /// One output file with its fingerprint.
    public struct OutputFile: Sendable, Equatable, Codable {
        /// Path relative to the run folder.
        public var path: String
        public var size: Int
        public var sha256: String

        public init(path: String, size: Int, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }
}

/// The exact build of `demand` that ran something.
public struct BuildInfo: Sendable, Equatable, Codable {
    /// The product version.
    public var version: String
    /// The git commit the sources came from, or `unknown`.
    public var sourceRevision: String
    /// SHA-256 of the executable itself.
    public var executableSHA256: String

    public init(version: String, sourceRevision: String, executableSHA256: String) {
        self.version = version
        self.sourceRevision = sourceRevision
        self.executableSHA256 = executableSHA256
    }
}
