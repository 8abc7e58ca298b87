/// Inverted dropout: zeroes each element with probability `rate` and scales survivors by
/// `1 / (1 - rate)`.
///
/// Active only when `forward` is called with `active: true` (training, or Monte-Carlo dropout
/// at inference); otherwise it is the identity.
public final class DropoutLayer {
    /// Probability of dropping an element, in `[0, 1)`.
    public let rate: Float
    private var mask: [Float] = []
    private var wasActive = false

    /// Creates a dropout layer with the given drop probability.
    public init(rate: Float) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
        self.rate = rate
    }

    /// Applies dropout when `active`, drawing the mask from `rng`.
    ///
    /// The mask is drawn in a fixed number of chunks, each from its own generator split off `rng`,
    /// so it is the same for any `threads` value.
    public func forward(_ input: Matrix, active: Bool, rng: inout SplitMix64, threads: Int = 1) -> Matrix {
        var output = input
        apply(to: &output, active: active, rng: &rng, threads: threads)
        return output
    }

    /// Applies dropout to `values` in place when `active` (as `forward` does, same mask and values).
    ///
    /// The training forward pass hands each layer's output over this way: no second matrix of
    /// megabytes is allocated, and the input's pages are not touched twice.
    public func apply(to values: inout Matrix, active: Bool, rng: inout SplitMix64, threads: Int = 1) {
        wasActive = active && rate > 0
        guard wasActive else { return }
        let count = values.count
        // Drop when a 24-bit uniform integer reaches the keep threshold (i.e. u >= 1 - rate).
        let threshold = UInt64((1 - rate) * 16_777_216)
        let scale = 1 / (1 - rate)
        if mask.count != count { mask = [Float](repeating: 0, count: count) }
        let chunks = count >= Self.parallelCount ? 2 : 1
        let step = (count / chunks + 1) & ~1
        let generators = (0..<chunks).map { _ in rng.split() }
        mask.withUnsafeMutableBufferPointer { maskBuffer in
            values.storage.withUnsafeMutableBufferPointer { out in
                // Each element is read, then overwritten by its masked value.
                let pointers = UncheckedSendable((UnsafePointer(out.baseAddress!), maskBuffer.baseAddress!, out.baseAddress!))
                ParallelFor.run(chunks: chunks, threads: threads) { chunk in
                    let (x, m, y) = pointers.value
                    var generator = generators[chunk]
                    var i = chunk * step
                    let end = min(count, i + step)
                    // Eight elements (four 64-bit outputs, two draws each) at a time, so the
                    // keep test is a vector compare and blend: a scalar test compiles to a
                    // random branch that mispredicts at about every third element.
                    let limit = SIMD8<UInt32>(repeating: UInt32(threshold))
                    while i + 8 <= end {
                        var draws = SIMD8<UInt32>()
                        for w in 0..<4 {
                            let bits = generator.next()
                            draws[2 * w] = UInt32(truncatingIfNeeded: bits >> 40)
                            draws[2 * w + 1] = UInt32(truncatingIfNeeded: (bits >> 8) & 0xFF_FFFF)
                        }
                        let keep = SIMD8<Float>().replacing(with: scale, where: draws .< limit)
                        UnsafeMutableRawPointer(m + i).storeBytes(of: keep, as: SIMD8<Float>.self)
                        let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(y + i).storeBytes(of: xv * keep, as: SIMD8<Float>.self)
                        i &+= 8
                    }
                    while i < end {
                        let bits = generator.next()
                        let first: Float = bits >> 40 < threshold ? scale : 0
                        m[i] = first
                        y[i] = x[i] * first
                        if i + 1 < end {
                            let second: Float = (bits >> 8) & 0xFF_FFFF < threshold ? scale : 0
                            m[i + 1] = second
                            y[i + 1] = x[i + 1] * second
                        }
                        i &+= 2
                    }
                }
            }
        }
    }

    /// Element count from which the mask is drawn in two chunks (possibly on two threads).
    static let parallelCount = 1 << 15

    /// Returns the gradient with respect to the input of the last `forward` call.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        var g = outputGradient
        backward(&g)
        return g
    }

    /// Turns `gradient` (with respect to the last output) into the gradient with respect to the
    /// input, in place.
    public func backward(_ gradient: inout Matrix) {
        guard wasActive else { return }
        precondition(gradient.count == mask.count, "Dropout.backward gradient shape does not match forward")
        gradient.storage.withUnsafeMutableBufferPointer { o in
            mask.withUnsafeBufferPointer { m in
                var i = 0
                while i < o.count { o[i] *= m[i]; i &+= 1 }
            }
        }
    }
}
