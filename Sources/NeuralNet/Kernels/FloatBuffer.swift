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
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        pointer.deallocate()
    }

    /// Capacity of the current allocation.
    private var capacity: Int

    /// Ensures room for `newCount` floats, reusing the allocation when it is large enough, and
    /// zeroes them when `zeroed` (otherwise the contents are unspecified).
    func reset(count newCount: Int, zeroed: Bool = true) {
        if newCount > capacity {
            pointer.deallocate()
            capacity = newCount
            pointer = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
            pointer.initialize(repeating: 0, count: capacity)
        } else if zeroed {
            pointer.update(repeating: 0, count: newCount)
        }
        count = newCount
    }

    /// Copies the first `count` floats into a new array.
    func array(count n: Int? = nil, from offset: Int = 0) -> [Float] {
        let length = n ?? (count - offset)
        return Array(UnsafeBufferPointer(start: pointer + offset, count: length))
    }
}
