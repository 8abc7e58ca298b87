/// One value lowered by outlier capping: where it was, what it was, what it became and its z-score.
public struct CappedValue: Sendable, Equatable {
    /// Position in the series.
    public var index: Int
    /// The value before capping.
    public var original: Double
    /// The value after capping.
    public var capped: Double
    /// The value's z-score against the series' mean and standard deviation.
    public var z: Double
}

/// Z-score capping of demand spikes: values above `mean + z·sd` are lowered to that bound.
///
/// Only high values are capped — a low week in demand is usually real (a stock-out, a holiday) and
/// raising it would invent sales. Series with fewer than three non-zero values are left alone.
public enum OutlierCapping {
    /// The capped series and every value that was changed; `z <= 0` turns capping off.
    public static func cap(_ values: [Double], z: Double) -> (values: [Double], capped: [CappedValue]) {
        guard z > 0, values.count >= 3, values.filter({ $0 != 0 }).count >= 3 else { return (values, []) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let deviation = variance.squareRoot()
        guard deviation > 0 else { return (values, []) }
        let bound = mean + z * deviation
        var result = values
        var capped: [CappedValue] = []
        for (index, value) in values.enumerated() where value > bound {
            result[index] = bound
            capped.append(CappedValue(index: index, original: value, capped: bound, z: (value - mean) / deviation))
        }
        return (result, capped)
    }
}
