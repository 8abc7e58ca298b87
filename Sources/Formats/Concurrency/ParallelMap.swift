/// Maps independent items on two threads, results in input order: the same array whatever the thread count,
/// because each result depends on its own item only and nothing is summed across items here.
public enum ParallelMap {
    /// `transform(index)` for every index in `0..<count`, computed in `parts` contiguous ranges at once.
    ///
    /// `transform` must touch nothing shared that it changes (a pure function of the index), which is why it
    /// need not be `Sendable`.
    public static func map<Result>(_ count: Int, parts: Int = 2, _ transform: (Int) -> Result) -> [Result] {
        let parts = max(1, min(parts, count))
        guard parts > 1 else { return (0..<count).map(transform) }
        var pieces = [[Result]](repeating: [], count: parts)
        pieces.withUnsafeMutableBufferPointer { slots in
            let box = UncheckedSendable(slots)
            ParallelParts.run(parts) { part in
                let range = (count * part / parts)..<(count * (part + 1) / parts)
                box.value[part] = range.map(transform)
            }
        }
        return pieces.flatMap { $0 }
    }
}
