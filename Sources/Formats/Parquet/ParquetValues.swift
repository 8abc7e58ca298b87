/// Decoded non-null values of one page or dictionary, in their physical representation.
public enum ParquetValues: Sendable, Equatable {
    /// BOOLEAN values.
    case boolean([Bool])
    /// INT32 values.
    case int32([Int32])
    /// INT64 values.
    case int64([Int64])
    /// INT96 values as (nanoseconds of day, Julian day).
    case int96([ParquetInt96])
    /// FLOAT values.
    case float([Float])
    /// DOUBLE values.
    case double([Double])
    /// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values.
    case bytes([[UInt8]])

    /// The number of values.
    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .int96(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        }
    }
}

/// A legacy INT96 timestamp: nanoseconds within the day and the Julian day number.
public struct ParquetInt96: Sendable, Hashable {
    /// Nanoseconds since midnight (the first 8 bytes, little-endian).
    public var nanosOfDay: Int64
    /// The Julian day number (the last 4 bytes, little-endian).
    public var julianDay: Int32

    /// Creates a value.
    public init(nanosOfDay: Int64, julianDay: Int32) {
        self.nanosOfDay = nanosOfDay
        self.julianDay = julianDay
    }

    /// Microseconds since 1970-01-01T00:00:00 (wrapping on overflow, as 64-bit readers do).
    public var microsecondsSinceEpoch: Int64 {
        let days = Int64(julianDay) - 2_440_588
        return (days &* 86_400_000_000) &+ nanosOfDay / 1000
    }
}
