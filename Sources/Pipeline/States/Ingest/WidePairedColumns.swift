import Formats

/// Each SKU's own columns in a wide file with one quantity column per SKU: its name and the covariates
/// sent beside its quantities, found with `{*}` mappings (`"promo": "PROMO_{*}"` reads `PROMO_B1_1` for
/// the SKU in `QTY_B1_1`; `HeaderMatch`).
struct WidePairedColumns {
    /// One quantity column's SKU and its own covariate columns by our name ("" is the price).
    private struct Pairing {
        let sku: String
        let covariates: [(name: String, column: NumericColumn)]
    }

    private let pairings: [Int: Pairing]
    /// Whether SKUs have covariate columns of their own: then a zero cell is a record of no sale, kept for
    /// the covariates it carries.
    let keepsZeroCells: Bool

    /// Resolves each quantity column's SKU name and covariate columns; a paired column the file does not
    /// have throws, naming the SKU's header.
    init(_ table: Table, quantityColumns: [Int], mapper: TransactionMapper) throws {
        let producer = mapper.producer
        let glob = producer.wide?.columns ?? "*"
        let mappings = producer.pairedMappings
        var pairings: [Int: Pairing] = [:]
        for column in quantityColumns {
            let header = table.columnNames[column]
            let match = HeaderMatch.starText(glob: glob, header: header) ?? header
            let sku = HeaderMatch.isPaired(producer.columns.sku) ? HeaderMatch.resolve(producer.columns.sku, match: match) : header
            let covariates = try mappings.map { name, mapping, isFlag in
                let role = "\(name.isEmpty ? "price" : isFlag ? "flag '\(name)'" : "regressor '\(name)'") of SKU column '\(header)'"
                return (name: name, column: try NumericColumn(mapping: HeaderMatch.resolve(mapping, match: match), role: role, table: table,
                                                              mapper: mapper, readsFlags: !name.isEmpty, readsCodes: isFlag))
            }
            pairings[column] = Pairing(sku: sku, covariates: covariates)
        }
        self.pairings = pairings
        keepsZeroCells = !mappings.isEmpty
    }

    /// The SKU a quantity column holds.
    func sku(of column: Int, header: String) -> String {
        pairings[column]?.sku ?? header
    }

    /// Sets the quantity column's own covariates of `row` in `covariates` (an empty cell leaves the row's
    /// value); a cell that is not a number gives the column and what was expected.
    func read(_ column: Int, row: [Cell], decimalComma: Bool, into covariates: inout MappedColumns.Covariates) -> (column: String, detail: String)? {
        guard let pairing = pairings[column] else { return nil }
        for (name, numeric) in pairing.covariates {
            switch numeric.value(in: row, decimalComma: decimalComma) {
            case .missing: break
            case .value(let value): if name.isEmpty { covariates.price = value } else { covariates.regressors[name] = value }
            case .failure(let column, let detail): return (column, detail)
            }
        }
        return nil
    }

    /// `unmappedPairs(headers:holdsFlags:)` for a table's SKU columns, telling flags by the first 500 rows:
    /// a column whose cells there are all empty, 0 or 1.
    static func unmappedPairs(in table: Table, skuColumns: [Int], decimalComma: Bool) -> String? {
        let flags = Set(skuColumns.filter { column in
            table.rows.prefix(500).allSatisfy { row in row[column].isEmpty || [0, 1].contains(CellValues.number(row[column], decimalComma: decimalComma)) }
        }.map { table.columnNames[$0] })
        return unmappedPairs(headers: skuColumns.map { table.columnNames[$0] }, holdsFlags: flags.contains)
    }

    /// Advice when the quantity columns look like two families of one name each (`QTY_B1_1 … PROMO_B1_1 …`):
    /// under `"columns": "*"` a file's promotion or price columns per SKU would otherwise become SKUs of
    /// their own without a word. Nil when no two prefixes (up to the first `_`, `-` or space) name
    /// mostly the same things. A family whose columns hold only 0 and 1 (`holdsFlags`) is named as the
    /// one to map.
    static func unmappedPairs(headers: [String], holdsFlags: (String) -> Bool = { _ in false }) -> String? {
        var families: [String: Set<String>] = [:]
        for header in headers {
            guard let cut = header.firstIndex(where: { $0 == "_" || $0 == "-" || $0 == " " }), cut != header.startIndex else { continue }
            families[String(header[..<cut]), default: []].insert(String(header[header.index(after: cut)...]))
        }
        let prefixes = families.keys.filter { (families[$0]?.count ?? 0) >= 2 }.sorted()
        for (index, first) in prefixes.enumerated() {
            for second in prefixes[(index + 1)...] {
                let a = families[first] ?? [], b = families[second] ?? []
                let shared = a.intersection(b).count
                guard shared * 5 >= 4 * min(a.count, b.count) else { continue }
                // The quantities first: the family of flags is the covariate, whichever sorts first.
                let flagsFirst = headers.filter { $0.hasPrefix(first) }.allSatisfy(holdsFlags)
                    && !headers.filter { $0.hasPrefix(second) }.allSatisfy(holdsFlags)
                let (first, second) = flagsFirst ? (second, first) : (first, second)
                let separator = headers.first { $0.hasPrefix(first) }.map { String($0.dropFirst(first.count).prefix(1)) } ?? "_"
                return "the SKU columns '\(first)\(separator)*' and '\(second)\(separator)*' name the same \(shared) things: if one family holds "
                    + "each SKU's promotions or prices, narrow wide.columns to the quantities ('\(first)\(separator)*') and map the other "
                    + "with {*} (\"regressors\": {\"\(second.lowercased())\": \"\(second)\(separator){*}\"})"
            }
        }
        return nil
    }
}
