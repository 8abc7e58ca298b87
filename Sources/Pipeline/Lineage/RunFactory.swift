import Formats

/// Creates the manifest of a new run and recovers a run's configuration from its manifest.
public enum RunFactory {
    /// A manifest for a new run: resolved config and its hash, seeds, inputs, the current build.
    public static func newManifest(runId: String, trigger: String, config: PipelineConfig,
                                   inputs: [Manifest.InputFile], build: BuildInfo = .current()) throws -> Manifest {
        let json = try ConfigLoader.canonicalJSON(config)
        var seeds: [String: UInt64] = ["run": config.seed]
        for state in StateName.allCases { seeds[state.rawValue] = SplitMix64.derive(config.seed, state.rawValue) }
        return Manifest(runId: runId, trigger: trigger, build: build, config: config,
                        configSHA256: SHA256.hexDigest(of: Array(json.utf8)), seeds: seeds, inputs: inputs,
                        createdAt: Timestamp.now())
    }

    /// The resolved configuration a run was made with, checked against its recorded hash.
    public static func config(of manifest: Manifest) throws -> PipelineConfig {
        let json = try ConfigLoader.canonicalJSON(manifest.config)
        guard SHA256.hexDigest(of: Array(json.utf8)) == manifest.configSHA256 else {
            throw PipelineError(.replay, "run \(manifest.runId): the manifest's config does not match its configSHA256; the manifest was edited")
        }
        return manifest.config
    }
}
