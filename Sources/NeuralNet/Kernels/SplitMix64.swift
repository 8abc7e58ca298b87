/// A small, fast, seedable 64-bit random number generator (SplitMix64).
///
/// Every random decision of the library (initialisation, shuffling, dropout masks) draws from
/// this generator so that a fixed seed reproduces results bit for bit. The helper methods use
/// their own arithmetic instead of the standard library's so that their output never changes
/// across Swift versions.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The internal 64-bit state.
    public var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// Returns the next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns a uniformly distributed value in `[0, 1)` with 24 bits of precision.
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Returns a uniformly distributed value in `[low, high)`.
    @inlinable
    public mutating func nextFloat(in low: Float, _ high: Float) -> Float {
        low + (high - low) * nextUnitFloat()
    }

    /// Returns a standard normal sample (Box–Muller, computed in `Double`).
    public mutating func nextGaussian() -> Float {
        let u1 = (Double(next() >> 11) + 1.0) * (1.0 / 9_007_199_254_740_993.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2.0 * _logDouble(u1)).squareRoot()
        return Float(radius * _cosDouble(2.0 * Double.pi * u2))
    }

    /// Returns a uniformly distributed integer in `0..<bound` (Lemire's multiply-shift method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold {
                product = next().multipliedFullWidth(by: b)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `array` in place with a Fisher–Yates pass driven by this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        var i = array.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
            i -= 1
        }
    }

    /// Derives an independent generator, advancing this one.
    public mutating func split() -> SplitMix64 {
        SplitMix64(seed: next() ^ 0x5851_F42D_4C95_7F2D)
    }
}

/// Natural logarithm for `Double` without importing a platform module.
@usableFromInline
func _logDouble(_ x: Double) -> Double {
    // log(x) = e * ln2 + log(m), m in [sqrt(1/2), sqrt(2)); series in s = (m-1)/(m+1).
    precondition(x > 0)
    var exponent = Double(x.exponent)
    var m = x.significand
    if m > 1.4142135623730951 {
        m *= 0.5
        exponent += 1
    }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var sum = 0.0
    var k = 1.0
    while k < 60 {
        sum += term / k
        term *= s2
        k += 2
    }
    return exponent * 0.6931471805599453 + 2 * sum
}

/// Cosine for `Double` without importing a platform module (range-reduced Taylor series).
@usableFromInline
func _cosDouble(_ x: Double) -> Double {
    let twoPi = 2 * Double.pi
    var r = x - twoPi * (x / twoPi).rounded(.down)
    if r > Double.pi { r -= twoPi }
    let r2 = r * r
    var term = 1.0
    var sum = 1.0
    var n = 0.0
    while n < 40 {
        term *= -r2 / ((n + 1) * (n + 2))
        sum += term
        n += 2
    }
    return sum
}
