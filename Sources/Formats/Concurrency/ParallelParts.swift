import Dispatch

/// Runs the parts of a split job on their own threads and waits for all of them.
enum ParallelParts {
    /// Calls `work(part)` for every part in `0..<count`, concurrently when `count > 1`.
    ///
    /// The caller guarantees that each part touches only its own state (its slot of a results buffer,
    /// its range of the input), which is why the closure need not be `Sendable`.
    static func run(_ count: Int, _ work: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { work(0) }
            return
        }
        withoutActuallyEscaping(work) { escapable in
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
        }
    }
}

/// A value handed to other threads under a caller's guarantee that they never race on it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The wrapped value.
    let value: Value

    /// Wraps `value`.
    init(_ value: Value) { self.value = value }
}
