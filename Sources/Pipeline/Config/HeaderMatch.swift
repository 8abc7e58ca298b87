import Foundation

/// `{*}` in a mapping: what the `*` of `wide.columns` matched in a SKU's quantity header.
///
/// A file with one quantity column per SKU may send each SKU's promotions or price in columns of their
/// own, named like its quantity column: `QTY_B1_1` beside `PROMO_B1_1` (the "hierarchical sales data"
/// pasta file). With `"wide": {"columns": "QTY_*", "headers": "sku"}`, `"regressors": {"promo": "PROMO_{*}"}`
/// reads SKU `QTY_B1_1`'s promotion from `PROMO_B1_1`, and `"sku": "{*}"` names the SKU `B1_1`.
public enum HeaderMatch {
    /// The placeholder, as written in a mapping.
    public static let placeholder = "{*}"

    /// Whether a mapping names its column by the header's match.
    public static func isPaired(_ mapping: String?) -> Bool {
        mapping?.contains(placeholder) ?? false
    }

    /// The text the single `*` of `glob` matched in `header`, or `nil` when the header does not match.
    public static func starText(glob: String, header: String) -> String? {
        guard Glob.matches(glob, header), let star = glob.firstIndex(of: "*") else { return nil }
        let before = glob[..<star].unicodeScalars.count, after = glob[glob.index(after: star)...].unicodeScalars.count
        let scalars = Array(header.unicodeScalars)
        guard scalars.count >= before + after else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[before..<(scalars.count - after)])
        return String(text)
    }

    /// The mapping with `{*}` replaced by `match`.
    public static func resolve(_ mapping: String, match: String) -> String {
        mapping.replacingOccurrences(of: placeholder, with: match)
    }

    /// The glob a paired mapping's columns match (`PROMO_{*}` → `PROMO_*`), so `"columns": "*"` leaves them out.
    public static func glob(of mapping: String) -> String {
        resolve(mapping, match: "*")
    }
}
