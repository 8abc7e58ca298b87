import Foundation

/// Forecasts for SKUs without any sales history, from the SKUs most like them.
///
/// A SKU is "new" when it is announced in `model.newSkus` (with attributes such as a category) or kept
/// by `clean.keepSkus`, and has no series. Its forecast and bounds are the mean of the SKUs sharing the
/// most attribute values with it (from `ingest/attributes.csv`); with no attribute in common, the mean
/// of every SKU. SKUs that have stopped selling (`StoppedSelling`) are left out of both. The `model`
/// column says `cold-start(<basis>)` so planners can tell them apart.
enum ColdStart {
    /// One cold-start SKU: per step `[point, lower₁, upper₁, …]`.
    struct Entry {
        var sku: String
        var model: String
        var basis: String
        var values: [[Double]]
    }

    static func forecasts(known: [String: [[Double]]], stopped: Set<String> = [], config: PipelineConfig, attributesPath: String) throws -> [Entry] {
        var wanted = config.model.newSkus
        for sku in config.clean.keepSkus where wanted[sku] == nil { wanted[sku] = [:] }
        let newSkus = wanted.keys.filter { known[$0] == nil }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !newSkus.isEmpty, !known.isEmpty else { return [] }
        let attributes = try readAttributes(attributesPath)
        // SKUs that stopped selling forecast zero: a new SKU is not like them (it may well replace one).
        let active = known.keys.filter { !stopped.contains($0) }
        let knownSkus = (active.isEmpty ? Array(known.keys) : active).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return newSkus.map { sku in
            let own = wanted[sku] ?? [:]
            var bestShared = 0
            var similar: [String] = []
            for candidate in knownSkus {
                let theirs = attributes[candidate] ?? [:]
                let shared = own.filter { theirs[$0.key] == $0.value }.count
                if shared > bestShared { bestShared = shared; similar = [candidate] } else if shared == bestShared && shared > 0 { similar.append(candidate) }
            }
            let matched = own.filter { attribute in similar.first.map { (attributes[$0] ?? [:])[attribute.key] == attribute.value } ?? false }
            let basis = bestShared > 0
                ? matched.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                : "all SKUs"
            let pool = bestShared > 0 ? similar : knownSkus
            let values = average(pool.compactMap { known[$0] })
            return Entry(sku: sku, model: "cold-start(\(basis))", basis: "\(pool.count) SKU(s) with \(basis)", values: values)
        }
    }

    /// The element-wise mean of several SKUs' `[step][column]` tables.
    static func average(_ tables: [[[Double]]]) -> [[Double]] {
        guard let first = tables.first else { return [] }
        var sums = first.map { $0.map { _ in 0.0 } }
        for table in tables {
            for (step, row) in table.enumerated() where step < sums.count {
                for (column, value) in row.enumerated() where column < sums[step].count { sums[step][column] += value }
            }
        }
        let count = Double(tables.count)
        return sums.map { $0.map { $0 / count } }
    }

    /// `sku → attribute → value` from the ingest attributes table (absent file: none).
    static func readAttributes(_ path: String) throws -> [String: [String: String]] {
        guard FileSystem.exists(path) else { return [:] }
        let (_, table) = try CSVTable.read(path: path, requiring: ["sku"])
        var result: [String: [String: String]] = [:]
        for row in table.rows {
            let sku = CSVTable.text(row[0])
            for (index, name) in table.columnNames.enumerated() where index > 0 {
                let value = CSVTable.text(row[index])
                if !value.isEmpty { result[sku, default: [:]][name] = value }
            }
        }
        return result
    }
}
