/// What a file's unreadable date cells say about their layout, to suggest a `producers[].dateFormat`.
///
/// Only numeric day-month-year cells such as `05/02/10` or `5.2.2010` count: a first field above 12
/// makes the day come first, a second one above 12 the month, and a two-digit last field is a year
/// written `yy`. A time after the date (`4/19/2019 08:46`) is left aside: a date layout reads the
/// date and skips what follows a space. Cells of any other shape, or of mixed shapes, give no suggestion.
struct DateLayoutHint {
    private var separator: Character?
    private var yearDigits = 0
    private var largestFirst = 0
    private var largestSecond = 0
    private var cells = 0
    private var consistent = true

    /// Takes in one unreadable date cell.
    mutating func add(_ cell: String) {
        guard consistent else { return }
        let text = cell.split(separator: " ", maxSplits: 1).first.map(String.init) ?? cell
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
    ///
    /// A producer that already has a layout is offered the list of both too: its other files may keep
    /// the old one (a vendor that changed systems, a month re-saved from a spreadsheet).
    func note(format: DateLayouts?) -> String? {
        guard consistent, cells > 0, let separator, !(largestFirst > 12 && largestSecond > 12) else { return nil }
        let s = String(separator), year = yearDigits == 2 ? "yy" : "yyyy"
        let dayFirst = "dd\(s)MM\(s)\(year)", monthFirst = "MM\(s)dd\(s)\(year)"
        let layouts = format?.layouts ?? []
        let twoDigits = yearDigits == 2 && !layouts.isEmpty && layouts.allSatisfy({ $0.contains("yyyy") }) ? "; their year has two digits (yy)" : ""
        func advice(_ suggested: String) -> String {
            guard !layouts.isEmpty else { return "set producers[].dateFormat to \"\(suggested)\"" }
            let both = (layouts + [suggested]).map { "\"\($0)\"" }.joined(separator: ", ")
            return "set producers[].dateFormat to \"\(suggested)\", or to [\(both)] if the producer's other files keep their layout"
        }
        if largestFirst > 12 {
            return layouts.contains(dayFirst) ? nil : "the dates look like \(dayFirst) (days above 12 come first\(twoDigits)): " + advice(dayFirst)
        }
        if largestSecond > 12 {
            return layouts.contains(monthFirst) ? nil : "the dates look like \(monthFirst) (days above 12 come second\(twoDigits)): " + advice(monthFirst)
        }
        return "the dates look like \(dayFirst) or \(monthFirst) (no field above 12 tells the day from the month\(twoDigits)): set producers[].dateFormat to one of them"
    }
}
