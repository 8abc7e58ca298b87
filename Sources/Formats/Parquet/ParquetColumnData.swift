/// The values of one column to write, typed, with `nil` for nulls.
public enum ParquetColumnData: Sendable, Equatable {
    /// UTF-8 text, written as BYTE_ARRAY (STRING), dictionary-encoded when it pays.
    case string([String?])
    /// 64-bit integers, written as INT64.
    case int64([Int64?])
    /// Doubles, written as DOUBLE.
    case double([Double?])
    /// Days since 1970-01-01, written as INT32 (DATE).
    case date([Int32?])

    /// The number of values including nulls.
    public var count: Int {
        switch self {
        case .string(let v): return v.count
        case .int64(let v): return v.count
        case .double(let v): return v.count
        case .date(let v): return v.count
        }
    }

    /// The values of `range` only.
    func slice(_ range: Range<Int>) -> ParquetColumnData {
        switch self {
        case .string(let v): return .string(Array(v[range]))
        case .int64(let v): return .int64(Array(v[range]))
        case .double(let v): return .double(Array(v[range]))
        case .date(let v): return .date(Array(v[range]))
        }
    }

    /// A column typed from cells: all dates → date, all integers → int64, numbers → double, otherwise strings.
    ///
    /// Nulls never decide the type; a column of only nulls becomes a string column.
    public static func inferred(from cells: [Cell]) -> ParquetColumnData {
        var dates = true, integers = true, numbers = true
        var any = false
        for cell in cells {
            switch cell {
            case .null: continue
            case .date: integers = false; numbers = false
            case .integer: dates = false
            case .double, .float: dates = false; integers = false
            default: dates = false; integers = false; numbers = false
            }
            any = true
        }
        if any && dates {
            return .date(cells.map { if case .date(let days) = $0 { return days } else { return nil } })
        }
        if any && integers {
            return .int64(cells.map { if case .integer(let value) = $0 { return value } else { return nil } })
        }
        if any && numbers {
            return .double(cells.map {
                switch $0 {
                case .integer(let value): return Double(value)
                case .double(let value): return value
                case .float(let value): return Double(value)
                default: return nil
                }
            })
        }
        return .string(cells.map { cell -> String? in
            switch cell {
            case .null: return nil
            case .string(let text), .decimal(let text), .error(let text): return text
            case .integer(let value): return String(value)
            case .unsignedInteger(let value): return String(value)
            case .double(let value): return String(value)
            case .float(let value): return String(value)
            case .bool(let value): return String(value)
            case .date(let days): return DateParsing.isoString(days: days)
            case .timestamp(let value, let unit, _): return DateParsing.isoString(timestamp: value, unit: unit)
            case .time(let value, let unit): return DateParsing.timeString(value, unit: unit)
            case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
            }
        })
    }
}

/// A named column to write.
public struct ParquetWriterColumn: Sendable, Equatable {
    /// The column name.
    public var name: String
    /// The column's values.
    public var data: ParquetColumnData

    /// Creates a column.
    public init(name: String, data: ParquetColumnData) {
        self.name = name
        self.data = data
    }
}

/// How `ParquetWriter` lays out a file.
public struct ParquetWriteOptions: Sendable, Equatable {
    /// The page codec: `.uncompressed` or `.snappy` (others are not written).
    public var compression: ParquetCompression
    /// Rows per row group (at least 1).
    public var rowGroupSize: Int
    /// Rows per data page (at least 1).
    public var pageSize: Int
    /// Whether string columns may be dictionary-encoded.
    public var useDictionary: Bool
    /// The `created_by` string in the footer.
    public var createdBy: String

    /// Creates options; the defaults write snappy pages of 20 000 rows in row groups of 1 000 000 rows.
    public init(
        compression: ParquetCompression = .snappy, rowGroupSize: Int = 1_000_000, pageSize: Int = 20_000,
        useDictionary: Bool = true, createdBy: String = "DemandPlanner Formats ParquetWriter"
    ) {
        self.compression = compression
        self.rowGroupSize = rowGroupSize
        self.pageSize = pageSize
        self.useDictionary = useDictionary
        self.createdBy = createdBy
    }
}
