/// Per-bucket covariates of each SKU from its transactions: the quantity-weighted mean price and the
/// mean of each regressor over the bucket's rows.
///
/// Buckets without a value take the last earlier one (carried forward); buckets before the first
/// value take the first one, so every bucket of a series has a value once the SKU has any.
struct CovariateBuckets {
    /// sku → name → bucket → (weighted sum, weight).
    private var sums: [String: [String: [Int: (sum: Double, weight: Double)]]] = [:]

    /// Adds one transaction that falls in `bucket`, or the `share` of it that does (a week spread over two months).
    mutating func add(_ row: Transaction, bucket: Int, share: Double = 1) {
        if let price = row.price, price > 0 {
            let weight = max(row.quantity, 1e-9) * share
            sums[row.sku, default: [:]]["price", default: [:]][bucket, default: (0, 0)].sum += price * weight
            sums[row.sku, default: [:]]["price", default: [:]][bucket, default: (0, 0)].weight += weight
        }
        for (name, value) in row.regressors {
            sums[row.sku, default: [:]][name, default: [:]][bucket, default: (0, 0)].sum += value * share
            sums[row.sku, default: [:]][name, default: [:]][bucket, default: (0, 0)].weight += share
        }
    }

    /// The names seen for any SKU.
    var names: Set<String> { Set(sums.values.flatMap(\.keys)) }

    /// Dense values of every seen name for `sku` over buckets `range`, gaps filled as described above.
    func series(for sku: String, over range: ClosedRange<Int>) -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        for (name, buckets) in sums[sku] ?? [:] {
            var values: [Double] = []
            values.reserveCapacity(range.count)
            var last: Double?
            for bucket in range {
                if let entry = buckets[bucket], entry.weight > 0 { last = entry.sum / entry.weight }
                values.append(last ?? .nan)
            }
            if let first = values.first(where: { !$0.isNaN }) {
                result[name] = values.map { $0.isNaN ? first : $0 }
            }
        }
        return result
    }
}
