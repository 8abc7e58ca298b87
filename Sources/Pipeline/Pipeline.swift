/// The run: configuration, the eight-state orchestrator, the run store, lineage manifests,
/// replay and alert records. The only module that knows what a run is.
public enum Pipeline {
    /// The product version recorded in every manifest.
    public static let version = "0.1.0"
}
