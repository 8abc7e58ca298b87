/// A heap buffer of floats with a stable address, used for layer caches and scratch space.
///
/// Unlike `[Float]` it hands out a raw pointer without closures or copy-on-write checks, which
/// keeps the recurrent inner loops simple. Contents are zero-initialised.
final class FloatBuffer {
    /// Number of floats.
    private(set) var count: Int
    /// Base address of the storage (valid for the buffer's lifetime).
    private(set) var pointer: UnsafeMutablePointer<Float>

    /// Allocates `count` zeroed floats.
    init(count: Int) {
        self.count = count
        capacity = max(count, 1)
        pointer = FloatBuffer.allocate(max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    /// Capacity of the current allocation.
    private var capacity: Int

    /// Ensures room for `newCount` floats, reusing the allocation when it is large enough, and
    /// zeroes them when `zeroed` (otherwise the contents are unspecified).
    func reset(count newCount: Int, zeroed: Bool = true) {
        if newCount > capacity {
            UnsafeMutableRawPointer(pointer).deallocate()
            capacity = newCount
            pointer = FloatBuffer.allocate(capacity)
            pointer.initialize(repeating: 0, count: capacity)
        } else if zeroed {
            pointer.update(repeating: 0, count: newCount)
        }
        count = newCount
    }

    /// Allocates `count` floats at a 64-byte boundary: rows of whole vectors then start on a cache
    /// line, so no 16-lane load or store is split across two lines (from `malloc`, whose 16-byte
    /// alignment left that to chance, a run was slower or faster depending on where its buffers landed).
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: count)
    }

    /// Copies the first `count` floats into a new array.
    func array(count n: Int? = nil, from offset: Int = 0) -> [Float] {
        let length = n ?? (count - offset)
        return Array(UnsafeBufferPointer(start: pointer + offset, count: length))
    }
}
