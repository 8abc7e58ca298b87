/// The production implementations of the eight states, in run order.
public enum StandardStates {
    /// Every state the orchestrator runs.
    public static func all() -> [any PipelineState] {
        [IngestState(), CleanState(), FeaturesState(), TuneState(), TrainState(), ResidualsState(), ForecastState(), AlertState()]
    }
}
