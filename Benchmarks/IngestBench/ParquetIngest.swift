import Formats

/// The job on a Parquet file through `ParquetRowGroupScanner`: three columns, row groups split over `threads`.
enum ParquetIngest {
    /// Weekly totals of the file, merged in file order.
    static func run(path: String, columns: JobColumns, threads: Int) throws -> WeeklyTotals {
        let parts = try ParquetRowGroupScanner.scan(
            path: path, columns: [columns.sku, columns.date, columns.quantity], threads: threads, initial: { WeeklyTotals() }
        ) { totals, group in
            let skus = ids(group.columns[0], into: &totals.skus)
            let days = values(group.columns[1], TableIngest.day)
            let quantities: [Int64?]
            if case .integers(let numbers, nil) = group.columns[2] {
                quantities = numbers.map { $0 }
            } else {
                quantities = values(group.columns[2], TableIngest.quantity)
            }
            for row in 0..<group.rowCount {
                let sku = skus[row]
                guard sku >= 0 else { continue }
                guard let quantity = quantities[row] else {
                    totals.unreadable += 1
                    continue
                }
                guard quantity > 0 else { continue }
                guard let day = days[row] else {
                    totals.unreadable += 1
                    continue
                }
                totals.add(sku: sku, day: day, quantity: quantity)
            }
        }
        var totals = parts.first ?? WeeklyTotals()
        for part in parts.dropFirst() { totals.merge(part) }
        return totals
    }

    /// SKU numbers per row (-1 for null or empty), interning each dictionary entry once.
    private static func ids(_ column: ParquetColumnValues, into skus: inout ByteStringInterner) -> [Int32] {
        func id(_ cell: Cell) -> Int32 {
            guard case .string(var text) = cell, !text.isEmpty else { return -1 }
            return text.withUTF8 { skus.id(of: UnsafeRawBufferPointer($0)) }
        }
        if case .dictionary(let dictionary, let codes) = column {
            let mapped = dictionary.map(id)
            return codes.map { $0 < 0 ? -1 : mapped[Int($0)] }
        }
        return (0..<column.count).map { id(column.cell(at: $0)) }
    }

    /// `transform` of each row's cell, evaluated once per dictionary entry for dictionary columns.
    private static func values<T>(_ column: ParquetColumnValues, _ transform: (Cell) -> T?) -> [T?] {
        if case .dictionary(let dictionary, let codes) = column {
            let mapped = dictionary.map(transform)
            return codes.map { $0 < 0 ? nil : mapped[Int($0)] }
        }
        return (0..<column.count).map { transform(column.cell(at: $0)) }
    }
}
