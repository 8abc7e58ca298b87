import Formats

/// The quantity columns of a wide vendor table (one column per date) and the day each stands for.
struct WideTable {
    let layout: PipelineConfig.WideLayout
    let dateFormat: DateLayouts?
    let fileName: String
    let producerName: String
    /// Columns the producer maps to something else (`Producer.nonQuantityColumns`): never quantities.
    let mapped: Set<String>
    /// Globs of the columns each SKU's paired covariates come from (`PROMO_*`): never quantities either.
    let pairedGlobs: [String]

    /// The quantity columns of a wide table and the day each stands for; throws when none match or a
    /// header gives no date.
    func dateColumns(of wide: Table) throws -> [(column: Int, day: Int32)] {
        try quantityColumns(of: wide).map { ($0, try day(of: wide.columnNames[$0])) }
    }

    /// The columns whose headers match `layout.columns` and no `layout.exclude` glob, other than those the
    /// producer maps to something else (paired covariate columns too) and total columns (`Grand Total`);
    /// throws when none do.
    func quantityColumns(of wide: Table) throws -> [Int] {
        // A pivot's "Grand Total" column sums the others: never a date's or a SKU's quantities.
        let valueColumns = wide.columnNames.indices.filter { index in
            let name = wide.columnNames[index]
            return !mapped.contains(name) && !pairedGlobs.contains { Glob.matches($0, name) } && !MappedColumns.isTotalLabel(name)
                && layout.holdsQuantities(name)
        }
        guard !valueColumns.isEmpty else {
            guard !wide.columnNames.isEmpty else { throw TransactionMapper.emptyFile(fileName) }
            let available = wide.columnNames.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
            throw PipelineError(.input, "\(fileName): no column matches producers[].wide.columns '\(layout.columns)' of producer '\(producerName)'; the file has columns \(available)\(wide.columnNames.count > 20 ? ", …" : ""). Fix the file or the config.")
        }
        return valueColumns
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

extension TransactionMapper {
    /// Maps a wide table: one transaction per non-empty, non-zero quantity cell. What a row says apart
    /// from its dates — SKU, filters, price and regressors, exclusion, store — is read once per row and
    /// checked in the order of a long row; a cell that is not a number, or is negative, is a rejected
    /// record naming the row and the date column, as in a long file; empty and zero cells are counted, not
    /// rejected (in a wide file they are how a vendor says "no sale", and they are most cells).
    func mapWide(_ table: Table, layout: PipelineConfig.WideLayout, into result: inout Result) throws {
        let wide = WideTable(layout: layout, dateFormat: producer.dateFormat, fileName: fileName, producerName: producer.name,
                             mapped: producer.nonQuantityColumns, pairedGlobs: producer.pairedMappings.map { HeaderMatch.glob(of: $0.mapping) })
        if layout.headersAreSkus { return try mapSkuColumns(table, wide: wide, into: &result) }
        let dates = try wide.dateColumns(of: table)
        let mapped = try MappedColumns(table, mapper: self, missingOptional: &result.missingOptionalColumns)
        for (rowIndex, row) in table.rows.enumerated() {
            let source = "\(fileName):\(table.rowOrigins[rowIndex])"
            var kept: (sku: String, store: String?, covariates: MappedColumns.Covariates)?
            var left: RejectedRow?
            switch mapped.identity(of: row) {
            case .left(let reason, let column, let detail):
                left = RejectedRow(reason: reason, source: source, column: column, detail: detail)
            case .sku(let sku):
                switch mapped.covariates(of: row) {
                case .unreadable(let column, let detail):
                    left = RejectedRow(reason: "unreadable", source: source, column: column, detail: detail)
                case .read(let covariates):
                    if let (column, detail) = mapped.exclusion(of: sku) {
                        left = RejectedRow(reason: "excluded", source: source, column: column, detail: detail)
                    } else {
                        kept = (sku, mapped.store(of: row), covariates)
                    }
                }
            }
            var sold = 0
            for (column, day) in dates {
                result.records += 1
                guard let quantity = quantity(of: row[column], source: source, column: table.columnNames[column], into: &result) else { continue }
                guard let kept else {
                    if let left { result.addLeftOut(left) }
                    continue
                }
                if let detail = mapped.outsideDateRange(day) {
                    result.rejects.append(RejectedRow(reason: "outside-date-range", source: source, column: table.columnNames[column], detail: detail))
                    continue
                }
                result.transactions.append(Transaction(sku: kept.sku, day: day, quantity: quantity, price: kept.covariates.price, store: kept.store,
                                                       producer: producer.name, source: source, regressors: kept.covariates.regressors))
                sold += 1
            }
            if let kept, sold > 0 { mapped.countAttributes(of: row, sku: kept.sku, times: sold, into: &result.attributeValues) }
        }
    }
}
