/// A rectangular table read from one file: named columns and rows of cells.
///
/// Every row remembers where it came from (`rowOrigins`) so that errors found later — a quantity
/// that is not a number, a date in an unknown format — can name the file's line or row.
public struct Table: Sendable, Equatable {
    /// Column names in file order (header row, JSON key order of first appearance, Parquet schema).
    public var columnNames: [String]
    /// Rows of cells; every row has exactly `columnNames.count` cells.
    public var rows: [[Cell]]
    /// For each row, its 1-based location in the source: the line for CSV and JSON Lines,
    /// the record index for JSON arrays, the sheet row for XLSX, the row index + 1 for Parquet.
    public var rowOrigins: [Int]

    /// Creates a table; `rowOrigins` defaults to 1-based row numbers after a header line.
    public init(columnNames: [String], rows: [[Cell]], rowOrigins: [Int]? = nil) {
        self.columnNames = columnNames
        self.rows = rows
        self.rowOrigins = rowOrigins ?? Array((0..<rows.count).map { $0 + 2 })
    }

    /// The index of the column named `name`, if present.
    public func columnIndex(_ name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }
}
