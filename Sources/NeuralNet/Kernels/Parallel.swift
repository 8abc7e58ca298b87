import Dispatch

/// Wraps a value that is shared with worker threads under the caller's guarantee of safety.
///
/// Used to hand raw pointers to `DispatchQueue.concurrentPerform` where each worker touches a
/// disjoint region of memory.
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The wrapped value.
    @usableFromInline var value: Value
    /// Wraps `value`.
    @usableFromInline init(_ value: Value) { self.value = value }
}

/// Runs a fixed number of independent work chunks on up to `threads` threads.
///
/// The chunk count is decided by the caller and never depends on the thread count, so the
/// work each chunk does — and therefore every floating-point result — is identical whether
/// the chunks run on one thread or several.
enum ParallelFor {
    /// Executes `body(chunk)` for every chunk in `0..<chunks`.
    static func run(chunks: Int, threads: Int, _ body: (Int) -> Void) {
        if chunks <= 1 || threads <= 1 {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        let workers = min(threads, chunks)
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < chunks {
                    shared.value(chunk)
                    chunk += workers
                }
            }
        }
    }

    /// Splits `0..<count` into two halves when `work` reaches `threshold` (one range otherwise)
    /// and runs `body` on each range; the split never depends on `threads`.
    static func ranges(_ count: Int, work: Int, threshold: Int = 4096, threads: Int, _ body: (Range<Int>) -> Void) {
        let chunks = work >= threshold && count >= 2 ? 2 : 1
        let step = (count + chunks - 1) / max(chunks, 1)
        run(chunks: chunks, threads: threads) { chunk in
            let lo = chunk * step
            body(lo..<min(count, lo + step))
        }
    }
}
