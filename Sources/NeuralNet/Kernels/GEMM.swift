import NeuralNetAVX512

/// Single-precision general matrix multiply: `C = alpha * op(A) * op(B) + beta * C`.
///
/// `op(A)` is `m x k` and `op(B)` is `k x n`; either operand may be stored transposed. All
/// matrices are row-major with arbitrary leading dimensions (`lda`, `ldb`, `ldc` are row
/// strides in elements). The implementation packs blocks of both operands into contiguous
/// panels and runs a 6 x 16 `SIMD8<Float>` register-tiled micro-kernel.
///
/// Results are bit-identical for any `threads` value: work is split into a chunk count that
/// depends only on the problem shape, and every element of `C` is produced by the same
/// sequence of floating-point operations regardless of which chunk computes it.
public enum GEMM {
    /// Depth of one packed block (`k` direction).
    static let kcBlock = 256
    /// Rows of `op(A)` packed at once; a multiple of the micro-kernel height.
    static let mcBlock = 96
    /// Columns of `op(B)` packed at once; a multiple of the micro-kernel width.
    static let ncBlock = 2048
    /// Minimum `m * n * k` before work is split into chunks for worker threads.
    static let parallelWork = 1 << 17

    /// Computes `C = alpha * op(A) * op(B) + beta * C` on raw pointers.
    ///
    /// - Parameters:
    ///   - transposeA: when `true`, `A` is stored `k x m` and `op(A) = Aᵀ`.
    ///   - transposeB: when `true`, `B` is stored `n x k` and `op(B) = Bᵀ`.
    ///   - threads: maximum number of threads to use (1 runs on the caller's thread).
    public static func multiply(
        transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        threads: Int = 1
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM dimensions must be non-negative")
        if m == 0 || n == 0 { return }
        let chunks = chunkPlan(m: m, n: n, k: k)
        let pa = UncheckedSendable(a), pb = UncheckedSendable(b), pc = UncheckedSendable(c)
        ParallelFor.run(chunks: chunks.count, threads: threads) { index in
            let (rowRange, colRange) = chunks.ranges(index, m: m, n: n)
            let aStart = transposeA ? pa.value + rowRange.lowerBound : pa.value + rowRange.lowerBound * lda
            let bStart = transposeB ? pb.value + colRange.lowerBound * ldb : pb.value + colRange.lowerBound
            let cStart = pc.value + rowRange.lowerBound * ldc + colRange.lowerBound
            serial(
                transposeA: transposeA, transposeB: transposeB,
                m: rowRange.count, n: colRange.count, k: k, alpha: alpha,
                a: aStart, lda: lda, b: bStart, ldb: ldb, beta: beta, c: cStart, ldc: ldc)
        }
    }

    /// Computes `C = alpha * op(A) * B + beta * C` where `B` was packed in advance.
    ///
    /// Gives bit-identical results to the unpacked entry point with the same operands.
    public static func multiply(
        transposeA: Bool, m: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        packedB: GEMMPackedB,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        threads: Int = 1
    ) {
        let n = packedB.n, k = packedB.k
        if m == 0 || n == 0 { return }
        let chunks = chunkPlan(m: m, n: n, k: k)
        let pa = UncheckedSendable(a), pc = UncheckedSendable(c), pb = UncheckedSendable(packedB)
        ParallelFor.run(chunks: chunks.count, threads: threads) { index in
            let (rowRange, colRange) = chunks.ranges(index, m: m, n: n)
            let aStart = transposeA ? pa.value + rowRange.lowerBound : pa.value + rowRange.lowerBound * lda
            serial(
                transposeA: transposeA, transposeB: false,
                m: rowRange.count, n: colRange.count, k: k, alpha: alpha,
                a: aStart, lda: lda, b: nil, ldb: 0, packedB: (pb.value, colRange.lowerBound),
                beta: beta, c: pc.value + rowRange.lowerBound * ldc + colRange.lowerBound, ldc: ldc)
        }
    }

    /// Computes `C = alpha * op(A) * op(B) + beta * C` for whole `Matrix` values.
    ///
    /// Shapes are validated; `c` must already have shape `op(A).rows x op(B).columns`.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        transposeA: Bool = false, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0, threads: Int = 1
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "GEMM inner dimensions differ: \(k) vs \(kb)")
        precondition(c.rows == m && c.columns == n, "GEMM output has shape \(c.rows)x\(c.columns), expected \(m)x\(n)")
        let cColumns = c.columns
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    guard let aBase = ap.baseAddress, let bBase = bp.baseAddress, let cBase = cp.baseAddress else {
                        // k == 0 (empty operands): C = beta * C.
                        for i in 0..<cp.count { cp[i] = beta == 0 ? 0 : beta * cp[i] }
                        return
                    }
                    multiply(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: aBase, lda: a.columns, b: bBase, ldb: b.columns,
                        beta: beta, c: cBase, ldc: cColumns, threads: threads)
                }
            }
        }
    }

    /// Returns `op(A) * op(B)` as a new matrix.
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, threads: Int = 1
    ) -> Matrix {
        var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        multiply(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, threads: threads)
        return c
    }

    /// How the output is divided among independent chunks.
    struct ChunkPlan {
        /// Number of chunks.
        var count: Int
        /// `true` when chunks split columns, `false` when they split rows.
        var splitColumns: Bool
        /// Size of every chunk but the last (a multiple of the micro-kernel tile size).
        var step: Int

        /// Row and column ranges of chunk `index`.
        func ranges(_ index: Int, m: Int, n: Int) -> (Range<Int>, Range<Int>) {
            if splitColumns {
                let lo = index * step
                return (0..<m, lo..<min(n, lo + step))
            }
            let lo = index * step
            return (lo..<min(m, lo + step), 0..<n)
        }
    }

    /// Chooses a chunk split that depends only on the problem shape (never on thread count).
    static func chunkPlan(m: Int, n: Int, k: Int) -> ChunkPlan {
        let work = m * n * k
        let mr = GEMMPacking.mr, nr = GEMMPacking.nr
        if work < parallelWork { return ChunkPlan(count: 1, splitColumns: true, step: n) }
        if n >= 2 * nr && n >= m {
            let step = ((n + 1) / 2 + nr - 1) / nr * nr
            return ChunkPlan(count: (n + step - 1) / step, splitColumns: true, step: step)
        }
        if m >= 2 * mr {
            let step = ((m + 1) / 2 + mr - 1) / mr * mr
            return ChunkPlan(count: (m + step - 1) / step, splitColumns: false, step: step)
        }
        return ChunkPlan(count: 1, splitColumns: true, step: n)
    }

    /// Single-threaded blocked GEMM over one chunk of the output.
    ///
    /// `wide` selects the AVX-512 inner loops (bit-identical to the portable ones); it must only be
    /// `true` on CPUs that have AVX-512F. With `rowsAddend` (`R(i, j)` at `pointer[i * stride + j]`,
    /// stride 0 for one repeated row) the result is `C = R + alpha * op(A) * op(B)` and `beta` is
    /// ignored: the same values as copying `R` into `C` first and using `beta = 1`.
    static func serial(
        transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>?, ldb: Int,
        packedB: (GEMMPackedB, column: Int)? = nil,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        rowsAddend: (pointer: UnsafePointer<Float>, stride: Int)? = nil,
        wide: Bool = CPUFeatures.avx512
    ) {
        // The AVX-512 tiles write the first depth block's sums added to R, or to zero, themselves:
        // no separate pass that copies R into C or clears C (same values: `R + s` and `0 + s`).
        let direct = wide && k > 0 && alpha != 0 && (rowsAddend != nil || beta == 0)
        if !direct {
            if let rowsAddend {
                for i in 0..<m { (c + i * ldc).update(from: rowsAddend.pointer + i * rowsAddend.stride, count: n) }
            } else {
                scale(c: c, ldc: ldc, m: m, n: n, beta: beta)
            }
        }
        if k == 0 || alpha == 0 { return }
        let mr = GEMMPacking.mr, nr = GEMMPacking.nr
        let kcMax = min(k, kcBlock)
        let ncMax = min((n + nr - 1) / nr * nr, ncBlock)
        let mcMax = min((m + mr - 1) / mr * mr, mcBlock)
        let bPack = packedB == nil ? ThreadScratch.buffer(ThreadScratch.packedB, count: kcMax * ncMax) : nil
        let directA = !transposeA && alpha == 1
        let aPack = ThreadScratch.buffer(ThreadScratch.packedA, count: directA ? 1 : kcMax * mcMax)
        var jc = 0
        while jc < n {
            let nc = min(ncBlock, n - jc)
            var pc = 0
            while pc < k {
                let kc = min(kcBlock, k - pc)
                if let bPack, let b {
                    GEMMPacking.packB(transposed: transposeB, b: b, ldb: ldb, k0: pc, kc: kc, col0: jc, nc: nc, into: bPack)
                }
                var ic = 0
                while ic < m {
                    let mc = min(mcBlock, m - ic)
                    // A row-major, unscaled A is read in place; otherwise it is packed in 6-row slivers.
                    let aBlock: UnsafePointer<Float>
                    if directA {
                        aBlock = a + ic * lda + pc
                    } else {
                        GEMMPacking.packA(
                            transposed: transposeA, a: a, lda: lda, row0: ic, mc: mc, k0: pc, kc: kc,
                            alpha: alpha, into: aPack)
                        aBlock = UnsafePointer(aPack)
                    }
                    let (rowStride, depthStride, panelStride) = directA ? (lda, 1, mr * lda) : (1, mr, kc * mr)
                    let bBlock = packedB.map {
                        $0.0.sliver(blockIndex: pc / kcBlock, column: $0.column + jc, kc: kc)
                    } ?? UnsafePointer(bPack!)
                    if wide {
                        var addend = WideMacroKernel.Addend.c
                        if direct && pc == 0 {
                            addend = rowsAddend.map { .rows($0.pointer + ic * $0.stride + jc, stride: $0.stride) } ?? .zero
                        }
                        WideMacroKernel.block(mc: mc, nc: nc, kc: kc, a: aBlock, lda: directA ? lda : nil, b: bBlock,
                                              c: c + ic * ldc + jc, ldc: ldc, addend: addend)
                    } else {
                        var jr = 0
                        while jr < nc {
                            let cols = min(nr, nc - jr)
                            let bSliver = bBlock + (jr / nr) * kc * nr
                            var ir = 0
                            while ir < mc {
                                let rows = min(mr, mc - ir)
                                GEMMMicroKernel.run(
                                    kc: kc, a: aBlock + (ir / mr) * panelStride, rowStride: rowStride,
                                    depthStride: depthStride, b: bSliver,
                                    c: c + (ic + ir) * ldc + jc + jr, ldc: ldc, rows: rows, cols: cols)
                                ir &+= mr
                            }
                            jr &+= nr
                        }
                    }
                    ic &+= mc
                }
                pc &+= kc
            }
            jc &+= nc
        }
    }

    /// Applies `C = beta * C` (with `beta == 0` clearing `C`, ignoring any NaN it held).
    static func scale(c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, beta: Float) {
        if beta == 1 { return }
        var i = 0
        while i < m {
            let row = c + i * ldc
            if beta == 0 {
                row.update(repeating: 0, count: n)
            } else {
                var j = 0
                while j < n { row[j] *= beta; j &+= 1 }
            }
            i &+= 1
        }
    }
}
