import Formats

/// The job on a CSV file through `CSVFieldScanner`: three columns, `threads` parts.
enum CSVIngest {
    /// Weekly totals of the file, merged in file order.
    static func run(path: String, columns: JobColumns, threads: Int) throws -> WeeklyTotals {
        let parts = try CSVFieldScanner.scan(
            path: path, columns: [columns.sku, columns.date, columns.quantity], partitions: threads,
            initial: { (WeeklyTotals(), DayCache()) }
        ) { state, record in
            guard let sku = record[0], !sku.isEmpty else { return }
            guard let quantityText = record[2], let quantity = FieldParsing.quantity(quantityText) else {
                state.0.unreadable += 1
                return
            }
            guard quantity > 0 else { return }
            guard let dateText = record[1], let day = state.1.day(dateText) else {
                state.0.unreadable += 1
                return
            }
            let id = state.0.skus.id(of: sku)
            state.0.add(sku: id, day: day, quantity: quantity)
        }
        var totals = parts.first?.0 ?? WeeklyTotals()
        for part in parts.dropFirst() { totals.merge(part.0) }
        return totals
    }
}
