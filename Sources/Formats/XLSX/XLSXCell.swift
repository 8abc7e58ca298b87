/// One non-empty cell of a worksheet as the file stores it, with its value already typed.
public struct XLSXCell: Sendable, Equatable {
    /// 1-based sheet row.
    public var row: Int
    /// 1-based column (`A` = 1).
    public var column: Int
    /// The raw `t` attribute (`s`, `str`, `inlineStr`, `b`, `e`, `d`, `n`), or `nil` when absent (a number).
    public var rawType: String?
    /// The cell's number format (from its style), or `nil` for General / unstyled cells.
    public var format: XLSXCellFormat?
    /// Whether the cell has a formula (`<f>`); `value` is then its cached result.
    public var hasFormula: Bool
    /// The value: strings, `.integer`/`.double` numbers, `.bool`, `.error("#N/A")`, and for date-formatted
    /// numbers `.date` / `.timestamp` / `.time` (see `XLSXDates.cell(serial:date1904:)`).
    public var value: Cell
    /// The raw number for numeric cells (the date serial of date-formatted ones), else `nil`.
    public var number: Double?

    /// Creates a cell.
    public init(row: Int, column: Int, rawType: String?, format: XLSXCellFormat?, hasFormula: Bool, value: Cell, number: Double?) {
        self.row = row
        self.column = column
        self.rawType = rawType
        self.format = format
        self.hasFormula = hasFormula
        self.value = value
        self.number = number
    }

    /// The A1 reference, e.g. `B7`.
    public var reference: String { XLSXCellReference.string(row: row, column: column) }
}
