/// The Syntetos–Boylan demand classes, from the average interval between demands (ADI) and the
/// squared coefficient of variation of the non-zero sizes (CV²), with the usual cut-offs 1.32 and 0.49.
public enum DemandSegment: String, Sendable, Codable, CaseIterable {
    case smooth, erratic, intermittent, lumpy

    /// The class of a series (all-zero series count as lumpy: nothing regular to learn).
    public static func classify(_ values: [Double]) -> DemandSegment {
        let sizes = values.filter { $0 != 0 }
        guard sizes.count >= 2 else { return .lumpy }
        let interval = Double(values.count) / Double(sizes.count)
        let mean = sizes.reduce(0, +) / Double(sizes.count)
        let variance = sizes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sizes.count)
        let cv2 = mean != 0 ? variance / (mean * mean) : 0
        switch (interval < 1.32, cv2 < 0.49) {
        case (true, true): return .smooth
        case (true, false): return .erratic
        case (false, true): return .intermittent
        case (false, false): return .lumpy
        }
    }
}

/// How a segment's forecast is made once the network and the baselines have been validated.
public enum ForecastSource: String, Sendable, Codable, CaseIterable {
    /// The global LSTM alone.
    case lstm
    /// The selected baseline alone.
    case baseline
    /// The mean of the two.
    case blend

    /// The model name this rule serves under, as forecasts and reports show it: `lstm`, the baseline's
    /// name, or `blend(lstm+baseline)`.
    public func label(baseline: String) -> String {
        switch self {
        case .lstm: "lstm"
        case .baseline: baseline
        case .blend: "blend(lstm+\(baseline))"
        }
    }

    /// Combines a network and a baseline forecast by this rule.
    public func combine(network: [Double], baseline: [Double]) -> [Double] {
        switch self {
        case .lstm: return network
        case .baseline: return baseline
        case .blend: return zip(network, baseline).map { ($0 + $1) / 2 }
        }
    }
}
