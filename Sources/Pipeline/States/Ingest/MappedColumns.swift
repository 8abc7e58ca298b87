import Foundation
import Formats

/// A producer's column mapping resolved against one table's header, and what a row says apart from its
/// date and quantity: which SKU it is for (or why it is left out), its price and regressors, its store and
/// attributes. Long rows and the rows of a wide file are read through it alike.
struct MappedColumns {
    /// A row's SKU, or why the row is left out.
    enum Identity {
        case sku(String)
        case left(reason: String, column: String, detail: String)
    }

    /// A row's price and regressor values.
    struct Covariates {
        var price: Double?
        var regressors: [String: Double]
    }

    /// A row's covariates, or the column that could not be read.
    enum CovariateReading {
        case read(Covariates)
        case unreadable(column: String, detail: String)
    }

    private let producer: PipelineConfig.Producer
    private let ingest: PipelineConfig.Ingest
    private let skuParts: TemplateColumns?
    private let skuColumn: Int?
    /// The price (named "") and the regressors, by our name.
    private let numericColumns: [(name: String, column: NumericColumn)]
    private let storeColumn: Int?
    /// The line amount column (`columns.revenue`), whose value over the quantity is the row's price.
    private let revenueColumn: Int?
    private let attributeColumns: [(name: String, column: Int)]
    private let filters: [(filter: PipelineConfig.RowFilter, column: Int)]
    private let excluded: Set<String>
    private let from: Int32?
    private let to: Int32?

    /// Resolves the mapping; a missing required column throws, a missing optional one (plain price, store,
    /// an attribute) is added to `missingOptional`.
    init(_ table: Table, mapper: TransactionMapper, missingOptional: inout [String]) throws {
        let producer = mapper.producer, ingest = mapper.ingest
        self.producer = producer
        self.ingest = ingest
        let columns = producer.columns
        // A file with one quantity column per SKU has no SKU column (its headers name the SKUs).
        // `{*}` names SKUs after their headers (`WidePairedColumns`), not from a row.
        let skuTemplate = try ColumnTemplate(HeaderMatch.isPaired(columns.sku) ? "" : columns.sku)
        skuParts = skuTemplate.isTemplate
            ? TemplateColumns(skuTemplate, columns: try skuTemplate.placeholders.map { try mapper.index(of: $0, role: "sku", in: table) }) : nil
        skuColumn = skuTemplate.isTemplate || skuTemplate.text.isEmpty ? nil : try mapper.index(of: columns.sku, role: "sku", in: table)
        func optional(_ column: String?) -> Int? {
            guard let column else { return nil }
            guard let index = table.columnIndex(column) else {
                if !missingOptional.contains(column) { missingOptional.append(column) }
                return nil
            }
            return index
        }
        // A missing plain price column is noted (prices are optional); a template's placeholders must exist.
        var price: NumericColumn?
        // A SKU's own columns (`{*}`) are read per quantity column by `WidePairedColumns`.
        if let mapping = columns.price, !HeaderMatch.isPaired(mapping), try ColumnTemplate(mapping).isTemplate || optional(mapping) != nil {
            price = try NumericColumn(mapping: mapping, role: "price", table: table, mapper: mapper)
        }
        let regressors = try producer.regressors.keys.sorted().filter { !HeaderMatch.isPaired(producer.regressors[$0]) }.map { name in
            (name: name, column: try NumericColumn(mapping: producer.regressors[name] ?? name, role: "regressor '\(name)'", table: table,
                                                   mapper: mapper, readsFlags: true))
        }
        let flags = try producer.flags.keys.sorted().filter { !HeaderMatch.isPaired(producer.flags[$0]) }.map { name in
            (name: name, column: try NumericColumn(mapping: producer.flags[name] ?? name, role: "flag '\(name)'", table: table,
                                                   mapper: mapper, readsCodes: true))
        }
        numericColumns = (price.map { [(name: "", column: $0)] } ?? []) + regressors + flags
        storeColumn = optional(columns.store)
        revenueColumn = optional(columns.revenue)
        attributeColumns = producer.attributes.keys.sorted().compactMap { name in
            optional(producer.attributes[name]).map { (name: name, column: $0) }
        }
        filters = try producer.filters.map { filter in
            (filter: filter, column: try mapper.index(of: filter.column, role: "filter", in: table))
        }
        excluded = Set(ingest.excludeSkus)
        from = ingest.dateFrom.flatMap { DateParsing.parseDay($0) }
        to = ingest.dateTo.flatMap { DateParsing.parseDay($0) }
    }

    /// The row's SKU; a row a producer filter excludes, or with an empty SKU, is left out.
    func identity(of row: [Cell]) -> Identity {
        if let filtered = filtered(row) { return filtered }
        let sku: String
        if let skuParts {
            let parts = skuParts.parts(of: row)
            sku = parts.contains("") ? "" : skuParts.resolve(parts)
        } else {
            sku = skuColumn.map { CellText.trimmed(row[$0]) } ?? ""
        }
        if sku.isEmpty { return .left(reason: "missing-sku", column: producer.columns.sku, detail: "empty SKU") }
        if Self.isTotalLabel(sku) {
            return .left(reason: "total-row", column: producer.columns.sku, detail: "'\(sku)' is a report's total row, not a SKU")
        }
        return .sku(sku)
    }

    /// Whether a SKU cell (or a wide file's header) is a report's or pivot table's total label —
    /// `Total`, `Totals`, `Grand Total`, `Sum`, `Overall Total`, any case: a summed row or column that
    /// would count its SKUs' sales twice. Only the whole label counts: a cereal called "Total Raisin
    /// Bran" is a SKU.
    static func isTotalLabel(_ text: String) -> Bool {
        ["total", "totals", "grand total", "sum", "overall total"].contains(text.lowercased())
    }

    /// Why a producer filter leaves the row out, if one does.
    func filtered(_ row: [Cell]) -> Identity? {
        guard let (filter, column) = filters.first(where: { !$0.filter.keeps(CellText.text(row[$0.column])) }) else { return nil }
        return .left(reason: "excluded", column: filter.column,
                     detail: "value '\(CellText.text(row[column]))' excluded by a filter of producer '\(producer.name)'")
    }

    /// The row's price and regressors; empty cells are missing values, text that is not a number is unreadable.
    func covariates(of row: [Cell]) -> CovariateReading {
        var covariates = Covariates(price: nil, regressors: [:])
        for (name, column) in numericColumns {
            switch column.value(in: row, decimalComma: producer.decimalComma) {
            case .missing: break
            case .value(let value): if name.isEmpty { covariates.price = value } else { covariates.regressors[name] = value }
            case .failure(let column, let detail): return .unreadable(column: column, detail: detail)
            }
        }
        return .read(covariates)
    }

    /// The row's unit price from its line amount (`columns.revenue`) over `quantity`: nil without an
    /// amount column, an empty cell or no quantity; a failure naming the column when it is not a number.
    func priceFromRevenue(of row: [Cell], quantity: Double) -> CovariateReading? {
        guard let revenueColumn, !row[revenueColumn].isEmpty, quantity > 0 else { return nil }
        guard let amount = CellValues.number(row[revenueColumn], decimalComma: producer.decimalComma) else {
            return .unreadable(column: producer.columns.revenue ?? "", detail: "expected an amount, found '\(CellText.text(row[revenueColumn]))'")
        }
        return .read(Covariates(price: amount / quantity, regressors: [:]))
    }

    /// The column and reason when `sku` is in `ingest.excludeSkus`.
    func exclusion(of sku: String, column: String? = nil) -> (column: String, detail: String)? {
        excluded.contains(sku) ? (column ?? producer.columns.sku, "SKU '\(sku)' is in ingest.excludeSkus") : nil
    }

    /// Why `day` is outside `ingest.dateFrom`…`dateTo`, if it is.
    func outsideDateRange(_ day: Int32) -> String? {
        if let from, day < from { return "before ingest.dateFrom \(ingest.dateFrom ?? "")" }
        if let to, day > to { return "after ingest.dateTo \(ingest.dateTo ?? "")" }
        return nil
    }

    /// The row's store, when mapped and not empty.
    func store(of row: [Cell]) -> String? {
        storeColumn.map { CellText.text(row[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Counts the row's attribute values `times` (once per transaction it gave) for `sku`.
    func countAttributes(of row: [Cell], sku: String, times: Int, into values: inout [String: [String: [String: Int]]]) {
        for (name, column) in attributeColumns {
            let value = CellText.trimmed(row[column])
            if !value.isEmpty { values[sku, default: [:]][name, default: [:]][value, default: 0] += times }
        }
    }
}



/// A numeric mapped column (price, a regressor or a flag): a fixed column, or one named per row by a template.
final class NumericColumn {
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
    /// Whether every cell reads as 0/1: 0 for an empty cell, a zero or a no/false flag, 1 for anything else
    /// (an event column's codes or names).
    let readsCodes: Bool

    init(mapping: String, role: String, table: Table, mapper: TransactionMapper, readsFlags: Bool = false, readsCodes: Bool = false) throws {
        self.readsFlags = readsFlags || readsCodes
        self.readsCodes = readsCodes
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
        if readsCodes {
            if row[column].isEmpty || CellText.trimmed(row[column]).isEmpty { return .value(0) }
            if let value = CellValues.number(row[column], decimalComma: decimalComma) { return .value(value == 0 ? 0 : 1) }
            return .value(CellValues.flag(row[column]) == false ? 0 : 1)
        }
        guard !row[column].isEmpty else { return .missing }
        if let value = CellValues.number(row[column], decimalComma: decimalComma) { return .value(value) }
        if readsFlags, let flag = CellValues.flag(row[column]) { return .value(flag ? 1 : 0) }
        return .failure(column: name, detail: "expected a number\(readsFlags ? " or a yes/no flag" : ""), found '\(CellText.text(row[column]))'")
    }
}
