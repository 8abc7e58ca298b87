import Formats

/// The unified transactions table: `ingest/transactions.csv` of a run, published to `processed/master/`.
///
/// The next run archives the published table as an input (producer `master`), so history accumulates
/// across runs and every run can still be replayed from its own inputs.
public enum MasterTable {
    /// The producer name under which the previous master table enters a run.
    public static let producer = "master"
    /// The producer name of the master table's attributes file (read beside the table, not as sales).
    public static let attributesProducer = "master-attributes"
    /// The published file name under `processed/master/`.
    public static let fileName = "transactions.csv"
    /// The attributes file name beside it.
    public static let attributesFileName = "attributes.csv"

    static let header = ["sku", "date", "quantity", "price", "store", "producer", "source"]
    /// Regressor columns follow the fixed ones, named with this prefix and the regressor's name.
    static let regressorPrefix = "regressor_"

    /// The regressor names present in any row, sorted.
    static func regressorNames(_ rows: [Transaction]) -> [String] {
        var names = Set<String>()
        for row in rows { names.formUnion(row.regressors.keys) }
        return names.sorted()
    }

    /// Deterministic row order: SKU, day, producer, source.
    static func order(_ a: Transaction, _ b: Transaction) -> Bool {
        if a.sku != b.sku { return a.sku.utf8.lexicographicallyPrecedes(b.sku.utf8) }
        if a.day != b.day { return a.day < b.day }
        if a.producer != b.producer { return a.producer < b.producer }
        return a.source.utf8.lexicographicallyPrecedes(b.source.utf8)
    }

    /// Puts the rows in `order` without copying a row per comparison: SKUs and producers are ranked once and
    /// packed with the day into small keys that sort on their own; only rows with the same SKU, day and
    /// producer compare their sources. The rows are then moved into place by swaps, so the table is never copied.
    static func sort(_ rows: inout [Transaction]) {
        let skuRanks = ranks(of: rows.lazy.map(\.sku)) { $0.utf8Precedes($1) }
        let producerRanks = ranks(of: rows.lazy.map(\.producer), by: <)
        // SKU rank in the high half, the day (sign bit flipped, so unsigned order is day order) in the low half.
        var keys = rows.indices.map { index in
            let row = rows[index]
            let sku = UInt64(UInt32(skuRanks[row.sku, default: 0])) << 32
            return SortKey(skuAndDay: sku | UInt64(UInt32(bitPattern: row.day) ^ 0x8000_0000),
                           producer: producerRanks[row.producer, default: 0], index: Int32(index))
        }
        keys.sort { a, b in
            if a.skuAndDay != b.skuAndDay { return a.skuAndDay < b.skuAndDay }
            if a.producer != b.producer { return a.producer < b.producer }
            return rows[Int(a.index)].source.utf8Precedes(rows[Int(b.index)].source)
        }
        // sources[i]: where the row that belongs at position i is now.
        var sources = keys.map { Int($0.index) }
        keys = []
        for start in rows.indices where sources[start] != start {
            var destination = start
            while sources[destination] != start {
                let source = sources[destination]
                rows.swapAt(destination, source)
                sources[destination] = destination
                destination = source
            }
            sources[destination] = destination
        }
    }

    /// A row's place in the master table's order, packed for sorting.
    private struct SortKey {
        var skuAndDay: UInt64
        var producer: Int32
        var index: Int32
    }

    /// Each distinct value's position among the distinct values sorted by `precedes`.
    private static func ranks(of values: some Sequence<String>, by precedes: (String, String) -> Bool) -> [String: Int32] {
        let distinct = Set(values).sorted(by: precedes)
        return Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
    }

    /// The Parquet copy of the table (for tools such as pandas, polars and duckdb), beside the CSV.
    public static let parquetFileName = "transactions.parquet"

    /// Writes the transactions as Parquet: typed columns, dictionary-encoded strings, statistics.
    static func writeParquet(_ rows: [Transaction], to path: String) throws {
        let columns = [
            ParquetWriterColumn(name: "sku", data: .string(rows.map(\.sku))),
            ParquetWriterColumn(name: "date", data: .date(rows.map(\.day))),
            ParquetWriterColumn(name: "quantity", data: .double(rows.map(\.quantity))),
            ParquetWriterColumn(name: "price", data: .double(rows.map(\.price))),
            ParquetWriterColumn(name: "store", data: .string(rows.map(\.store))),
            ParquetWriterColumn(name: "producer", data: .string(rows.map(\.producer))),
            ParquetWriterColumn(name: "source", data: .string(rows.map(\.source))),
        ] + regressorNames(rows).map { name in
            ParquetWriterColumn(name: regressorPrefix + name, data: .double(rows.map { $0.regressors[name] }))
        }
        try FileSystem.writeAtomically(ParquetWriter.encode(columns: columns, path: path), to: path)
    }

    /// Writes transactions and per-SKU attributes as two CSV files.
    static func write(_ rows: [Transaction], attributes: [String: [String: String]], transactionsPath: String,
                      attributesPath: String) throws {
        let regressors = regressorNames(rows)
        // Written field by field into bytes (the same text as CSVWriter.render): at tens of millions of rows
        // an array of strings per row was most of the time.
        var writer = CSVByteWriter(capacity: rows.count * 48)
        writer.line(header + regressors.map { regressorPrefix + $0 })
        let firstDay = rows.lazy.map(\.day).min() ?? 0, lastDay = rows.lazy.map(\.day).max() ?? 0
        let dates = (firstDay...lastDay).map { DateParsing.isoString(days: $0) }
        for row in rows {
            writer.field(row.sku)
            writer.field(dates[Int(row.day - firstDay)])
            NumberText.write(row.quantity, to: &writer)
            if let price = row.price { NumberText.write(price, to: &writer) } else { writer.emptyField() }
            writer.field(row.store ?? "")
            writer.field(row.producer)
            writer.field(row.source)
            for name in regressors {
                if let value = row.regressors[name] { NumberText.write(value, to: &writer) } else { writer.emptyField() }
            }
            writer.endLine()
        }
        try FileSystem.writeAtomically(writer.bytes, to: transactionsPath)
        let names = Set(attributes.values.flatMap(\.keys)).sorted()
        let attributeLines = attributes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { sku in
            [sku] + names.map { attributes[sku]?[$0] ?? "" }
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku"] + names, rows: attributeLines), to: attributesPath)
    }

    /// Reads the transactions of a master table's Parquet copy without their lineage (producer and source
    /// left empty): the same rows as `read(path:lineage: false)` of the CSV beside it, from typed columns
    /// instead of text — what `clean` reads.
    static func readParquet(path: String) throws -> [Transaction] {
        let bytes = try FileBytes.read(path: path)
        let names = try ParquetReader.readMetadata(bytes: bytes, path: path).schema.map(\.name)
        let wanted = Set(header).subtracting(["producer", "source"]).union(names.filter { $0.hasPrefix(regressorPrefix) })
        // Our own table, held whole by ingest a moment ago: a vendor file's memory limit does not apply.
        let (columns, cells) = try ParquetReader.columns(bytes: bytes, path: path, options: ReadOptions(columns: wanted, memoryLimitBytes: .max))
        func column(_ name: String) throws -> [Cell] {
            guard let index = columns.firstIndex(of: name) else {
                throw PipelineError(.state, "\(path): expected a column '\(name)'; found \(columns.joined(separator: ", "))")
            }
            return cells[index]
        }
        let skus = try column("sku"), days = try column("date"), quantities = try column("quantity")
        let prices = try column("price"), stores = try column("store")
        let regressors = columns.indices.filter { columns[$0].hasPrefix(regressorPrefix) }
            .map { (String(columns[$0].dropFirst(regressorPrefix.count)), cells[$0]) }
        var rows: [Transaction] = []
        rows.reserveCapacity(skus.count)
        for index in skus.indices {
            guard case .string(let sku) = skus[index], case .date(let day) = days[index], case .double(let quantity) = quantities[index] else {
                throw PipelineError(.input, "\(path): row \(index + 1) is not a master-table row (sku \(skus[index]), date \(days[index]), quantity \(quantities[index]))")
            }
            var values: [String: Double] = [:]
            for (name, column) in regressors { if case .double(let value) = column[index] { values[name] = value } }
            let price: Double? = if case .double(let value) = prices[index] { value } else { nil }
            let store: String? = if case .string(let value) = stores[index], !value.isEmpty { value } else { nil }
            rows.append(Transaction(sku: sku, day: day, quantity: quantity, price: price, store: store, producer: "", source: "", regressors: values))
        }
        return rows
    }

    /// Reads a master table (and the attributes file beside it, if present); without `lineage` the rows'
    /// producer and source are left empty, which saves a string per row.
    static func read(path: String, lineage: Bool = true) throws -> (transactions: [Transaction], attributes: [String: [String: [String: Int]]]) {
        let (columns, table) = try CSVTable.read(path: path, requiring: header, skipping: lineage ? [] : ["producer", "source"])
        let regressorColumns = table.columnNames.enumerated().compactMap { index, name in
            name.hasPrefix(regressorPrefix) ? (String(name.dropFirst(regressorPrefix.count)), index) : nil
        }
        var rows: [Transaction] = []
        rows.reserveCapacity(table.rows.count)
        for (index, row) in table.rows.enumerated() {
            let text = columns.map { CSVTable.text(row[$0]) }
            guard let day = DateParsing.parseDay(text[1], format: "yyyy-MM-dd"), let quantity = Double(text[2]) else {
                throw PipelineError(.input, "\(path):\(table.rowOrigins[index]): not a master-table row (date '\(text[1])', quantity '\(text[2])')")
            }
            var regressors: [String: Double] = [:]
            for (name, column) in regressorColumns { regressors[name] = Double(CSVTable.text(row[column])) }
            rows.append(Transaction(sku: text[0], day: day, quantity: quantity, price: Double(text[3]),
                                    store: text[4].isEmpty ? nil : text[4], producer: text[5], source: text[6], regressors: regressors))
        }
        var attributes: [String: [String: [String: Int]]] = [:]
        let attributesPath = (path as NSString).deletingLastPathComponent + "/" + attributesFileName
        if FileSystem.exists(attributesPath) {
            let (_, table) = try CSVTable.read(path: attributesPath, requiring: ["sku"])
            for row in table.rows {
                let sku = CSVTable.text(row[0])
                for (column, name) in table.columnNames.enumerated().dropFirst() {
                    let value = CSVTable.text(row[column])
                    if !value.isEmpty { attributes[sku, default: [:]][name, default: [:]][value, default: 0] += 1 }
                }
            }
        }
        return (rows, attributes)
    }
}

import Foundation
