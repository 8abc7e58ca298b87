import Testing
@testable import NeuralNet

/// Reference triple loop in Double precision.
func naiveGEMM(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: [Float], lda: Int, b: [Float], ldb: Int, beta: Float, c: [Float], ldc: Int
) -> [Float] {
    var out = c
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let av = transA ? a[p * lda + i] : a[i * lda + p]
                let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                sum += Double(av) * Double(bv)
            }
            let prior = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
            out[i * ldc + j] = Float(Double(alpha) * sum + prior)
        }
    }
    return out
}

struct GEMMTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesNaiveForAllTransposes(transA: Bool, transB: Bool) {
        var rng = SplitMix64(seed: 7)
        let shapes: [(Int, Int, Int)] = [(1, 1, 1), (5, 7, 3), (6, 16, 9), (13, 35, 17), (7, 17, 300), (50, 33, 20)]
        for (m, n, k) in shapes {
            // alpha 1 reads a non-transposed A in place; other values pack it.
            for (threads, alpha) in [(1, Float(0.75)), (2, Float(0.75)), (1, Float(1)), (2, Float(1))] {
                let lda = (transA ? m : k) + 3
                let ldb = (transB ? k : n) + 2
                let ldc = n + 5
                let a = (0..<((transA ? k : m) * lda)).map { _ in rng.nextFloat(in: -1, 1) }
                let b = (0..<((transB ? n : k) * ldb)).map { _ in rng.nextFloat(in: -1, 1) }
                let c0 = (0..<(m * ldc)).map { _ in rng.nextFloat(in: -1, 1) }
                let beta: Float = -0.5
                let expected = naiveGEMM(
                    transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                    a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c0, ldc: ldc)
                var c = c0
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            GEMM.multiply(
                                transposeA: transA, transposeB: transB, m: m, n: n, k: k, alpha: alpha,
                                a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb,
                                beta: beta, c: cp.baseAddress!, ldc: ldc, threads: threads)
                        }
                    }
                }
                var maxErr: Float = 0
                for i in 0..<m {
                    for j in 0..<n { maxErr = max(maxErr, abs(c[i * ldc + j] - expected[i * ldc + j])) }
                    // Padding between rows must be untouched.
                    for j in n..<ldc where i * ldc + j < c.count {
                        #expect(c[i * ldc + j] == c0[i * ldc + j])
                    }
                }
                #expect(maxErr < 1e-4 * Float(max(k, 1)).squareRoot() + 1e-5, "m=\(m) n=\(n) k=\(k) err=\(maxErr)")
            }
        }
    }

    @Test func betaZeroIgnoresGarbageAndParallelSplitIsBitIdentical() {
        var rng = SplitMix64(seed: 3)
        let m = 70, n = 90, k = 40
        let a = Matrix(rows: m, columns: k, storage: (0..<(m * k)).map { _ in rng.nextFloat(in: -1, 1) })
        let b = Matrix(rows: k, columns: n, storage: (0..<(k * n)).map { _ in rng.nextFloat(in: -1, 1) })
        var c1 = Matrix(rows: m, columns: n, repeating: .nan)
        var c2 = Matrix(rows: m, columns: n, repeating: .nan)
        GEMM.multiply(a, b, into: &c1, threads: 1)
        GEMM.multiply(a, b, into: &c2, threads: 2)
        #expect(c1.storage.allSatisfy { $0.isFinite })
        #expect(c1 == c2)
        #expect(GEMM.chunkPlan(m: m, n: n, k: k).count == 2)
    }

    @Test func vectorMathAccuracy() {
        let xs: [Float] = stride(from: -20, through: 20, by: 0.37).map { Float($0) }
        let e = VectorMath.exp(xs), s = VectorMath.sigmoid(xs), t = VectorMath.tanh(xs)
        for (i, x) in xs.enumerated() {
            let ex = expDouble(Double(x))
            #expect(abs(Double(e[i]) - ex) <= 1e-6 * ex)
            #expect(abs(Double(s[i]) - 1 / (1 + expDouble(-Double(x)))) < 1e-6)
            let th = (expDouble(2 * Double(x)) - 1) / (expDouble(2 * Double(x)) + 1)
            #expect(abs(Double(t[i]) - th) < 1e-6)
        }
    }
}

/// Double-precision exponential via repeated squaring of a Taylor series (test helper).
func expDouble(_ x: Double) -> Double {
    let reduced = x / 1024
    var term = 1.0, sum = 1.0
    for n in 1..<20 { term *= reduced / Double(n); sum += term }
    for _ in 0..<10 { sum *= sum }
    return sum
}

struct PackedGEMMTests {
    @Test(arguments: [false, true])
    func prepackedOperandIsBitIdenticalToPackingOnTheFly(transposed: Bool) {
        var rng = SplitMix64(seed: 17)
        let m = 37, k = 300, n = 45
        let a = (0..<(m * k)).map { _ in rng.nextFloat(in: -1, 1) }
        let b = (0..<(k * n)).map { _ in rng.nextFloat(in: -1, 1) }
        let (rows, columns) = transposed ? (n, k) : (k, n)
        let packed = GEMMPackedB.packing(b, rows: rows, columns: columns, transposed: transposed)
        for threads in [1, 2] {
            var direct = [Float](repeating: 0.5, count: m * n)
            var viaPacked = direct
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    direct.withUnsafeMutableBufferPointer { cp in
                        GEMM.multiply(transposeA: false, transposeB: transposed, m: m, n: n, k: k, alpha: 1,
                                      a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: columns,
                                      beta: 1, c: cp.baseAddress!, ldc: n, threads: threads)
                    }
                }
                viaPacked.withUnsafeMutableBufferPointer { cp in
                    GEMM.multiply(transposeA: false, m: m, alpha: 1, a: ap.baseAddress!, lda: k, packedB: packed,
                                  beta: 1, c: cp.baseAddress!, ldc: n, threads: threads)
                }
            }
            #expect(direct == viaPacked)
        }
    }
}
