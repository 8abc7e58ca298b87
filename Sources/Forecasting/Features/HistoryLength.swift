/// How much history a panel has, for the rules that change with it (partial windows, the network's edge).
public enum HistoryLength {
    /// The median length of the series that have any history (the upper median for an even count), or
    /// nil when none has.
    public static func median(_ lengths: [Int]) -> Int? {
        let sorted = lengths.filter { $0 > 0 }.sorted()
        return sorted.isEmpty ? nil : sorted[sorted.count / 2]
    }
}
