/// Static SKU attributes (description, color, size …) resolved across every producer's rows.
///
/// A SKU missing an attribute in one producer's files inherits it from the others: per SKU and
/// attribute the most frequent non-empty value wins, ties broken by the smallest value so the
/// result does not depend on file order.
enum AttributeInheritance {
    static func resolve(_ values: [String: [String: [String: Int]]]) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for (sku, byName) in values {
            for (name, counts) in byName {
                let best = counts.max { a, b in
                    a.value != b.value ? a.value < b.value : a.key.utf8.lexicographicallyPrecedes(b.key.utf8) == false
                }
                if let best { result[sku, default: [:]][name] = best.key }
            }
        }
        return result
    }
}
