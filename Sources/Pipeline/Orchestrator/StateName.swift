/// The eight states of a run, in the order the orchestrator executes them.
public enum StateName: String, CaseIterable, Sendable, Comparable, Codable {
    case ingest, clean, features, tune, train, residuals, forecast, alert

    /// States are ordered as they run.
    public static func < (lhs: StateName, rhs: StateName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a state or a run stands; stored in the journal and the manifest.
public enum RunStatus: String, Sendable, Equatable, Codable {
    case queued, running, retrying, succeeded, failed, interrupted, skipped
}
