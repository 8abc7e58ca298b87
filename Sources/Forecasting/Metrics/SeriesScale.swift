/// The typical size of a series, used to pool errors across SKUs of different volume.
public enum SeriesScale {
    /// Mean absolute value of the series; 1 when the series is all zeros (so nothing divides by zero).
    public static func of(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 1 }
        let mean = values.reduce(0) { $0 + abs($1) } / Double(values.count)
        return mean > 1e-9 ? mean : 1
    }
}
