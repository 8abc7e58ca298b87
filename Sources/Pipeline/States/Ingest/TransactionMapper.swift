import Formats

/// Maps one vendor table to `Transaction`s with a producer's column mapping and filters.
///
/// Unreadable values (text in a number column, an unknown date) make a row `unreadable`; rows that
/// are readable but not wanted (returns, non-products, outside the date range, excluded by a
/// producer filter) are `filtered` with the reason. Both are counted and written, never dropped silently.
struct TransactionMapper {
    let producer: PipelineConfig.Producer
    let ingest: PipelineConfig.Ingest
    /// The vendor's original file name, for messages.
    let fileName: String

    /// The outcome of mapping one table.
    struct Result {
        var transactions: [Transaction] = []
        var rejects: [RejectedRow] = []
        /// Per SKU, per attribute name: values seen with their counts.
        var attributeValues: [String: [String: [String: Int]]] = [:]
        var unreadableRows = 0
        var firstUnreadable: String?
        /// Optional mapped columns (price, store, attributes) the file does not have.
        var missingOptionalColumns: [String] = []
    }

    func map(_ table: Table) throws -> Result {
        let columns = producer.columns
        let skuColumn = try index(of: columns.sku, role: "sku", in: table)
        let dateColumn = try index(of: columns.date, role: "date", in: table)
        let quantityColumn = try index(of: columns.quantity, role: "quantity", in: table)
        var result = Result()
        func optional(_ column: String?) -> Int? {
            guard let column else { return nil }
            guard let index = table.columnIndex(column) else {
                result.missingOptionalColumns.append(column)
                return nil
            }
            return index
        }
        let priceColumn = optional(columns.price)
        let storeColumn = optional(columns.store)
        let attributeColumns = producer.attributes.keys.sorted().compactMap { name in
            optional(producer.attributes[name]).map { (name, $0) }
        }
        let filters = try producer.filters.map { filter in
            (filter, try index(of: filter.column, role: "filter", in: table))
        }
        let excluded = Set(ingest.excludeSkus)
        let from = ingest.dateFrom.flatMap { DateParsing.parseDay($0) }
        let to = ingest.dateTo.flatMap { DateParsing.parseDay($0) }

        for (rowIndex, row) in table.rows.enumerated() {
            let source = "\(fileName):\(table.rowOrigins[rowIndex])"
            func reject(_ reason: String, _ column: String, _ detail: String) {
                result.rejects.append(RejectedRow(reason: reason, source: source, column: column, detail: detail))
            }
            func unreadable(_ column: String, _ detail: String) {
                result.unreadableRows += 1
                if result.firstUnreadable == nil { result.firstUnreadable = "\(source): column '\(column)': \(detail)" }
                reject("unreadable", column, detail)
            }
            if let (filter, column) = filters.first(where: { !$0.0.keeps(CellText.text(row[$0.1])) }) {
                reject("excluded", filter.column, "value '\(CellText.text(row[column]))' excluded by a filter of producer '\(producer.name)'")
                continue
            }
            let sku = CellText.text(row[skuColumn]).trimmingCharacters(in: .whitespaces)
            guard !sku.isEmpty else {
                reject("missing-sku", columns.sku, "empty SKU")
                continue
            }
            guard let quantity = CellValues.number(row[quantityColumn], decimalComma: producer.decimalComma) else {
                unreadable(columns.quantity, "expected a number, found '\(CellText.text(row[quantityColumn]))'")
                continue
            }
            guard let day = CellValues.day(row[dateColumn], format: producer.dateFormat) else {
                let expected = producer.dateFormat.map { "a date as \($0)" } ?? "a date as yyyy-MM-dd (ISO 8601), yyyyMMdd or dd.MM.yyyy; set producers[].dateFormat for other layouts such as dd/MM/yyyy"
                unreadable(columns.date, "expected \(expected), found '\(CellText.text(row[dateColumn]))'")
                continue
            }
            var price: Double?
            if let priceColumn, !row[priceColumn].isEmpty {
                guard let value = CellValues.number(row[priceColumn], decimalComma: producer.decimalComma) else {
                    unreadable(columns.price ?? "price", "expected a number, found '\(CellText.text(row[priceColumn]))'")
                    continue
                }
                price = value
            }
            guard quantity > 0 else {
                reject("non-positive-quantity", columns.quantity, "quantity \(CellText.text(row[quantityColumn])) (returns and zero rows are not demand)")
                continue
            }
            if excluded.contains(sku) {
                reject("excluded", columns.sku, "SKU '\(sku)' is in ingest.excludeSkus")
                continue
            }
            if let from, day < from {
                reject("outside-date-range", columns.date, "before ingest.dateFrom \(ingest.dateFrom ?? "")")
                continue
            }
            if let to, day > to {
                reject("outside-date-range", columns.date, "after ingest.dateTo \(ingest.dateTo ?? "")")
                continue
            }
            let store = storeColumn.map { CellText.text(row[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            result.transactions.append(Transaction(sku: sku, day: day, quantity: quantity, price: price, store: store,
                                                   producer: producer.name, source: source))
            for (name, column) in attributeColumns {
                let value = CellText.text(row[column]).trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { result.attributeValues[sku, default: [:]][name, default: [:]][value, default: 0] += 1 }
            }
        }
        return result
    }

    private func index(of column: String, role: String, in table: Table) throws -> Int {
        guard let index = table.columnIndex(column) else {
            let available = table.columnNames.map { "'\($0)'" }.joined(separator: ", ")
            throw PipelineError(.input, "\(fileName): column '\(column)' (the \(role) column of producer '\(producer.name)') not found; the file has columns \(available). Fix the file or producers[].columns in the config.")
        }
        return index
    }
}

extension PipelineConfig.RowFilter {
    /// Whether a row with `value` in the filter's column is kept.
    func keeps(_ value: String) -> Bool {
        if !include.isEmpty, !include.contains(value) { return false }
        return !exclude.contains(value)
    }
}

import Foundation
