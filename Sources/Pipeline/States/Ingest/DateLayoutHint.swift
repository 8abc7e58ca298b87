/// What a file's unreadable date cells say about their layout, to suggest a `producers[].dateFormat`.
///
/// Only numeric day-month-year cells such as `05/02/10` or `5.2.2010` count: a first field above 12
/// makes the day come first, a second one above 12 the month, and a two-digit last field is a year
/// written `yy`. Cells of any other shape, or of mixed shapes, give no suggestion.
struct DateLayoutHint {
    private var separator: Character?
    private var yearDigits = 0
    private var largestFirst = 0
    private var largestSecond = 0
    private var cells = 0
    private var consistent = true

    /// Takes in one unreadable date cell.
    mutating func add(_ text: String) {
        guard consistent else { return }
        guard let separator = text.first(where: { "/.-".contains($0) }) else { consistent = false; return }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
              let first = Int(parts[0]), let second = Int(parts[1]),
              self.separator == nil || (self.separator == separator && yearDigits == parts[2].count) else {
            consistent = false
            return
        }
        self.separator = separator
        yearDigits = parts[2].count
        largestFirst = max(largestFirst, first)
        largestSecond = max(largestSecond, second)
        cells += 1
    }

    /// The suggestion for a producer whose `dateFormat` is `format` (nil when absent), or nil.
    func note(format: String?) -> String? {
        guard consistent, cells > 0, let separator, !(largestFirst > 12 && largestSecond > 12) else { return nil }
        let s = String(separator), year = yearDigits == 2 ? "yy" : "yyyy"
        let dayFirst = "dd\(s)MM\(s)\(year)", monthFirst = "MM\(s)dd\(s)\(year)"
        let twoDigits = yearDigits == 2 && format?.contains("yyyy") == true ? "; their year has two digits (yy)" : ""
        if largestFirst > 12 {
            return format == dayFirst ? nil : "the dates look like \(dayFirst) (days above 12 come first\(twoDigits)): set producers[].dateFormat to \"\(dayFirst)\""
        }
        if largestSecond > 12 {
            return format == monthFirst ? nil : "the dates look like \(monthFirst) (days above 12 come second\(twoDigits)): set producers[].dateFormat to \"\(monthFirst)\""
        }
        return "the dates look like \(dayFirst) or \(monthFirst) (no field above 12 tells the day from the month\(twoDigits)): set producers[].dateFormat to one of them"
    }
}
