import Foundation
import Formats

/// The runs of one root: their folders under `artifacts/runs/`, their manifests, and the database.
public final class RunStore: Sendable {
    /// The daemon root.
    public let root: String
    /// `artifacts/` resolved against the root.
    public let artifacts: String
    /// The run database (`artifacts/demand.sqlite`).
    public let database: RunDatabase

    /// Opens the store of `root` with the configured artifacts folder.
    public init(root: String, config: PipelineConfig) throws {
        self.root = root
        artifacts = config.paths.artifacts.hasPrefix("/") ? config.paths.artifacts : "\(root)/\(config.paths.artifacts)"
        try FileSystem.createDirectory("\(artifacts)/runs")
        database = try RunDatabase(path: "\(artifacts)/demand.sqlite")
    }

    /// The folder of a run.
    public func runDirectory(_ runId: String) -> String { "\(artifacts)/runs/\(runId)" }

    /// The manifest path of a run.
    public func manifestPath(_ runId: String) -> String { "\(runDirectory(runId))/manifest.json" }

    /// A new, unused run id: `YYYYMMDDTHHMMSSZ-<8 hex>`.
    public func newRunId() -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let id = "\(Timestamp.compact())-\(String(generator.next() as UInt32, radix: 16).leftPadded(to: 8))"
            if !FileSystem.exists(runDirectory(id)) { return id }
        }
    }

    /// Writes the manifest atomically and mirrors the run (and one state, if given) into the journal.
    public func save(_ manifest: inout Manifest, state: Manifest.StateRecord? = nil, error: String? = nil) throws {
        manifest.updatedAt = Timestamp.now()
        try FileSystem.writeAtomically(ManifestCodec.encode(manifest), to: manifestPath(manifest.runId))
        try database.recordRun(manifest, manifestPath: manifestPath(manifest.runId), error: error)
        if let state { try database.recordState(runId: manifest.runId, state) }
    }

    /// Loads a manifest from disk.
    public func load(runId: String) throws -> Manifest {
        try ManifestCodec.decode(FileSystem.readText(manifestPath(runId)), file: manifestPath(runId))
    }

    /// Whether a state finished and every output it recorded is still there with the same SHA-256.
    public func isComplete(_ record: Manifest.StateRecord, runId: String) throws -> Bool {
        guard record.status == .succeeded else { return false }
        for output in record.outputs {
            let path = "\(runDirectory(runId))/\(output.path)"
            guard FileSystem.exists(path), try SHA256.hexDigest(ofFile: path) == output.sha256 else { return false }
        }
        return true
    }

    /// Lists and fingerprints every file a state wrote (its folder, recursively, sorted).
    public func fingerprintOutputs(runId: String, state: StateName) throws -> [Manifest.OutputFile] {
        let base = runDirectory(runId)
        return try Self.filesRecursively(in: "\(base)/\(state.rawValue)", relativeTo: base).map { relative in
            let path = "\(base)/\(relative)"
            return Manifest.OutputFile(path: relative, size: try FileSystem.size(path), sha256: try SHA256.hexDigest(ofFile: path))
        }
    }

    /// Relative paths of the regular files under `folder`, sorted bytewise.
    static func filesRecursively(in folder: String, relativeTo base: String) throws -> [String] {
        guard FileSystem.isDirectory(folder) else { return [] }
        var result: [String] = []
        for name in try FileSystem.list(folder) where !name.hasPrefix(".") {
            let path = "\(folder)/\(name)"
            if FileSystem.isDirectory(path) {
                result += try filesRecursively(in: path, relativeTo: base)
            } else {
                result.append(String(path.dropFirst(base.count + 1)))
            }
        }
        return result.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

extension String {
    /// The string left-padded with zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
