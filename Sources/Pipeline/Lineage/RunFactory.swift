import Formats

/// Creates the manifest of a new run and recovers a run's configuration from its manifest.
public enum RunFactory {
    /// A manifest for a new run: resolved config and its hash, seeds, inputs, the current build.
    public static func newManifest(runId: String, trigger: String, config: PipelineConfig,
                                   inputs: [Manifest.InputFile], build: BuildInfo = .current()) throws -> Manifest {
        let json = try ConfigLoader.canonicalJSON(config)
        var seeds: [String: UInt64] = ["run": config.seed]
        for state in StateName.allCases { seeds[state.rawValue] = SplitMix64.derive(config.seed, state.rawValue) }
        return Manifest(runId: runId, trigger: trigger, build: build, configJSON: json,
                        configSHA256: SHA256.hexDigest(of: Array(json.utf8)), seeds: seeds, inputs: inputs,
                        createdAt: Timestamp.now())
    }

    /// The resolved configuration a run was made with.
    public static func config(of manifest: Manifest) throws -> PipelineConfig {
        try ConfigLoader.decode(Array(manifest.configJSON.utf8), file: "manifest \(manifest.runId) (config)")
    }
}
