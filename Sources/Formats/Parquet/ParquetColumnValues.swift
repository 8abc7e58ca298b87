/// One column of one row group, decoded into a typed array where the layout allows it.
///
/// Integers and doubles come as plain arrays, dictionary-encoded columns (typical for text) as the
/// dictionary once plus one code per row, anything else as cells. Values are those `ParquetReader`
/// gives: `cell(at:)` returns the same `Cell` the table reader would put in that row.
public enum ParquetColumnValues: Sendable {
    /// Signed INT32/INT64 values widened to 64 bits; `valid[i] == false` marks a null (its value is 0).
    case integers([Int64], valid: [Bool]?)
    /// DOUBLE values; `valid` as for integers.
    case doubles([Double], valid: [Bool]?)
    /// Rows as codes into `dictionary`; -1 is a null.
    case dictionary([Cell], codes: [Int32])
    /// Rows as cells, for types and encodings without a typed fast path.
    case cells([Cell])

    /// The number of rows.
    public var count: Int {
        switch self {
        case .integers(let values, _): return values.count
        case .doubles(let values, _): return values.count
        case .dictionary(_, let codes): return codes.count
        case .cells(let cells): return cells.count
        }
    }

    /// The cell the generic reader gives for row `index`.
    public func cell(at index: Int) -> Cell {
        switch self {
        case .integers(let values, let valid): return valid.map { $0[index] } ?? true ? .integer(values[index]) : .null
        case .doubles(let values, let valid): return valid.map { $0[index] } ?? true ? .double(values[index]) : .null
        case .dictionary(let dictionary, let codes): return codes[index] < 0 ? .null : dictionary[Int(codes[index])]
        case .cells(let cells): return cells[index]
        }
    }
}

/// The chosen columns of one row group, in the order they were asked for.
public struct ParquetRowGroupColumns: Sendable {
    /// The row group's 0-based index in the file.
    public let index: Int
    /// The 0-based index of its first row in the file.
    public let firstRow: Int
    /// Its rows.
    public let rowCount: Int
    /// One entry per asked column.
    public let columns: [ParquetColumnValues]
}
