import Formats

extension TransactionMapper {
    /// Maps a table with one quantity column per SKU (`wide.headers` "sku"): each row is dated by
    /// `columns.date`, and each non-empty, non-zero cell is one transaction of the SKU its header names.
    ///
    /// What a row says apart from its quantities — filters, date, price and regressors, store — is read
    /// once per row; a row left out for one of them is a rejected record for each cell that would have
    /// sold, as in a file with one column per date. A SKU in `ingest.excludeSkus` is rejected by its header.
    /// Columns the producer maps to something else (the date, store, price, regressors, attributes,
    /// filters) are not SKUs even when `wide.columns` matches them, nor are a SKU's own covariate columns
    /// (`{*}` mappings, `WidePairedColumns`), read beside its quantity cell.
    func mapSkuColumns(_ table: Table, wide: WideTable, into result: inout Result) throws {
        let dateColumn = try index(of: producer.columns.date, role: "date", in: table)
        // The date and every other mapped column are never SKUs (`WideTable.mapped`), so `"columns": "*"` takes the rest.
        let skuColumns = try wide.quantityColumns(of: table)
        let mapped = try MappedColumns(table, mapper: self, missingOptional: &result.missingOptionalColumns)
        let paired = try WidePairedColumns(table, quantityColumns: skuColumns, mapper: self)
        if result.pairedColumnsAdvice == nil {
            result.pairedColumnsAdvice = WidePairedColumns.unmappedPairs(in: table, skuColumns: skuColumns, decimalComma: producer.decimalComma)
        }
        for (rowIndex, row) in table.rows.enumerated() {
            let source = "\(fileName):\(table.rowOrigins[rowIndex])"
            var left: RejectedRow?
            var kept: (day: Int32, covariates: MappedColumns.Covariates)?
            if case .left(let reason, let column, let detail) = mapped.filtered(row) {
                left = RejectedRow(reason: reason, source: source, column: column, detail: detail)
            } else {
                switch readDay(row[dateColumn], into: &result) {
                case .failure(let problem):
                    left = RejectedRow(reason: "unreadable", source: source, column: producer.columns.date, detail: problem.detail)
                case .success(let day):
                    switch mapped.covariates(of: row) {
                    case .unreadable(let column, let detail): left = RejectedRow(reason: "unreadable", source: source, column: column, detail: detail)
                    case .read(let covariates): kept = (day, covariates)
                    }
                }
            }
            let store = mapped.store(of: row)
            for column in skuColumns {
                result.records += 1
                let header = table.columnNames[column]
                let sku = paired.sku(of: column, header: header)
                guard let quantity = quantity(of: row[column], source: source, column: header, keepingZero: paired.keepsZeroCells, into: &result) else { continue }
                guard let kept else {
                    if let left { result.addLeftOut(left) }
                    continue
                }
                if let (column, detail) = mapped.exclusion(of: sku, column: header) {
                    result.rejects.append(RejectedRow(reason: "excluded", source: source, column: column, detail: detail))
                    continue
                }
                if let detail = mapped.outsideDateRange(kept.day) {
                    result.rejects.append(RejectedRow(reason: "outside-date-range", source: source, column: producer.columns.date, detail: detail))
                    continue
                }
                var covariates = kept.covariates
                if let (column, detail) = paired.read(column, row: row, decimalComma: producer.decimalComma, into: &covariates) {
                    result.addUnreadable(RejectedRow(reason: "unreadable", source: source, column: column, detail: detail))
                    continue
                }
                result.transactions.append(Transaction(sku: sku, day: kept.day, quantity: quantity, price: covariates.price, store: store,
                                                       producer: producer.name, source: source, regressors: covariates.regressors))
            }
        }
    }
}
