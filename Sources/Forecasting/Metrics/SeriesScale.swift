/// The typical size of a series, used to pool errors across SKUs of different volume.
public enum SeriesScale {
    /// Mean absolute value of the series; 1 when the series is all zeros (so nothing divides by zero).
    public static func of(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 1 }
        let mean = values.reduce(0) { $0 + abs($1) } / Double(values.count)
        return mean > 1e-9 ? mean : 1
    }

    /// How much the series moves from one bucket to the next since its first demand: the mean absolute
    /// change, the unit interval widths are calibrated in. Two SKUs of the same volume, one steady and one
    /// lumpy, get intervals of different widths (with `of` they got the same); the buckets before a SKU's
    /// launch do not dilute it. `nil` when there are fewer than two buckets from the first demand on; the
    /// mean absolute value when the series never changes.
    public static func variation(_ values: [Double]) -> Double? {
        guard let movement = movement(values) else { return nil }
        if movement.change > 1e-9 { return movement.change }
        return movement.level > 1e-9 ? movement.level : 1
    }

    /// The mean absolute value and the mean absolute change from bucket to bucket, both since the first
    /// demand; `nil` when there are fewer than two buckets from it on.
    public static func movement(_ values: [Double]) -> (level: Double, change: Double)? {
        guard let first = values.firstIndex(where: { $0 != 0 }), values.count - first >= 2 else { return nil }
        var level = abs(values[first]), change = 0.0
        for index in (first + 1)..<values.count {
            level += abs(values[index])
            change += abs(values[index] - values[index - 1])
        }
        return (level / Double(values.count - first), change / Double(values.count - first - 1))
    }
}
