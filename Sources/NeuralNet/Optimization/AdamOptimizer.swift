/// The Adam optimiser with optional decoupled weight decay (AdamW).
///
/// Moment estimates are kept per parameter in the order of the list passed to `step`; always
/// pass the same list in the same order.
public final class AdamOptimizer {
    /// Step size.
    public var learningRate: Float
    /// Decay rate of the first-moment estimate.
    public var beta1: Float
    /// Decay rate of the second-moment estimate.
    public var beta2: Float
    /// Term added to the denominator for numerical stability.
    public var epsilon: Float
    /// Decoupled weight decay coefficient (0 disables it).
    public var weightDecay: Float
    /// Number of updates applied so far.
    public private(set) var stepCount = 0

    /// First- and second-moment estimates per parameter (stable addresses, shared with helper threads).
    private var moments: [(first: FloatBuffer, second: FloatBuffer)] = []

    /// Creates an optimiser with the usual defaults (`1e-3, 0.9, 0.999, 1e-7`).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-7, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Applies one update to every parameter from its accumulated gradient.
    ///
    /// With `threads > 1` the parameter list is split into two fixed groups of about equal size;
    /// every element's update is the same either way.
    public func step(_ parameters: [Parameter], threads: Int = 1) {
        if moments.count != parameters.count {
            moments = parameters.map { (FloatBuffer(count: $0.count), FloatBuffer(count: $0.count)) }
        }
        for (index, parameter) in parameters.enumerated() {
            precondition(moments[index].first.count == parameter.count, "parameter list changed between Adam steps")
        }
        stepCount += 1
        let correction1 = Float(1 - pow(Double(beta1), stepCount))
        let correction2 = Float(1 - pow(Double(beta2), stepCount))
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon, decay = weightDecay
        // Fixed split: the first group holds the leading parameters up to half of all elements.
        let total = parameters.reduce(0) { $0 + $1.count }
        var split = 0, running = 0
        while split < parameters.count && running + parameters[split].count <= total / 2 {
            running += parameters[split].count
            split += 1
        }
        let groups = [0..<split, split..<parameters.count]
        let moments = self.moments
        ParallelFor.run(chunks: 2, threads: total >= 1 << 15 ? threads : 1) { group in
            for index in groups[group] {
                let parameter = parameters[index]
                let m = moments[index].first.pointer, v = moments[index].second.pointer
                parameter.value.withUnsafeMutableBufferPointer { w in
                    parameter.gradient.withUnsafeBufferPointer { g in
                        let count = w.count
                        guard let w = w.baseAddress, let g = g.baseAddress else { return }
                        // Eight elements at a time, then one at a time: the same operations per element.
                        var i = 0
                        while i + 8 <= count {
                            updateEight(at: i)
                            i &+= 8
                        }
                        while i < count {
                            let gi = g[i]
                            m[i] = b1 * m[i] + (1 - b1) * gi
                            v[i] = b2 * v[i] + (1 - b2) * gi * gi
                            let mHat = m[i] / correction1
                            let vHat = v[i] / correction2
                            w[i] -= lr * (mHat / (vHat.squareRoot() + eps) + decay * w[i])
                            i &+= 1
                        }

                        /// Updates the eight elements from `i` on, as the scalar loop would.
                        @inline(__always)
                        func updateEight(at i: Int) {
                            typealias V = SIMD8<Float>
                            let raw = (UnsafeMutableRawPointer(m + i), UnsafeMutableRawPointer(v + i),
                                       UnsafeMutableRawPointer(w + i), UnsafeRawPointer(g + i))
                            let gi = raw.3.loadUnaligned(as: V.self)
                            let mi = V(repeating: b1) * raw.0.loadUnaligned(as: V.self) + V(repeating: 1 - b1) * gi
                            let vi = V(repeating: b2) * raw.1.loadUnaligned(as: V.self) + V(repeating: 1 - b2) * gi * gi
                            let mHat = mi / V(repeating: correction1)
                            let vHat = vi / V(repeating: correction2)
                            let wi = raw.2.loadUnaligned(as: V.self)
                            let step = V(repeating: lr) * (mHat / (vHat.squareRoot() + V(repeating: eps)) + V(repeating: decay) * wi)
                            raw.0.storeBytes(of: mi, as: V.self)
                            raw.1.storeBytes(of: vi, as: V.self)
                            raw.2.storeBytes(of: wi - step, as: V.self)
                        }
                    }
                }
            }
        }
    }

    /// Forgets all moment estimates and the step count.
    public func reset() {
        moments = []
        stepCount = 0
    }
}

/// `base` raised to a non-negative integer power, in double precision.
func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0, b = base, e = exponent
    while e > 0 {
        if e & 1 == 1 { result *= b }
        b *= b
        e >>= 1
    }
    return result
}
