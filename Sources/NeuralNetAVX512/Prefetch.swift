/// LLVM's prefetch intrinsic, reached by its symbol name (the standard library exposes no prefetch).
///
/// Arguments: address, 0 for a read or 1 for a write, temporal locality 0–3 (3: keep in every
/// cache level), 1 for data. A prefetch never faults, whatever the address.
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ cacheType: Int32)

/// Asks the CPU to start loading cache lines that a kernel will read shortly.
///
/// The backward gate kernel walks buffers of megabytes that forward wrote a whole layer pass earlier, so
/// its loads wait on the last-level cache; the hardware prefetcher does not run far enough ahead
/// of loops this short. A hint changes no value.
enum Prefetch {
    /// Hints the line holding `address` for reading.
    @_transparent
    static func read(_ address: UnsafeRawPointer) {
        llvmPrefetch(address, 0, 3, 1)
    }
}
