/// Vectorised transcendental functions on `SIMD8<Float>` and in-place array helpers built on them.
///
/// `exp` uses a Cephes-style range reduction (`x = n ln2 + r`) with a degree-6 polynomial and
/// builds `2^n` from the exponent bits; relative error is about 2e-7 over the clamped range
/// `[-87.3, 88.7]`. `sigmoid` and `tanh` are expressed through `exp`.
public enum VectorMath {
    /// Returns `e^x` lane-wise (inputs are clamped to the finite single-precision range).
    @inline(__always)
    public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var clamped = x.replacing(with: -87.3, where: x .< -87.3)
        clamped = clamped.replacing(with: 88.7, where: clamped .> 88.7)
        // Adding 1.5 * 2^23 rounds x * log2(e) to the nearest integer n and leaves n in the low
        // mantissa bits, so no float-to-int conversion is needed. Products and sums are fused
        // throughout (half the instructions of separate ones, and one rounding each).
        let shifted = SIMD8<Float>(repeating: 12_582_912.0).addingProduct(clamped, SIMD8<Float>(repeating: 1.442_695_04))
        let n = shifted - 12_582_912.0
        var r = clamped.addingProduct(n, SIMD8<Float>(repeating: -0.693_359_375))
        r = r.addingProduct(n, SIMD8<Float>(repeating: 2.121_944_4e-4))
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = SIMD8<Float>(repeating: 1.398_199_95e-3).addingProduct(p, r)
        p = SIMD8<Float>(repeating: 8.333_451_9e-3).addingProduct(p, r)
        p = SIMD8<Float>(repeating: 4.166_579_59e-2).addingProduct(p, r)
        p = SIMD8<Float>(repeating: 1.666_666_55e-1).addingProduct(p, r)
        p = SIMD8<Float>(repeating: 5.000_000_12e-1).addingProduct(p, r)
        let y = r.addingProduct(p, r * r) + 1
        let bits = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return y * unsafeBitCast(bits, to: SIMD8<Float>.self)
    }

    /// Returns the logistic function `1 / (1 + e^-x)` lane-wise.
    @inline(__always)
    public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        1 / (1 + exp(-x))
    }

    /// Returns the hyperbolic tangent lane-wise, computed as `sign(x) (1 - e^-2|x|) / (1 + e^-2|x|)`.
    @inline(__always)
    public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let raw = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        let sign = raw & 0x8000_0000
        let magnitude = unsafeBitCast(raw & 0x7FFF_FFFF, to: SIMD8<Float>.self)
        let e = exp(-2 * magnitude)
        let t = (1 - e) / (1 + e)
        return unsafeBitCast(unsafeBitCast(t, to: SIMD8<UInt32>.self) | sign, to: SIMD8<Float>.self)
    }

    /// Loads up to eight floats from `p` (missing lanes are zero).
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, count: Int) -> SIMD8<Float> {
        if count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
        var v = SIMD8<Float>()
        var i = 0
        while i < count { v[i] = p[i]; i &+= 1 }
        return v
    }

    /// Stores the first `count` (at most eight) lanes of `v` to `p`.
    @inline(__always)
    static func store(_ v: SIMD8<Float>, to p: UnsafeMutablePointer<Float>, count: Int) {
        if count >= 8 {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
            return
        }
        var i = 0
        while i < count { p[i] = v[i]; i &+= 1 }
    }

    /// Applies `transform` to `count` floats in place, eight at a time.
    @inline(__always)
    static func map(_ p: UnsafeMutablePointer<Float>, count: Int, _ transform: (SIMD8<Float>) -> SIMD8<Float>) {
        var i = 0
        while i < count {
            let lanes = min(8, count - i)
            store(transform(load(p + i, count: lanes)), to: p + i, count: lanes)
            i &+= 8
        }
    }

    /// Replaces each of `count` floats at `p` by its logistic sigmoid.
    public static func sigmoidInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
        map(p, count: count, sigmoid)
    }

    /// Replaces each of `count` floats at `p` by its hyperbolic tangent.
    public static func tanhInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
        map(p, count: count, tanh)
    }

    /// Replaces each of `count` floats at `p` by its exponential.
    public static func expInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
        map(p, count: count, exp)
    }

    /// Returns a copy of `values` with the sigmoid applied.
    public static func sigmoid(_ values: [Float]) -> [Float] {
        var out = values
        out.withUnsafeMutableBufferPointer { sigmoidInPlace($0.baseAddress!, count: $0.count) }
        return out
    }

    /// Returns a copy of `values` with tanh applied.
    public static func tanh(_ values: [Float]) -> [Float] {
        var out = values
        out.withUnsafeMutableBufferPointer { tanhInPlace($0.baseAddress!, count: $0.count) }
        return out
    }

    /// Returns a copy of `values` with the exponential applied.
    public static func exp(_ values: [Float]) -> [Float] {
        var out = values
        out.withUnsafeMutableBufferPointer { expInPlace($0.baseAddress!, count: $0.count) }
        return out
    }
}
