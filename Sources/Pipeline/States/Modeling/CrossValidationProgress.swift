import Foundation

/// Progress lines of the baselines' cross-validation: about one per tenth of the series, with the time
/// spent and an estimate of the time left, so a large panel's log says how far along it is in ten lines.
struct CrossValidationProgress {
    let total: Int
    let started = Date()
    private var reported = 0

    init(total: Int) {
        self.total = total
    }

    /// The line for `done` series cross-validated, when it crosses the next tenth of the total (or
    /// finishes); nil otherwise.
    mutating func report(done: Int) -> String? {
        let tenth = done * 10 / max(1, total)
        guard tenth > reported || done == total, done > 0 else { return nil }
        reported = tenth
        let elapsed = Date().timeIntervalSince(started)
        let left = elapsed / Double(done) * Double(total - done)
        return "cross-validated \(done) of \(total) series (\(done * 100 / max(1, total)) %, \(Int(elapsed.rounded())) s, ETA \(Int(left.rounded())) s)"
    }
}
