/// The machine's ceiling for the kernels: fused multiply-adds with nothing else in the loop.
public enum WideFMARate {
    /// Runs `iterations` rounds of twelve independent 16-lane fused multiply-add chains (384 flops a
    /// round) and returns their sum, so the work cannot be optimised away.
    @inline(never)
    public static func run(iterations: Int, seed: Float) -> Float {
        chains(iterations: iterations, x: SIMD16<Float>(repeating: seed), y: SIMD16<Float>(repeating: 1e-7))
    }

    /// Twelve independent chains `a += x·y` on vectors of any width, summed at the end; specialised
    /// where it is called, so each module compiles it for its own vector instructions.
    @inlinable @inline(__always)
    public static func chains<Vector: SIMD>(iterations: Int, x: Vector, y: Vector) -> Float where Vector.Scalar == Float {
        var a0 = Vector(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0
        var a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0
        var round = 0
        while round < iterations {
            a0 = a0.addingProduct(x, y); a1 = a1.addingProduct(x, y); a2 = a2.addingProduct(x, y)
            a3 = a3.addingProduct(x, y); a4 = a4.addingProduct(x, y); a5 = a5.addingProduct(x, y)
            a6 = a6.addingProduct(x, y); a7 = a7.addingProduct(x, y); a8 = a8.addingProduct(x, y)
            a9 = a9.addingProduct(x, y); a10 = a10.addingProduct(x, y); a11 = a11.addingProduct(x, y)
            round &+= 1
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).sum()
    }
}
