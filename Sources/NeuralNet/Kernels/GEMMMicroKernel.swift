/// The register-tiled 6 x 16 single-precision GEMM micro-kernel.
///
/// Twelve `SIMD8<Float>` accumulators hold a 6-row by 16-column tile of `C`; each step of the
/// depth loop loads two vectors of packed `B`, broadcasts six scalars of packed `A`, and issues
/// twelve fused multiply-adds.
enum GEMMMicroKernel {
    /// Computes `C[0..<mr, 0..<nr] += Apanel * Bpanel` for one 6 x 16 tile.
    ///
    /// `A(r, p)` is at `a[r * rowStride + p * depthStride]`: an `mr`-row sliver packed by
    /// `GEMMPacking.packA` has strides `(1, 6)`, a row-major block read in place `(lda, 1)`. `b`
    /// points to a 16-column sliver packed by `GEMMPacking.packB`, of depth `kc`. Only the
    /// `rows x cols` corner of the tile is written back (for edge tiles); missing rows of `A` are
    /// never read.
    @inline(__always)
    static func run(
        kc: Int, a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, cols: Int
    ) {
        let last = rows - 1
        let a0 = a, a1 = a + min(1, last) * rowStride, a2 = a + min(2, last) * rowStride
        let a3 = a + min(3, last) * rowStride, a4 = a + min(4, last) * rowStride, a5 = a + min(5, last) * rowStride
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>()
        var c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>()
        var c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
        var c40 = SIMD8<Float>(), c41 = SIMD8<Float>()
        var c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
        var pb = UnsafeRawPointer(b)
        var p = 0, offset = 0
        while p < kc {
            let b0 = pb.loadUnaligned(as: SIMD8<Float>.self)
            let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            var av = SIMD8<Float>(repeating: a0[offset])
            c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
            av = SIMD8<Float>(repeating: a1[offset])
            c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
            av = SIMD8<Float>(repeating: a2[offset])
            c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
            av = SIMD8<Float>(repeating: a3[offset])
            c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
            av = SIMD8<Float>(repeating: a4[offset])
            c40 = c40.addingProduct(av, b0); c41 = c41.addingProduct(av, b1)
            av = SIMD8<Float>(repeating: a5[offset])
            c50 = c50.addingProduct(av, b0); c51 = c51.addingProduct(av, b1)
            offset &+= depthStride
            pb += 64
            p &+= 1
        }
        if rows == 6 && cols == 16 {
            accumulate(c00, c01, into: c, cols: 16)
            accumulate(c10, c11, into: c + ldc, cols: 16)
            accumulate(c20, c21, into: c + 2 * ldc, cols: 16)
            accumulate(c30, c31, into: c + 3 * ldc, cols: 16)
            accumulate(c40, c41, into: c + 4 * ldc, cols: 16)
            accumulate(c50, c51, into: c + 5 * ldc, cols: 16)
            return
        }
        accumulate(c00, c01, into: c, cols: cols)
        if rows > 1 { accumulate(c10, c11, into: c + ldc, cols: cols) }
        if rows > 2 { accumulate(c20, c21, into: c + 2 * ldc, cols: cols) }
        if rows > 3 { accumulate(c30, c31, into: c + 3 * ldc, cols: cols) }
        if rows > 4 { accumulate(c40, c41, into: c + 4 * ldc, cols: cols) }
        if rows > 5 { accumulate(c50, c51, into: c + 5 * ldc, cols: cols) }
    }

    /// Adds a 16-wide accumulator row (two vectors) into `cols` consecutive floats at `dest`.
    @inline(__always)
    static func accumulate(_ lo: SIMD8<Float>, _ hi: SIMD8<Float>, into dest: UnsafeMutablePointer<Float>, cols: Int) {
        if cols == 16 {
            let raw = UnsafeMutableRawPointer(dest)
            let x0 = raw.loadUnaligned(as: SIMD8<Float>.self) + lo
            let x1 = raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self) + hi
            raw.storeBytes(of: x0, as: SIMD8<Float>.self)
            raw.storeBytes(of: x1, toByteOffset: 32, as: SIMD8<Float>.self)
            return
        }
        var j = 0
        while j < cols {
            dest[j] += j < 8 ? lo[j] : hi[j - 8]
            j &+= 1
        }
    }
}
