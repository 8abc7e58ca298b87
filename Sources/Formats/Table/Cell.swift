/// One value as a reader found it in a file, before any domain typing.
///
/// Readers keep what the file says: CSV and JSON text stays `.string` unless the format itself
/// carries a type (JSON numbers and booleans, XLSX numbers and dates, Parquet physical/logical types).
public enum Cell: Sendable, Hashable {
    /// An absent value: an empty JSON `null`, a Parquet null, an empty XLSX cell.
    case null
    /// Text (CSV fields, JSON strings, XLSX shared/inline strings, Parquet STRING).
    case string(String)
    /// A signed integer that fits 64 bits.
    case integer(Int64)
    /// An unsigned integer above `Int64.max` (Parquet UINT_64).
    case unsignedInteger(UInt64)
    /// A binary floating-point number.
    case double(Double)
    /// A 32-bit float kept at its own width so it prints as the writer meant (`1.1`, not `1.100000023841858`).
    case float(Float)
    /// A boolean.
    case bool(Bool)
    /// A calendar date as days since 1970-01-01.
    case date(days: Int32)
    /// A point in time as a count of `unit` since 1970-01-01T00:00:00, UTC-adjusted or local.
    case timestamp(Int64, unit: TimeUnit, isUTC: Bool)
    /// A time of day as a count of `unit` since midnight.
    case time(Int64, unit: TimeUnit)
    /// A decimal number rendered as text with exactly its scale's digits after the point.
    case decimal(String)
    /// Raw bytes that are not text.
    case bytes([UInt8])
    /// A spreadsheet error value such as `#DIV/0!`.
    case error(String)
}

/// The resolution of a timestamp or time-of-day count.
public enum TimeUnit: Int, Sendable, Hashable {
    case seconds = 1
    case milliseconds = 1_000
    case microseconds = 1_000_000
    case nanoseconds = 1_000_000_000
}

extension Cell {
    /// Whether the value is absent or an empty string.
    public var isEmpty: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.isEmpty
        default: return false
        }
    }
}
