/// Per-bucket inputs besides the quantity — price, promotion flags, any external regressor — for
/// every series, known for its history and, when planned, for the buckets being forecast.
///
/// `values[series][input][bucket]` starts at the series' first bucket like its quantities and may run
/// past its history by up to a horizon: those are the known-future values (planned prices and
/// promotions). Buckets with no value are filled by the caller (carried forward in the history, the
/// recent median in the future: `unplannedValue`).
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

    /// The value an input takes in a future bucket nobody planned: the median of its last `recent` observed
    /// values (nil for none). A SKU's usual price and promotion of late, where the last bucket alone may be
    /// a one-week price cut or display that, carried forward, would be forecast to last the whole horizon.
    public static func unplannedValue(_ observed: [Double], recent: Int) -> Double? {
        guard !observed.isEmpty else { return nil }
        return Median.of(Array(observed.suffix(max(1, recent))))
    }

    /// The same inputs with every series' values after its first `counts[series]` buckets replaced by
    /// `unplannedValue` of those buckets: what is known of the future when no plan is given.
    public func unplanned(after counts: [Int], recent: Int) -> Covariates {
        Covariates(names: names, values: zip(values, counts).map { inputs, count in
            inputs.map { input in
                let known = Array(input.prefix(count))
                guard let fill = Self.unplannedValue(known, recent: recent) else { return input }
                return known + [Double](repeating: fill, count: input.count - known.count)
            }
        })
    }

    /// The inputs of a subset of series, in the given order.
    public func selecting(_ indices: [Int]) -> Covariates {
        Covariates(names: names, values: indices.map { values[$0] })
    }
}
