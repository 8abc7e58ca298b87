/// Reads one sheet of an `.xlsx` workbook as a `Table`.
///
/// The first row holding any non-empty cell is the header; its cells name the columns (empty names
/// become `column_N`, N counting from 1 across the table). The table spans from the leftmost to the
/// rightmost column used at or below the header, rows are padded with `.null`, rows without any value
/// are left out, and `rowOrigins` holds each row's 1-based sheet row number.
public enum XLSXReader {
    /// Reads the sheet `options.sheet` selects (by default the first visible worksheet) from the file at `path`.
    ///
    /// - Throws: `FormatError` naming the file and, for cell problems, the row and column letter.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws -> Table {
        let workbook = try XLSXWorkbook.open(path: path, memoryLimitBytes: options.memoryLimitBytes)
        return table(from: try workbook.sheet(options.sheet), headerRow: options.headerRow)
    }

    /// Lays out the cells of `sheet` as a table (see the type's documentation for the rules); with
    /// `headerRow`, the rows above that 1-based sheet row (a report's title) are left out first.
    public static func table(from sheet: XLSXSheet, headerRow: Int? = nil) -> Table {
        var cells = sheet.cells.filter { !$0.value.isEmpty && $0.row >= (headerRow ?? 1) }
        if !cells.isSorted(by: precedes) { cells.sort(by: precedes) }
        guard let headerRow = cells.first?.row else { return Table(columnNames: [], rows: [], rowOrigins: []) }
        var firstColumn = Int.max
        var lastColumn = 0
        for cell in cells {
            firstColumn = min(firstColumn, cell.column)
            lastColumn = max(lastColumn, cell.column)
        }
        let width = lastColumn - firstColumn + 1
        var names = [String](repeating: "", count: width)
        var rows: [[Cell]] = []
        var origins: [Int] = []
        var index = 0
        while index < cells.count {
            let rowNumber = cells[index].row
            var values = [Cell](repeating: .null, count: width)
            while index < cells.count && cells[index].row == rowNumber {
                values[cells[index].column - firstColumn] = cells[index].value
                index += 1
            }
            if rowNumber == headerRow {
                names = values.map(headerText)
            } else {
                rows.append(values)
                origins.append(rowNumber)
            }
        }
        for position in names.indices where names[position].isEmpty {
            names[position] = "column_\(position + 1)"
        }
        return Table(columnNames: names, rows: rows, rowOrigins: origins)
    }

    private static func precedes(_ left: XLSXCell, _ right: XLSXCell) -> Bool {
        left.row != right.row ? left.row < right.row : left.column < right.column
    }

    /// The text a header cell contributes as a column name.
    static func headerText(_ cell: Cell) -> String {
        switch cell {
        case .null: return ""
        case .string(let text): return text
        case .integer(let value): return String(value)
        case .unsignedInteger(let value): return String(value)
        case .double(let value): return String(value)
        case .float(let value): return String(value)
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .date, .timestamp, .time: return XLSXCellText.iso(cell) ?? ""
        case .decimal(let text): return text
        case .bytes(let bytes): return bytes.map { String($0, radix: 16) }.joined()
        case .error(let code): return code
        }
    }
}

/// ISO-8601 renderings of date-like cells.
public enum XLSXCellText {
    /// `YYYY-MM-DD` for dates, `YYYY-MM-DDTHH:MM:SS[.ffffff]` for timestamps, `HH:MM:SS[.ffffff]` for times; `nil` otherwise.
    public static func iso(_ cell: Cell) -> String? {
        switch cell {
        case .date(let days):
            return dateText(Int(days))
        case .timestamp(let count, let unit, let isUTC):
            let perDay = Int64(unit.rawValue) * 86_400
            var days = count / perDay
            var rest = count % perDay
            if rest < 0 { rest += perDay; days -= 1 }
            return dateText(Int(days)) + "T" + timeText(rest, unit: unit) + (isUTC ? "Z" : "")
        case .time(let count, let unit):
            return timeText(count, unit: unit)
        default:
            return nil
        }
    }

    private static func dateText(_ days: Int) -> String {
        let (year, month, day) = XLSXDates.civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func timeText(_ count: Int64, unit: TimeUnit) -> String {
        let perSecond = Int64(unit.rawValue)
        let seconds = count / perSecond
        let fraction = count % perSecond
        var text = pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
        if fraction != 0 {
            let micros = fraction * 1_000_000 / perSecond
            text += "." + pad(Int(micros), 6)
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A sortedness check that avoids re-sorting cells already in row/column order.
extension Array {
    /// Whether the elements are already in `areInIncreasingOrder` order.
    fileprivate func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        var index = 1
        while index < count {
            if areInIncreasingOrder(self[index], self[index - 1]) { return false }
            index += 1
        }
        return true
    }
}
