/// `exp`, `sigmoid` and `tanh` on 16-lane vectors, lane for lane the same operations as the
/// 8-lane `VectorMath` in `NeuralNet` (so results are bit-identical).
enum WideVectorMath {
    /// Returns `e^x` lane-wise (inputs clamped to the finite single-precision range).
    @_transparent
    static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
        var clamped = x.replacing(with: -87.3, where: x .< -87.3)
        clamped = clamped.replacing(with: 88.7, where: clamped .> 88.7)
        // Fused multiply-adds throughout (half the instructions of separate products and sums).
        let shifted = SIMD16<Float>(repeating: 12_582_912.0).addingProduct(clamped, SIMD16<Float>(repeating: 1.442_695_04))
        let n = shifted - 12_582_912.0
        var r = clamped.addingProduct(n, SIMD16<Float>(repeating: -0.693_359_375))
        r = r.addingProduct(n, SIMD16<Float>(repeating: 2.121_944_4e-4))
        var p = SIMD16<Float>(repeating: 1.987_569_15e-4)
        p = SIMD16<Float>(repeating: 1.398_199_95e-3).addingProduct(p, r)
        p = SIMD16<Float>(repeating: 8.333_451_9e-3).addingProduct(p, r)
        p = SIMD16<Float>(repeating: 4.166_579_59e-2).addingProduct(p, r)
        p = SIMD16<Float>(repeating: 1.666_666_55e-1).addingProduct(p, r)
        p = SIMD16<Float>(repeating: 5.000_000_12e-1).addingProduct(p, r)
        let y = r.addingProduct(p, r * r) + 1
        let bits = (unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return y * unsafeBitCast(bits, to: SIMD16<Float>.self)
    }

    /// Returns the logistic function lane-wise.
    @_transparent
    static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        1 / (1 + exp(-x))
    }

    /// Returns the hyperbolic tangent lane-wise.
    @_transparent
    static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let raw = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        let sign = raw & 0x8000_0000
        let magnitude = unsafeBitCast(raw & 0x7FFF_FFFF, to: SIMD16<Float>.self)
        let e = exp(-2 * magnitude)
        let t = (1 - e) / (1 + e)
        return unsafeBitCast(unsafeBitCast(t, to: SIMD16<UInt32>.self) | sign, to: SIMD16<Float>.self)
    }

    /// Loads up to sixteen floats (missing lanes are zero).
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, count: Int) -> SIMD16<Float> {
        if count >= 16 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }
        var v = SIMD16<Float>()
        var i = 0
        while i < count { v[i] = p[i]; i &+= 1 }
        return v
    }

    /// Stores the first `count` (at most sixteen) lanes.
    @inline(__always)
    static func store(_ v: SIMD16<Float>, to p: UnsafeMutablePointer<Float>, count: Int) {
        if count >= 16 {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
            return
        }
        var i = 0
        while i < count { p[i] = v[i]; i &+= 1 }
    }
}
