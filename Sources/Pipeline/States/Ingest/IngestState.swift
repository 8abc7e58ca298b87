import Formats

/// `ingest`: reads every input file with its producer's mapping into one transactions table.
///
/// Outputs: `transactions.csv` (all readable, wanted rows, sorted; also as `transactions.parquet`), `rejects.csv` (every row left
/// out and why), `attributes.csv` (static attributes per SKU, inherited across producers) and
/// `summary.json` (counts per file and reason). A file whose unreadable rows exceed
/// `ingest.maxBadRowShare`, or that cannot be parsed at all, fails the state naming file, line and column.
public struct IngestState: PipelineState {
    public let name = StateName.ingest
    public init() {}

    public func run(_ context: StateContext) throws {
        let config = context.config
        var transactions: [Transaction] = []
        var rejects: [RejectedRow] = []
        var attributeValues: [String: [String: [String: Int]]] = [:]
        var fileSummaries: [IngestSummary.File] = []
        var overlaps: OverlapCheck?
        for input in context.inputs {
            try context.checkpoint()
            if ReservedInputs.isSupporting(input.producer) { continue }
            if input.producer == MasterTable.producer {
                let rows = try MasterTable.read(path: context.inputPath(input))
                transactions += rows.transactions
                merge(rows.attributes, into: &attributeValues)
                context.log.info("read \(rows.transactions.count) rows of the master table \(input.originalName)")
                fileSummaries.append(.init(file: input.originalName, producer: input.producer, rows: rows.transactions.count,
                                           kept: rows.transactions.count, rejectedByReason: [:]))
                continue
            }
            guard let producer = config.producers.first(where: { $0.name == input.producer }) else {
                throw PipelineError(.input, "\(input.originalName): producer '\(input.producer)' is not in the config")
            }
            if let size = try? FileSystem.size(context.inputPath(input)), size >= Self.largeFileBytes {
                context.log.info("reading \(input.originalName) (\(size >> 20) MiB) with producer '\(producer.name)'…")
            }
            let (rowCount, result) = try Self.read(path: context.inputPath(input), name: input.originalName, producer: producer, ingest: config.ingest)
            if overlaps == nil {
                // The master table comes first among the inputs: from here on, `transactions` holds new files' rows.
                overlaps = OverlapCheck(history: transactions)
                transactions = []
            }
            if let overlap = overlaps?.check(result.transactions, producer: producer) {
                let days = "\(DateParsing.isoString(days: overlap.days.lowerBound)) to \(DateParsing.isoString(days: overlap.days.upperBound))"
                if producer.overlap == .replace {
                    context.log.info("\(input.originalName) restates \(days): \(overlap.earlierRows.count) earlier rows of producer '\(producer.name)' on those days replaced (producers[].overlap \"replace\"; they are in rejects.csv as restated)")
                    rejects += overlap.earlierRows.map { RejectedRow(reason: "restated", source: $0.source, column: "", detail: "restated by \(input.originalName), which covers \(days)") }
                } else {
                    context.log.warning("\(input.originalName) covers \(days), where the master table already holds \(overlap.earlierRows.count) rows of producer '\(producer.name)': both are kept, so those days count twice if the vendor re-sent them; set producers[].overlap to \"replace\" if its files restate earlier days")
                }
            }
            if !result.sheetsNotRead.isEmpty {
                context.log.warning("\(input.originalName) has other visible sheets that were not read: "
                                    + result.sheetsNotRead.map { "'\($0)'" }.joined(separator: ", ")
                                    + "; set producers[].sheet to a pattern such as \"*\" to read every sheet, or to the one sheet meant")
            }
            if let advice = result.pairedColumnsAdvice { context.log.warning("\(input.originalName): \(advice)") }
            if !result.missingOptionalColumns.isEmpty {
                context.log.warning("\(input.originalName) has no column \(result.missingOptionalColumns.map { "'\($0)'" }.joined(separator: ", ")); those optional fields stay empty")
            }
            if result.unreadableRows > 0, let first = result.firstUnreadable {
                context.log.warning("\(result.unreadableRows) unreadable rows in \(input.originalName) (within the allowed share); first: \(first)")
            }
            var byReason: [String: Int] = [:]
            for reject in result.rejects { byReason[reject.reason, default: 0] += 1 }
            let wide = producer.wide == nil ? "" : " (wide: \(result.records) quantity cells, \(result.emptyCells) empty or zero)"
            context.log.info("\(input.originalName): \(rowCount) rows\(wide), \(result.transactions.count) kept",
                             byReason.mapValues(String.init))
            fileSummaries.append(.init(file: input.originalName, producer: producer.name, rows: rowCount,
                                       kept: result.transactions.count, rejectedByReason: byReason))
            if transactions.isEmpty { transactions = result.transactions } else { transactions += result.transactions }
            rejects += result.rejects
            merge(result.attributeValues, into: &attributeValues)
        }
        if let history = overlaps?.history { transactions = history + transactions }
        guard !transactions.isEmpty else {
            throw PipelineError(.input, "no usable sales rows in \(context.inputs.count) input file(s); see \(context.output("rejects.csv")) for why rows were left out")
        }
        if transactions.count >= Self.largeTableRows {
            context.log.info("sorting and writing the master table: \(transactions.count) rows (transactions.csv and .parquet)…")
        }
        MasterTable.sort(&transactions)
        let attributes = AttributeInheritance.resolve(attributeValues)
        try MasterTable.write(transactions, attributes: attributes, transactionsPath: context.output("transactions.csv"),
                              attributesPath: context.output("attributes.csv"))
        try MasterTable.writeParquet(transactions, to: context.output(MasterTable.parquetFileName))
        try FileSystem.writeAtomically(RejectsFile.render(rejects), to: context.output("rejects.csv"))
        let summary = IngestSummary(files: fileSummaries, transactions: transactions.count,
                                    skus: Set(transactions.map(\.sku)).count, rejected: rejects.count)
        try FileSystem.writeAtomically(try summary.json(), to: context.output("summary.json"))
        context.log.info("ingested \(transactions.count) rows for \(summary.skus) SKUs; \(rejects.count) rows left out (see rejects.csv)")
    }

    /// Files from this size on get a line in the log before they are read (progress on long work).
    static let largeFileBytes = 64 << 20
    /// Master tables from this many rows on get a line in the log before they are sorted and written.
    static let largeTableRows = 1_000_000

    /// Reads and maps one vendor file, returning its row count and mapped rows; throws when it cannot be
    /// parsed or has too many unreadable rows.
    ///
    /// The daemon calls this before a run to quarantine bad files; the state calls it for every input.
    static func read(path: String, name: String, producer: PipelineConfig.Producer,
                     ingest: PipelineConfig.Ingest) throws -> (rows: Int, result: TransactionMapper.Result) {
        let (rows, result) = try mapFile(path: path, name: name, producer: producer, ingest: ingest)
        let share = result.records == 0 ? 0 : Double(result.unreadableRows) / Double(result.records)
        if result.unreadableRows > 0 && share > ingest.maxBadRowShare {
            // A wide file's share counts every quantity cell; say how many were empty, or the share looks wrong.
            let unit = producer.wide == nil ? "rows unreadable" : "quantity cells unreadable (\(result.emptyCells) of the \(result.records) empty or zero)"
            let advice = result.unreadableDates.note(format: producer.dateFormat) ?? "see the vendor's file"
            throw PipelineError(.input, "\(result.firstUnreadable ?? name) — \(result.unreadableRows) of \(result.records) \(unit), more than ingest.maxBadRowShare (\(ingest.maxBadRowShare)); \(advice)")
        }
        return (rows, result)
    }

    /// Parses and maps a vendor file with its producer's settings, block by block: a CSV file's parsed
    /// rows never all exist at once, only its mapped ones. Parse errors name the vendor's file name.
    static func mapFile(path: String, name: String, producer: PipelineConfig.Producer,
                        ingest: PipelineConfig.Ingest) throws -> (rows: Int, result: TransactionMapper.Result) {
        let options = ReadOptions(delimiter: producer.delimiter?.utf8.first, decimalComma: producer.decimalComma,
                                  columns: producer.mappedColumns, headerRow: producer.headerRow)
        var result = TransactionMapper.Result()
        var rows = 0
        do {
            if FileFormat.detect(path: path, prefix: try FileBytes.prefix(path: path, count: 512)) == .xlsx {
                rows = try WorkbookSheets.map(path: path, name: name, producer: producer, ingest: ingest,
                                              memoryLimitBytes: options.memoryLimitBytes, into: &result)
            } else {
                let mapper = TransactionMapper(producer: producer, ingest: ingest, fileName: name)
                try TableFile.forEachBlock(path: path, options: options, rowsPerBlock: rowsPerBlock) { block in
                    rows += block.rows.count
                    try mapper.map(block, into: &result)
                }
            }
        } catch let error as FormatError {
            // The producer's columns may sit below a report's title (whose one field then reads as the
            // whole header, or names no column): say on which line.
            var named = error
            named.file = name
            throw PipelineError(.input, named.description + (HeaderHint.advice(path: path, producer: producer).map { " — \($0)" } ?? ""))
        } catch let error as PipelineError where error.kind == .input {
            guard let advice = HeaderHint.advice(path: path, producer: producer) else { throw error }
            throw PipelineError(.input, "\(error.description) — \(advice)")
        }
        return (rows, result)
    }

    /// Rows of a CSV file parsed and mapped at a time.
    static let rowsPerBlock = 65_536

    /// Checks that a vendor file would pass ingest; the error names file, line and column.
    public static func validate(path: String, name: String, producer: PipelineConfig.Producer, ingest: PipelineConfig.Ingest) throws {
        _ = try read(path: path, name: name, producer: producer, ingest: ingest)
    }

    private func merge(_ values: [String: [String: [String: Int]]], into target: inout [String: [String: [String: Int]]]) {
        for (sku, byName) in values {
            for (name, counts) in byName {
                for (value, count) in counts { target[sku, default: [:]][name, default: [:]][value, default: 0] += count }
            }
        }
    }
}
