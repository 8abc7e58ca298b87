import Formats

/// The job through the generic readers (`TableFile.read` → rows of `Cell`): JSON, XLSX, and `--generic`.
enum TableIngest {
    /// Weekly totals of the table read from `path`.
    static func run(path: String, columns: JobColumns) throws -> WeeklyTotals {
        var options = ReadOptions()
        options.columns = [columns.sku, columns.date, columns.quantity]
        let table = try TableFile.read(path: path, options: options)
        guard let skuColumn = table.columnIndex(columns.sku), let dateColumn = table.columnIndex(columns.date),
              let quantityColumn = table.columnIndex(columns.quantity) else {
            throw FormatError(file: path, message: "expected columns \(columns.sku), \(columns.date), \(columns.quantity); found \(table.columnNames.joined(separator: ", "))")
        }
        var totals = WeeklyTotals()
        for row in table.rows {
            guard case .string(let sku) = row[skuColumn], !sku.isEmpty else { continue }
            guard let quantity = quantity(row[quantityColumn]) else {
                totals.unreadable += 1
                continue
            }
            guard quantity > 0 else { continue }
            guard let day = day(row[dateColumn]) else {
                totals.unreadable += 1
                continue
            }
            var text = sku
            let id = text.withUTF8 { totals.skus.id(of: UnsafeRawBufferPointer($0)) }
            totals.add(sku: id, day: day, quantity: quantity)
        }
        return totals
    }

    static func quantity(_ cell: Cell) -> Int64? {
        switch cell {
        case .integer(let value): return value
        case .double(let value) where value == value.rounded() && abs(value) < 1e15: return Int64(value)
        case .string(var text): return text.withUTF8 { FieldParsing.quantity(UnsafeRawBufferPointer($0)) }
        default: return nil
        }
    }

    static func day(_ cell: Cell) -> Int32? {
        switch cell {
        case .date(let days): return days
        case .timestamp(let value, let unit, _):
            let perDay = Int64(unit.rawValue) * 86_400
            return Int32((value >= 0 ? value : value - perDay + 1) / perDay)
        case .string(var text): return text.withUTF8 { FieldParsing.day(UnsafeRawBufferPointer($0)) }
        default: return nil
        }
    }
}
