import Formats

/// Turns a wide vendor table (one quantity column per date) into the long rows ingest maps: one row per
/// non-empty, non-zero cell, with the row's other columns, the date and the quantity.
///
/// A quantity cell that is not a number, or is negative, is a rejected record naming the row and the date
/// column, as in a long file; empty and zero cells are counted, not rejected (in a wide file they are how
/// a vendor says "no sale", and they are most cells).
struct WideTable {
    /// Names of the two columns the long table gains; the mapper reads them instead of `columns.date`
    /// and `columns.quantity`.
    static let dateColumn = "\u{1}date", quantityColumn = "\u{1}quantity"

    let layout: PipelineConfig.WideLayout
    let dateFormat: String?
    let decimalComma: Bool
    let fileName: String
    let producerName: String

    /// The long table and what was left out of it.
    struct Result {
        var table: Table
        var rejects: [RejectedRow] = []
        /// Quantity cells seen (the records of a wide file).
        var cells = 0
        /// Empty or zero quantity cells.
        var emptyCells = 0
    }

    /// The quantity columns of a wide table and the day each stands for; throws when none match or a
    /// header gives no date.
    func dateColumns(of wide: Table) throws -> [(column: Int, day: Int32)] {
        let valueColumns = wide.columnNames.indices.filter { Glob.matches(layout.columns, wide.columnNames[$0]) }
        guard !valueColumns.isEmpty else {
            let available = wide.columnNames.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
            throw PipelineError(.input, "\(fileName): no column matches producers[].wide.columns '\(layout.columns)' of producer '\(producerName)'; the file has columns \(available)\(wide.columnNames.count > 20 ? ", …" : ""). Fix the file or the config.")
        }
        return try valueColumns.map { ($0, try day(of: wide.columnNames[$0])) }
    }

    /// The long rows of `rows` of the wide table: its other columns, then the date and the quantity.
    func melt(_ wide: Table, rows: Range<Int>, dates: [(column: Int, day: Int32)]) -> Result {
        let valueSet = Set(dates.map(\.column))
        let keep = wide.columnNames.indices.filter { !valueSet.contains($0) }
        var result = Result(table: Table(columnNames: keep.map { wide.columnNames[$0] } + [Self.dateColumn, Self.quantityColumn], rows: [], rowOrigins: []))
        for rowIndex in rows {
            let row = wide.rows[rowIndex]
            let kept = keep.map { row[$0] }
            for (column, day) in dates {
                result.cells += 1
                let cell = row[column]
                if cell.isEmpty {
                    result.emptyCells += 1
                    continue
                }
                guard let quantity = CellValues.number(cell, decimalComma: decimalComma) else {
                    result.rejects.append(RejectedRow(reason: "unreadable", source: "\(fileName):\(wide.rowOrigins[rowIndex])",
                                                      column: wide.columnNames[column], detail: "expected a number, found '\(CellText.text(cell))'"))
                    continue
                }
                if quantity == 0 {
                    result.emptyCells += 1
                    continue
                }
                guard quantity > 0 else {
                    result.rejects.append(RejectedRow(reason: "non-positive-quantity", source: "\(fileName):\(wide.rowOrigins[rowIndex])",
                                                      column: wide.columnNames[column], detail: "quantity \(CellText.text(cell)) (returns are not demand)"))
                    continue
                }
                result.table.rows.append(kept + [.date(days: day), .double(quantity)])
                result.table.rowOrigins.append(wide.rowOrigins[rowIndex])
            }
        }
        return result
    }

    /// The day a quantity column's header stands for.
    func day(of header: String) throws -> Int32 {
        if let firstDay = layout.firstDay.flatMap({ DateParsing.parseDay($0) }) {
            let digits = String(header.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
            guard let number = Int32(digits), number < 1_000_000 else {
                throw PipelineError(.input, "\(fileName): column '\(header)' matches producers[].wide.columns '\(layout.columns)' but does not end in a number; with wide.firstDay set, headers are numbered (d_1, d_2, …). Narrow wide.columns or fix the header.")
            }
            return firstDay + (number - 1) * layout.unitDays
        }
        guard let day = CellValues.day(.string(header), format: dateFormat) ?? DateParsing.parseDay(String(header.prefix(10))) else {
            let expected = dateFormat.map { "a date as \($0)" } ?? "a date as yyyy-MM-dd (or set producers[].dateFormat)"
            throw PipelineError(.input, "\(fileName): column '\(header)' matches producers[].wide.columns '\(layout.columns)' but its header is not \(expected); for numbered headers such as d_1 set wide.firstDay. Narrow wide.columns or fix the header.")
        }
        return day
    }
}
