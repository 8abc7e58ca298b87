import Testing
@testable import NeuralNet

struct WideKernelTests {
    /// The AVX-512 inner loops must give exactly the portable kernel's results (edge tiles included).
    @Test(.enabled(if: CPUFeatures.avx512, "needs AVX-512F"))
    func wideKernelIsBitIdenticalToPortableKernel() {
        var rng = SplitMix64(seed: 29)
        let shapes: [(Int, Int, Int)] = [(1, 1, 1), (5, 7, 3), (6, 16, 9), (13, 35, 17), (64, 512, 128), (37, 48, 300), (7, 100, 20),
                                         (32, 64, 256), (8, 40, 9), (10, 33, 4)]
        for (m, n, k) in shapes {
            for (transposeB, alpha) in [(false, Float(0.5)), (true, Float(0.5)), (false, Float(1)), (true, Float(1))] {
                let a = (0..<(m * k)).map { _ in rng.nextFloat(in: -1, 1) }
                let b = (0..<(k * n)).map { _ in rng.nextFloat(in: -1, 1) }
                let c0 = (0..<(m * n)).map { _ in rng.nextFloat(in: -1, 1) }
                var wide = c0, portable = c0
                for useWide in [true, false] {
                    var out = c0
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            out.withUnsafeMutableBufferPointer { cp in
                                GEMM.serial(transposeA: false, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                            a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: transposeB ? k : n,
                                            beta: 0.25, c: cp.baseAddress!, ldc: n, wide: useWide)
                            }
                        }
                    }
                    if useWide { wide = out } else { portable = out }
                }
                #expect(wide == portable, "m=\(m) n=\(n) k=\(k) transposeB=\(transposeB)")
            }
        }
    }

    /// The AVX-512 tiles that add the first depth block to separate rows (`rowsAddend`) or to zero
    /// (`beta = 0`, no clearing pass) give exactly the portable results, which copy the rows into `C`
    /// or clear it first; one repeated row (stride 0) included, and depths over one block.
    @Test(.enabled(if: CPUFeatures.avx512, "needs AVX-512F"))
    func wideTilesWritingAddedRowsAreBitIdenticalToPortableKernel() {
        var rng = SplitMix64(seed: 37)
        let shapes: [(Int, Int, Int)] = [(1, 1, 1), (5, 7, 3), (32, 256, 8), (64, 512, 64), (13, 35, 300), (30, 48, 17)]
        for (m, n, k) in shapes {
            let a = (0..<(m * k)).map { _ in rng.nextFloat(in: -1, 1) }
            let b = (0..<(k * n)).map { _ in rng.nextFloat(in: -1, 1) }
            let rows = (0..<(m * n)).map { _ in rng.nextFloat(in: -1, 1) }
            // NaN in C must not leak into a beta = 0 product.
            let c0 = (0..<(m * n)).map { i in i % 7 == 0 ? Float.nan : rng.nextFloat(in: -1, 1) }
            for mode in ["zero", "rows", "row"] {
                var results: [[Float]] = []
                for useWide in [true, false] {
                    var out = c0
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            rows.withUnsafeBufferPointer { rp in
                                out.withUnsafeMutableBufferPointer { cp in
                                    let addend = mode == "zero" ? nil : (pointer: rp.baseAddress!, stride: mode == "rows" ? n : 0)
                                    GEMM.serial(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1,
                                                a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: n,
                                                beta: 0, c: cp.baseAddress!, ldc: n, rowsAddend: addend, wide: useWide)
                                }
                            }
                        }
                    }
                    results.append(out)
                }
                #expect(results[0] == results[1], "m=\(m) n=\(n) k=\(k) mode=\(mode)")
                #expect(!results[0].contains { $0.isNaN })
            }
        }
    }

    /// A left operand read in place with strides (as the weight gradients read `x_tᵀ` and `h_{t−1}ᵀ`)
    /// gives exactly what the packed path gives, transposed or not, edge rows and columns included.
    @Test(.enabled(if: CPUFeatures.avx512, "needs AVX-512F"))
    func stridedLeftOperandIsBitIdenticalToPackedPath() {
        var rng = SplitMix64(seed: 31)
        let shapes: [(Int, Int, Int)] = [(8, 256, 32), (64, 256, 32), (13, 37, 5), (7, 20, 300), (1, 16, 3), (32, 64, 17)]
        for (m, n, k) in shapes {
            let a = (0..<(m * k)).map { _ in rng.nextFloat(in: -1, 1) }
            let b = (0..<(k * n)).map { _ in rng.nextFloat(in: -1, 1) }
            let c0 = (0..<(m * n)).map { _ in rng.nextFloat(in: -1, 1) }
            for transposed in [true, false] {
                var packed = c0, strided = c0
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        packed.withUnsafeMutableBufferPointer { cp in
                            GEMM.serial(transposeA: transposed, transposeB: false, m: m, n: n, k: k, alpha: 1,
                                        a: ap.baseAddress!, lda: transposed ? m : k, b: bp.baseAddress!, ldb: n,
                                        beta: 1, c: cp.baseAddress!, ldc: n)
                        }
                        strided.withUnsafeMutableBufferPointer { cp in
                            // Rows split between the two products, as the weight gradients split [x | h].
                            let split = m / 3, rowStride = transposed ? 1 : k, depthStride = transposed ? m : 1
                            GEMM.accumulate(
                                GEMM.StridedProduct(m: split, a: ap.baseAddress!, rowStride: rowStride, depthStride: depthStride,
                                                    c: cp.baseAddress!, ldc: n),
                                GEMM.StridedProduct(m: m - split, a: ap.baseAddress! + split * rowStride, rowStride: rowStride,
                                                    depthStride: depthStride, c: cp.baseAddress! + split * n, ldc: n),
                                n: n, k: k, b: bp.baseAddress!, ldb: n)
                        }
                    }
                }
                #expect(strided == packed, "m=\(m) n=\(n) k=\(k) transposed=\(transposed)")
            }
        }
    }

    /// The AVX-512 gate math must give exactly the portable results, forward and backward.
    @Test(.enabled(if: CPUFeatures.avx512, "needs AVX-512F"), arguments: [(20, true), (37, false), (32, true), (48, false)])
    func wideRecurrentCellIsBitIdenticalToPortableCode(units: Int, returnSequences: Bool) {
        let batch = 30, time = 5, features = 7
        var results: [(Matrix, Matrix, [[Float]])] = []
        for wide in [true, false] {
            var rng = SplitMix64(seed: 61)
            let layer = LSTMLayer(inputSize: features, units: units, returnSequences: returnSequences, name: "l", rng: &rng)
            layer.useWideKernels = wide
            let input = GradCheck.random(time * batch, features, rng: &rng)
            let output = layer.forward(input, batch: batch, time: time, threads: 2)
            let upstream = GradCheck.random(output.rows, units, rng: &rng)
            let inputGradient = layer.backward(upstream, threads: 2)
            results.append((output, inputGradient, layer.parameters.map(\.gradient)))
        }
        #expect(results[0].0 == results[1].0)
        #expect(results[0].1 == results[1].1)
        #expect(results[0].2 == results[1].2)
    }
}
