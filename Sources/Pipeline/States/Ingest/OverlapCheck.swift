/// What a new vendor file says about days the master table already holds for its producer.
///
/// A vendor that re-sends earlier days — a weekly file with the last four weeks, a year-to-date export —
/// would have them counted twice. Under `producers[].overlap` `"add"` (the default: files of one
/// producer may split a day between them, by store or region) the rows are kept and the log warns;
/// under `"replace"` the file restates the days it covers, and the earlier rows of its producer on those
/// days (of its stores, when it names stores) are left out as `restated`.
struct OverlapCheck {
    /// The master table's rows (history from earlier runs), in order.
    private(set) var history: [Transaction]

    /// Per producer, the first and last day of its history: most files overlap nothing, and need not scan it.
    private var spans: [String: ClosedRange<Int32>] = [:]

    init(history: [Transaction]) {
        self.history = history
        for row in history {
            let span = spans[row.producer]
            spans[row.producer] = min(span?.lowerBound ?? row.day, row.day)...max(span?.upperBound ?? row.day, row.day)
        }
    }

    /// The outcome for one file.
    struct Outcome {
        /// The first and last day the file covers.
        var days: ClosedRange<Int32>
        /// Earlier rows of the producer on those days (and stores): kept under `add`, replaced under `replace`.
        var earlierRows: [Transaction]
    }

    /// Checks the rows of one new file of `producer` against the history; under `replace`, drops the
    /// earlier rows it restates. Nil when the file has no rows or overlaps nothing.
    mutating func check(_ rows: [Transaction], producer: PipelineConfig.Producer) -> Outcome? {
        guard let first = rows.lazy.map(\.day).min(), let last = rows.lazy.map(\.day).max(),
              let span = spans[producer.name], span.overlaps(first...last) else { return nil }
        let stores = Set(rows.compactMap(\.store))
        let byStore = !stores.isEmpty && rows.allSatisfy { $0.store != nil }
        func restated(_ row: Transaction) -> Bool {
            row.producer == producer.name && row.day >= first && row.day <= last && (!byStore || row.store.map(stores.contains) == true)
        }
        let earlier = history.filter(restated)
        guard !earlier.isEmpty else { return nil }
        if producer.overlap == .replace { history.removeAll(where: restated) }
        return Outcome(days: first...last, earlierRows: earlier)
    }
}
