#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread, 64-byte aligned float scratch buffers that grow on demand and are reused across calls.
///
/// GEMM packing needs a few kilobytes to megabytes of scratch per call. Allocating it per call makes
/// the allocator hand out fresh pages that the kernel must zero on first touch; keeping one set per
/// thread (freed when the thread exits) removes that cost from the hot loops.
final class ThreadScratch {
    /// Number of independent slots each thread owns.
    static let slotCount = 3
    /// Slot holding packed `op(A)` blocks.
    static let packedA = 0
    /// Slot holding packed `op(B)` blocks.
    static let packedB = 1
    /// Slot free for callers outside the GEMM.
    static let general = 2

    private var pointers: [UnsafeMutablePointer<Float>?]
    private var capacities: [Int]

    private init() {
        pointers = Array(repeating: nil, count: Self.slotCount)
        capacities = Array(repeating: 0, count: Self.slotCount)
    }

    deinit {
        for pointer in pointers { pointer.map { free($0) } }
    }

    /// Returns the calling thread's slot `slot`, with room for at least `count` floats (contents unspecified).
    static func buffer(_ slot: Int, count: Int) -> UnsafeMutablePointer<Float> {
        current().ensure(slot, count: count)
    }

    private func ensure(_ slot: Int, count: Int) -> UnsafeMutablePointer<Float> {
        if let pointer = pointers[slot], capacities[slot] >= count { return pointer }
        pointers[slot].map { free($0) }
        let capacity = max(count, 1024)
        var raw: UnsafeMutableRawPointer?
        // The call stays outside `precondition`, whose condition is not evaluated under -Ounchecked.
        let status = posix_memalign(&raw, 64, capacity * 4)
        guard status == 0, let raw else { fatalError("scratch allocation of \(capacity) floats failed") }
        let pointer = raw.bindMemory(to: Float.self, capacity: capacity)
        pointers[slot] = pointer
        capacities[slot] = capacity
        return pointer
    }

    /// The calling thread's scratch set, created on first use.
    private static func current() -> ThreadScratch {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<ThreadScratch>.fromOpaque(existing).takeUnretainedValue()
        }
        let scratch = ThreadScratch()
        pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }

    /// Thread-specific storage key whose destructor releases a thread's scratch set.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<ThreadScratch>.fromOpaque(pointer).release()
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()
}
