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
        /// The layout the unreadable date cells suggest.
        var unreadableDates = DateLayoutHint()
        /// Records read: rows of a long file, quantity cells of a wide one.
        var records = 0
        /// Empty or zero quantity cells of a wide file (no sale recorded).
        var emptyCells = 0
        /// A workbook's other visible worksheets, not read because `producers[].sheet` is unset.
        var sheetsNotRead: [String] = []
        /// Optional mapped columns (price, store, attributes) the file does not have.
        var missingOptionalColumns: [String] = []
        /// A wide file's SKU columns that look like two families of one name (`WidePairedColumns.unmappedPairs`).
        var pairedColumnsAdvice: String?

        /// Records a value that could not be read; the first one is what errors name.
        mutating func addUnreadable(_ reject: RejectedRow) {
            unreadableRows += 1
            if firstUnreadable == nil { firstUnreadable = "\(reject.source): column '\(reject.column)': \(reject.detail)" }
            rejects.append(reject)
        }

        /// Records a row left out for what it says apart from a quantity: unreadable ones count towards
        /// `ingest.maxBadRowShare`, the rest (filters, exclusions) are only rejected.
        mutating func addLeftOut(_ reject: RejectedRow) {
            if reject.reason == "unreadable" { addUnreadable(reject) } else { rejects.append(reject) }
        }
    }

    /// Maps a vendor table, or one block of a file's rows, adding to `result`. A wide table's quantity
    /// cells become transactions straight from its rows: what a row says apart from its dates (SKU,
    /// store, price, filters) is read once per row, not once per cell.
    func map(_ file: Table, into result: inout Result) throws {
        if let layout = producer.wide {
            try mapWide(file, layout: layout, into: &result)
        } else {
            result.records += file.rows.count
            try mapRows(file, into: &result)
        }
    }

    /// Maps long rows into `result`.
    private func mapRows(_ table: Table, into result: inout Result) throws {
        let columns = producer.columns
        let mapped = try MappedColumns(table, mapper: self, missingOptional: &result.missingOptionalColumns)
        let dateColumn = try index(of: columns.date, role: "date", in: table)
        let quantityColumn = producer.countRows ? nil : try index(of: columns.quantity, role: "quantity", in: table)
        let numbering = DateNumbering(producer)
        // A zero row says nothing about demand, but with regressors or flags it says what held that day
        // (the store shut, a holiday, a promotion that sold nothing): kept, it counts in their bucket means.
        let keepsZeroRows = !producer.regressors.isEmpty || !producer.flags.isEmpty

        for (rowIndex, row) in table.rows.enumerated() {
            let source = "\(fileName):\(table.rowOrigins[rowIndex])"
            func reject(_ reason: String, _ column: String, _ detail: String) {
                result.rejects.append(RejectedRow(reason: reason, source: source, column: column, detail: detail))
            }
            func unreadable(_ column: String, _ detail: String) {
                result.addUnreadable(RejectedRow(reason: "unreadable", source: source, column: column, detail: detail))
            }
            let sku: String
            switch mapped.identity(of: row) {
            case .left(let reason, let column, let detail):
                reject(reason, column, detail)
                continue
            case .sku(let value): sku = value
            }
            let quantity: Double
            if let quantityColumn {
                guard let value = CellValues.number(row[quantityColumn], decimalComma: producer.decimalComma) else {
                    if Self.repeatsHeader(row, of: table) {
                        reject("repeated-header", columns.quantity, Self.repeatedHeaderDetail)
                        continue
                    }
                    unreadable(columns.quantity, "expected a number, found '\(CellText.text(row[quantityColumn]))'")
                    continue
                }
                quantity = value
            } else {
                quantity = 1  // producers[].countRows: each row is one unit sold
            }
            let day: Int32
            if let numbering {
                guard let numbered = numbering.day(row[dateColumn]) else {
                    unreadable(columns.date, "expected \(numbering.expected), found '\(CellText.text(row[dateColumn]))'")
                    continue
                }
                day = numbered
            } else {
                switch readDay(row[dateColumn], into: &result) {
                case .success(let parsed): day = parsed
                case .failure(let problem):
                    if Self.repeatsHeader(row, of: table) {
                        reject("repeated-header", columns.date, Self.repeatedHeaderDetail)
                        continue
                    }
                    unreadable(columns.date, problem.detail)
                    continue
                }
            }
            var covariates: MappedColumns.Covariates
            switch mapped.covariates(of: row) {
            case .unreadable(let column, let detail):
                unreadable(column, detail)
                continue
            case .read(let values): covariates = values
            }
            switch mapped.priceFromRevenue(of: row, quantity: quantity) {
            case .unreadable(let column, let detail):
                unreadable(column, detail)
                continue
            case .read(let values): covariates.price = values.price
            case nil: break
            }
            guard quantity > 0 || (quantity == 0 && keepsZeroRows) else {
                reject("non-positive-quantity", columns.quantity, "quantity \(quantityColumn.map { CellText.text(row[$0]) } ?? "1") (returns and zero rows are not demand)")
                continue
            }
            if let (column, detail) = mapped.exclusion(of: sku) {
                reject("excluded", column, detail)
                continue
            }
            if let detail = mapped.outsideDateRange(day) {
                reject("outside-date-range", columns.date, detail)
                continue
            }
            result.transactions.append(Transaction(sku: sku, day: day, quantity: quantity, price: covariates.price, store: mapped.store(of: row),
                                                   producer: producer.name, source: source, regressors: covariates.regressors))
            mapped.countAttributes(of: row, sku: sku, times: 1, into: &result.attributeValues)
        }
    }

    /// Why a date cell could not be read.
    struct UnreadableDate: Error {
        let detail: String
    }

    /// The day a date cell gives under the producer's `dateFormat`; a cell that gives none is also
    /// counted towards the layout `result.unreadableDates` suggests.
    func readDay(_ cell: Cell, into result: inout Result) -> Swift.Result<Int32, UnreadableDate> {
        if let day = CellValues.day(cell, format: producer.dateFormat) { return .success(day) }
        let expected = producer.dateFormat.map { "a date as \($0)" }
            ?? "a date as yyyy-MM-dd (ISO 8601), yyyy-MM (a month), yyyy-Www (an ISO week), yyyyMMdd, dd.MM.yyyy, a day with a month name (31-Jan-2024, 31-JAN-24, January 31, 2024), an Excel serial day (45292) or a Unix time (1704067200, or 1704067200000 in milliseconds); set producers[].dateFormat for other layouts such as dd/MM/yyyy"
        let found = CellText.text(cell)
        result.unreadableDates.add(found)
        return .failure(UnreadableDate(detail: "expected \(expected), found '\(found)'"))
    }

    /// A wide file's quantity cell: its sale, or `nil` when it records none — empty or zero cells are
    /// counted in `result.emptyCells`, a cell that is not a number is unreadable and a negative one is
    /// rejected (returns are not demand), each naming `column` (the cell's header). With `keepingZero` a
    /// zero cell is a record of no sale (its SKU's own covariates say what held that day), as a long
    /// file's zero rows are kept when a producer maps regressors.
    func quantity(of cell: Cell, source: String, column: String, keepingZero: Bool = false, into result: inout Result) -> Double? {
        if cell.isEmpty {
            result.emptyCells += 1
            return nil
        }
        guard let quantity = CellValues.number(cell, decimalComma: producer.decimalComma) else {
            result.addUnreadable(RejectedRow(reason: "unreadable", source: source, column: column, detail: "expected a number, found '\(CellText.text(cell))'"))
            return nil
        }
        if quantity == 0 {
            if keepingZero { return 0 }
            result.emptyCells += 1
            return nil
        }
        guard quantity > 0 else {
            result.rejects.append(RejectedRow(reason: "non-positive-quantity", source: source, column: column,
                                              detail: "quantity \(CellText.text(cell)) (returns are not demand)"))
            return nil
        }
        return quantity
    }

    /// Whether `row` is the header again, as in files joined one after another with their headers
    /// (Kaggle's monthly electronics sales repeat theirs a few dozen times a month): every cell read
    /// is its column's name, two at least (a CSV reader leaves unmapped columns' cells empty). Such
    /// rows are left out as `repeated-header`, not counted as unreadable.
    static func repeatsHeader(_ row: [Cell], of table: Table) -> Bool {
        guard row.count == table.columnNames.count else { return false }
        var named = 0
        for (cell, name) in zip(row, table.columnNames) where !cell.isEmpty {
            guard CellText.trimmed(cell) == name else { return false }
            named += 1
        }
        return named >= min(2, row.count)
    }

    static let repeatedHeaderDetail = "the header row again (files joined one after another)"

    /// The error for a file without even a header row (a zero-byte upload, an export that failed).
    static func emptyFile(_ fileName: String) -> PipelineError {
        PipelineError(.input, "\(fileName): the file is empty (no header row, no rows); a vendor file needs at least its header. Ask the vendor for it again.")
    }

    func index(of column: String, role: String, in table: Table) throws -> Int {
        guard let index = table.columnIndex(column) else {
            guard !table.columnNames.isEmpty else { throw Self.emptyFile(fileName) }
            // A wide file has thousands of columns: name the first ones.
            let available = table.columnNames.prefix(30).map { "'\($0)'" }.joined(separator: ", ") + (table.columnNames.count > 30 ? ", …" : "")
            let key = role.hasPrefix("regressor") ? "regressors" : role.hasPrefix("flag") ? "flags" : role.hasPrefix("filter") ? "filters" : "columns"
            // In a file with one quantity column per SKU, a template naming a column by the SKU wants `{*}`.
            let paired = producer.wide?.headersAreSkus == true && role.hasSuffix("template")
                ? " A SKU's own column is named with {*}, what the * of wide.columns matched in its header (\"PROMO_{*}\")." : ""
            throw PipelineError(.input, "\(fileName): column '\(column)' (the \(role) column of producer '\(producer.name)') not found; the file has columns \(available). Fix the file or producers[].\(key) in the config.\(paired)")
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

