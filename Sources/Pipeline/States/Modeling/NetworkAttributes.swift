import Forecasting

/// The SKU attributes the network embeds (`model.attributes`), read from the ingest state's
/// `attributes.csv` — brand, category, store, … — one embedding table each.
enum NetworkAttributes {
    /// The attributes named in the config for each series, or nil when none is configured.
    static func read(path: String, skus: [String], names: [String]) throws -> SeriesAttributes? {
        guard !names.isEmpty else { return nil }
        let known = try ColdStart.readAttributes(path)
        return SeriesAttributes(names: names, values: skus.map { sku in names.map { known[sku]?[$0] ?? "" } })
    }
}
