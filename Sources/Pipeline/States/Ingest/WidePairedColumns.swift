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
}
