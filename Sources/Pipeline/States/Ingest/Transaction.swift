/// One sales row after column mapping: what the rest of the pipeline works with.
public struct Transaction: Sendable, Equatable {
    /// The stock-keeping unit.
    public var sku: String
    /// The day of the sale, as days since 1970-01-01.
    public var day: Int32
    /// Units sold (positive; returns are filtered out at ingest).
    public var quantity: Double
    /// Unit price, when the producer sends one.
    public var price: Double?
    /// Store or location, when the producer sends one.
    public var store: String?
    /// The producer whose file the row came from.
    public var producer: String
    /// `file:line` of the row in the vendor's file.
    public var source: String
    /// Values of the producer's regressors (`producers[].regressors`) on this row, by our name.
    public var regressors: [String: Double]

    public init(sku: String, day: Int32, quantity: Double, price: Double?, store: String?, producer: String, source: String,
                regressors: [String: Double] = [:]) {
        self.sku = sku
        self.day = day
        self.quantity = quantity
        self.price = price
        self.store = store
        self.producer = producer
        self.source = source
        self.regressors = regressors
    }
}

/// A row that was not used, and why; written to `ingest/rejects.csv`.
public struct RejectedRow: Sendable, Equatable {
    /// Why the row was left out: `unreadable`, `missing-sku`, `non-positive-quantity`, `outside-date-range`, `excluded`.
    public var reason: String
    /// `file:line` of the row.
    public var source: String
    /// The vendor column at fault, if one.
    public var column: String
    /// Details a vendor can act on.
    public var detail: String
}
