/// Chooses the moving-average window by one-step-ahead absolute error.
enum MovingAverageFit {
    static let windows = [4, 8, 13, 26, 52]

    /// The window with the smallest mean one-step error over the buckets every window can predict.
    static func bestWindow(_ values: [Double]) -> Int {
        let usable = windows.filter { $0 < values.count }
        guard let longest = usable.max() else { return max(1, values.count) }
        var best = (window: usable[0], error: Double.infinity)
        for window in usable {
            var sum = values[(longest - window)..<longest].reduce(0, +)
            var error = 0.0
            for t in longest..<values.count {
                error += abs(values[t] - sum / Double(window))
                sum += values[t] - values[t - window]
            }
            if error < best.error { best = (window, error) }
        }
        return best.window
    }
}
