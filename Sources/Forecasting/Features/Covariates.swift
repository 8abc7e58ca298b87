/// Per-bucket inputs besides the quantity — price, promotion flags, any external regressor — for
/// every series, known for its history and, when planned, for the buckets being forecast.
///
/// `values[series][input][bucket]` starts at the series' first bucket like its quantities and may run
/// past its history by up to a horizon: those are the known-future values (planned prices and
/// promotions). Buckets with no value are filled by the caller (carried forward).
public struct Covariates: Sendable, Equatable {
    /// Input names, e.g. `price`, `deal`, `feat`.
    public var names: [String]
    /// `values[series][input][bucket]`.
    public var values: [[[Double]]]

    /// Creates covariates; every series has one array per name.
    public init(names: [String], values: [[[Double]]]) {
        self.names = names
        self.values = values
    }

    /// Whether there is any input at all.
    public var isEmpty: Bool { names.isEmpty }

    /// The same inputs restricted to the first `counts[series]` buckets of each series (a backtest's training part).
    public func truncated(to counts: [Int]) -> Covariates {
        Covariates(names: names, values: zip(values, counts).map { inputs, count in inputs.map { Array($0.prefix(count)) } })
    }

    /// Only the named inputs (all when `names` is nil), or nil when none is left.
    public func keeping(_ names: [String]?) -> Covariates? {
        guard let names else { return isEmpty ? nil : self }
        let kept = self.names.indices.filter { names.contains(self.names[$0]) }
        guard !kept.isEmpty else { return nil }
        return Covariates(names: kept.map { self.names[$0] }, values: values.map { inputs in kept.map { inputs[$0] } })
    }

    /// The inputs of a subset of series, in the given order.
    public func selecting(_ indices: [Int]) -> Covariates {
        Covariates(names: names, values: indices.map { values[$0] })
    }
}
