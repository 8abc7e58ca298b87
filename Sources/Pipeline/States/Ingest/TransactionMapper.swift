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
        /// Records read: rows of a long file, quantity cells of a wide one.
        var records = 0
        /// Empty or zero quantity cells of a wide file (no sale recorded).
        var emptyCells = 0
        /// Optional mapped columns (price, store, attributes) the file does not have.
        var missingOptionalColumns: [String] = []

        /// Records a value that could not be read; the first one is what errors name.
        mutating func addUnreadable(_ reject: RejectedRow) {
            unreadableRows += 1
            if firstUnreadable == nil { firstUnreadable = "\(reject.source): column '\(reject.column)': \(reject.detail)" }
            rejects.append(reject)
        }
    }

    /// Maps a vendor table, or one block of a file's rows, adding to `result`; a wide one is turned into
    /// long rows a block of rows at a time, so the long rows of the whole file never exist at once.
    func map(_ file: Table, into result: inout Result) throws {
        guard let layout = producer.wide else {
            result.records += file.rows.count
            try mapRows(file, columns: producer.columns, into: &result)
            return
        }
        let wide = WideTable(layout: layout, dateFormat: producer.dateFormat, decimalComma: producer.decimalComma,
                             fileName: fileName, producerName: producer.name)
        let dates = try wide.dateColumns(of: file)
        var columns = producer.columns
        columns.date = WideTable.dateColumn
        columns.quantity = WideTable.quantityColumn
        var start = 0
        repeat {
            let end = min(file.rows.count, start + Self.wideRowsPerBlock)
            let melted = wide.melt(file, rows: start..<end, dates: dates)
            for reject in melted.rejects {
                if reject.reason == "unreadable" { result.addUnreadable(reject) } else { result.rejects.append(reject) }
            }
            result.records += melted.cells
            result.emptyCells += melted.emptyCells
            try mapRows(melted.table, columns: columns, into: &result)
            start = end
        } while start < file.rows.count
    }

    /// Wide rows turned into long rows at a time.
    static let wideRowsPerBlock = 256

    /// Maps long rows into `result`.
    private func mapRows(_ table: Table, columns: PipelineConfig.ColumnMapping, into result: inout Result) throws {
        let skuTemplate = try ColumnTemplate(columns.sku)
        let skuParts = skuTemplate.isTemplate
            ? TemplateColumns(skuTemplate, columns: try skuTemplate.placeholders.map { try index(of: $0, role: "sku", in: table) }) : nil
        let skuColumn = skuTemplate.isTemplate ? nil : try index(of: columns.sku, role: "sku", in: table)
        let dateColumn = try index(of: columns.date, role: "date", in: table)
        let quantityColumn = producer.countRows ? nil : try index(of: columns.quantity, role: "quantity", in: table)
        func optional(_ column: String?) -> Int? {
            guard let column else { return nil }
            guard let index = table.columnIndex(column) else {
                if !result.missingOptionalColumns.contains(column) { result.missingOptionalColumns.append(column) }
                return nil
            }
            return index
        }
        // A missing plain price column is noted (prices are optional); a template's placeholders must exist.
        let price = try columns.price.flatMap { mapping -> NumericColumn? in
            if !(try ColumnTemplate(mapping).isTemplate) && optional(mapping) == nil { return nil }
            return try NumericColumn(mapping: mapping, role: "price", table: table, mapper: self)
        }
        let regressors = try producer.regressors.keys.sorted().map { name in
            (name, try NumericColumn(mapping: producer.regressors[name] ?? name, role: "regressor '\(name)'", table: table, mapper: self,
                                     readsFlags: true))
        }
        let numericColumns = (price.map { [("", $0)] } ?? []) + regressors  // "" is the price
        let weekOne = producer.wide == nil ? producer.weekOneStarts.flatMap { DateParsing.parseDay($0) } : nil
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
                result.addUnreadable(RejectedRow(reason: "unreadable", source: source, column: column, detail: detail))
            }
            if let (filter, column) = filters.first(where: { !$0.0.keeps(CellText.text(row[$0.1])) }) {
                reject("excluded", filter.column, "value '\(CellText.text(row[column]))' excluded by a filter of producer '\(producer.name)'")
                continue
            }
            let sku: String
            if let skuParts {
                let parts = skuParts.parts(of: row)
                sku = parts.contains("") ? "" : skuParts.resolve(parts)
            } else {
                sku = skuColumn.map { CellText.trimmed(row[$0]) } ?? ""
            }
            guard !sku.isEmpty else {
                reject("missing-sku", columns.sku, "empty SKU")
                continue
            }
            let quantity: Double
            if let quantityColumn {
                guard let value = CellValues.number(row[quantityColumn], decimalComma: producer.decimalComma) else {
                    unreadable(columns.quantity, "expected a number, found '\(CellText.text(row[quantityColumn]))'")
                    continue
                }
                quantity = value
            } else {
                quantity = 1  // producers[].countRows: each row is one unit sold
            }
            let day: Int32
            if let weekOne {
                guard let week = CellValues.number(row[dateColumn], decimalComma: false), week == week.rounded(), abs(week) < 100_000 else {
                    unreadable(columns.date, "expected a week number (producers[].weekOneStarts is set), found '\(CellText.text(row[dateColumn]))'")
                    continue
                }
                day = weekOne + Int32(week - 1) * 7
            } else {
                guard let parsed = CellValues.day(row[dateColumn], format: producer.dateFormat) else {
                    let expected = producer.dateFormat.map { "a date as \($0)" } ?? "a date as yyyy-MM-dd (ISO 8601), yyyyMMdd or dd.MM.yyyy; set producers[].dateFormat for other layouts such as dd/MM/yyyy"
                    unreadable(columns.date, "expected \(expected), found '\(CellText.text(row[dateColumn]))'")
                    continue
                }
                day = parsed
            }
            var rowPrice: Double?
            var values: [String: Double] = [:]
            var failure: (column: String, detail: String)?
            for (name, column) in numericColumns where failure == nil {
                switch column.value(in: row, decimalComma: producer.decimalComma) {
                case .missing: break
                case .value(let value): if name.isEmpty { rowPrice = value } else { values[name] = value }
                case .failure(let column, let detail): failure = (column, detail)
                }
            }
            if let failure {
                unreadable(failure.column, failure.detail)
                continue
            }
            guard quantity > 0 else {
                reject("non-positive-quantity", columns.quantity, "quantity \(quantityColumn.map { CellText.text(row[$0]) } ?? "1") (returns and zero rows are not demand)")
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
            result.transactions.append(Transaction(sku: sku, day: day, quantity: quantity, price: rowPrice, store: store,
                                                   producer: producer.name, source: source, regressors: values))
            for (name, column) in attributeColumns {
                let value = CellText.trimmed(row[column])
                if !value.isEmpty { result.attributeValues[sku, default: [:]][name, default: [:]][value, default: 0] += 1 }
            }
        }
    }

    fileprivate func index(of column: String, role: String, in table: Table) throws -> Int {
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

/// A numeric mapped column (price or a regressor): a fixed column, or one named per row by a template.
private final class NumericColumn {
    enum Reading {
        case missing
        case value(Double)
        case failure(column: String, detail: String)
    }

    let template: ColumnTemplate
    let fixed: Int?
    let columnIndex: [String: Int]
    let placeholders: TemplateColumns?
    /// Whether yes/no values (boolean cells, `true`/`false`, `yes`/`no`) read as 1/0, as promotion flags are often sent.
    let readsFlags: Bool

    init(mapping: String, role: String, table: Table, mapper: TransactionMapper, readsFlags: Bool = false) throws {
        self.readsFlags = readsFlags
        template = try ColumnTemplate(mapping)
        if template.isTemplate {
            fixed = nil
            placeholders = TemplateColumns(template, columns: try template.placeholders.map { try mapper.index(of: $0, role: "\(role) template", in: table) })
            columnIndex = Dictionary(table.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        } else {
            fixed = try mapper.index(of: mapping, role: role, in: table)
            placeholders = nil
            columnIndex = [:]
        }
    }

    /// The row's value: missing when the cell is empty, a failure naming the column when it is not a number.
    func value(in row: [Cell], decimalComma: Bool) -> Reading {
        let column: Int
        let name: String
        if let fixed {
            column = fixed
            name = template.text
        } else {
            name = placeholders.map { $0.resolve($0.parts(of: row)) } ?? template.text
            guard let index = columnIndex[name] else {
                return .failure(column: template.text, detail: "the template '\(template.text)' names column '\(name)', which the file does not have")
            }
            column = index
        }
        guard !row[column].isEmpty else { return .missing }
        if let value = CellValues.number(row[column], decimalComma: decimalComma) { return .value(value) }
        if readsFlags, let flag = CellValues.flag(row[column]) { return .value(flag ? 1 : 0) }
        return .failure(column: name, detail: "expected a number\(readsFlags ? " or a yes/no flag" : ""), found '\(CellText.text(row[column]))'")
    }
}
