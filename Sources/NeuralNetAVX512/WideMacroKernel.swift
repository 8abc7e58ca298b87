/// GEMM inner loops on 16-lane vectors, compiled for AVX-512 and called only when the CPU has it.
///
/// Operands use the panel layouts of the portable 6 x 16 kernel in `NeuralNet`: packed `op(A)` in
/// slivers of 6 rows (`a[(s * kc + p) * 6 + r]`), packed `op(B)` in slivers of 16 columns
/// (`b[(s * kc + p) * 16 + j]`). Each `C` element is accumulated exactly as in the portable
/// kernel — one fused multiply-add per depth step, in depth order, then added to `C` — so both
/// produce bit-identical results.
public enum WideMacroKernel {
    /// Rows of a packed `A` sliver.
    static let mr = 6
    /// Columns of a packed `B` sliver.
    static let nr = 16

    /// Computes `C[0..<mc, 0..<nc] = S + A * Bpacked` for one block of depth `kc`, where the
    /// addend `S` is `C` itself by default (`C += A * B`).
    ///
    /// With `lda == nil`, `a` is packed in 6-row slivers; otherwise `a` is the row-major block itself
    /// (element `(r, p)` at `a[r * lda + p]`), read in place without packing. `addend` may point to
    /// other rows (`S(i, j)` at `addend[i * addendStride + j]`; a stride of 0 repeats one row), or be
    /// `nil` for `S = 0` (`C` is then only written: no clearing pass, no loads of `C`).
    @inline(never)
    public static func block(
        mc: Int, nc: Int, kc: Int,
        a: UnsafePointer<Float>, lda: Int?, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, addend: Addend = .c
    ) {
        if let lda {
            loops(mc: mc, nc: nc, kc: kc, a: a, rowStride: lda, depthStride: 1, panelStride: mr * lda,
                  sixRowSpan: sixRowSpan(mc), b: b, c: c, ldc: ldc, addend: addend)
        } else {
            loops(mc: mc, nc: nc, kc: kc, a: a, rowStride: 1, depthStride: mr, panelStride: kc * mr,
                  sixRowSpan: mc, b: b, c: c, ldc: ldc, addend: addend)
        }
    }

    /// What the products of a block are added to.
    public enum Addend {
        /// `C` itself: `C += A * B`.
        case c
        /// Zero: `C = A * B` (computed as `A * B + 0`, the value `0 + A * B` has, signed zeros included).
        case zero
        /// Rows `R(i, j)` at `pointer[i * stride + j]` (stride 0 repeats one row): `C = R + A * B`.
        case rows(UnsafePointer<Float>, stride: Int)
    }

    /// Computes `C[0..<mc, 0..<nc] += A * Bpacked` for one block of depth `kc`, with `A(r, p)` read
    /// in place at `a[r * aRowStride + p * aDepthStride]` (e.g. a transposed row-major matrix).
    @inline(never)
    public static func block(
        mc: Int, nc: Int, kc: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        loops(mc: mc, nc: nc, kc: kc, a: a, rowStride: aRowStride, depthStride: aDepthStride, panelStride: mr * aRowStride,
              sixRowSpan: sixRowSpan(mc), b: b, c: c, ldc: ldc, addend: .c)
    }

    /// Rows to cover with 6-row tiles before 4-row tiles take the rest, so that fewer padded rows
    /// are computed than with 6-row tiles alone (32 = 4·6 + 2·4 instead of 6·6 with 4 padded rows).
    static func sixRowSpan(_ mc: Int) -> Int {
        let rest = mc % mr, whole = mc - rest
        switch rest {
        case 0, 5: return mc
        case 3, 4: return whole
        default: return max(0, whole - mr)
        }
    }

    /// The tile loops over one block; `A(r, p)` of the panel starting at row `ir` is at
    /// `a[(ir / 6) * panelStride + (ir % 6 + r) * rowStride + p * depthStride]`. Rows from
    /// `sixRowSpan` on are covered by 4-row tiles (only when `A` is read in place, where a tile
    /// may start at any row).
    @inline(__always)
    static func loops(
        mc: Int, nc: Int, kc: Int,
        a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, panelStride: Int, sixRowSpan: Int,
        b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, addend: Addend
    ) {
        // The addend as rows: C's own rows, a separate matrix, or one row of zeros read by every
        // tile (the tiles stay branch-free, and small enough to be inlined).
        let (source, sourceStride, sourceColumnStep): (UnsafePointer<Float>, Int, Int)
        switch addend {
        case .c: (source, sourceStride, sourceColumnStep) = (UnsafePointer(c), ldc, 1)
        case .zero: (source, sourceStride, sourceColumnStep) = (UnsafePointer(zeros), 0, 0)
        case .rows(let pointer, let stride): (source, sourceStride, sourceColumnStep) = (pointer, stride, 1)
        }
        let sliverB = kc * nr
        var jr = 0
        while jr < nc {
            let cols = min(2 * nr, nc - jr)
            let bPanel = b + (jr / nr) * sliverB
            var ir = 0
            while ir < mc {
                let height = ir < sixRowSpan ? mr : 4
                let rows = min(height, mc - ir)
                let aPanel = APanel(base: a + (ir / mr) * panelStride + (ir % mr) * rowStride, rowStride: rowStride,
                                    depthStride: depthStride, rows: rows)
                let cTile = c + ir * ldc + jr
                let sTile = Addend.Rows(base: source + ir * sourceStride + jr * sourceColumnStep, stride: sourceStride)
                switch (height == mr, cols > nr) {
                case (true, true):
                    tile6x32(kc: kc, a: aPanel, b0: bPanel, b1: bPanel + sliverB, c: cTile, ldc: ldc, s: sTile, rows: rows, cols: cols)
                case (true, false):
                    tile6x16(kc: kc, a: aPanel, b: bPanel, c: cTile, ldc: ldc, s: sTile, rows: rows, cols: cols)
                case (false, true):
                    tile4x32(kc: kc, a: aPanel, b0: bPanel, b1: bPanel + sliverB, c: cTile, ldc: ldc, s: sTile, rows: rows, cols: cols)
                case (false, false):
                    tile4x16(kc: kc, a: aPanel, b: bPanel, c: cTile, ldc: ldc, s: sTile, rows: rows, cols: cols)
                }
                ir &+= height
            }
            jr &+= 2 * nr
        }
    }

    /// One 4 x 32 tile from two adjacent 16-column slivers (eight 16-lane accumulators).
    @inline(__always)
    static func tile4x32(
        kc: Int, a: APanel, b0: UnsafePointer<Float>, b1: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, s: Addend.Rows, rows: Int, cols: Int
    ) {
        var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
        var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
        var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
        let (a0, a1, a2, a3, _, _) = a.rowPointers
        let ds = a.depthStride
        var pb0 = UnsafeRawPointer(b0), pb1 = UnsafeRawPointer(b1)
        var p = 0, offset = 0
        while p < kc {
            let x0 = pb0.loadUnaligned(as: SIMD16<Float>.self)
            let x1 = pb1.loadUnaligned(as: SIMD16<Float>.self)
            var av = SIMD16<Float>(repeating: a0[offset])
            c00 = c00.addingProduct(av, x0); c01 = c01.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a1[offset])
            c10 = c10.addingProduct(av, x0); c11 = c11.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a2[offset])
            c20 = c20.addingProduct(av, x0); c21 = c21.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a3[offset])
            c30 = c30.addingProduct(av, x0); c31 = c31.addingProduct(av, x1)
            offset &+= ds
            pb0 += 64
            pb1 += 64
            p &+= 1
        }
        let hi = cols - 16
        add(c00, c01, from: s.row(0), into: c, hiCols: hi)
        if rows > 1 { add(c10, c11, from: s.row(1), into: c + ldc, hiCols: hi) }
        if rows > 2 { add(c20, c21, from: s.row(2), into: c + 2 * ldc, hiCols: hi) }
        if rows > 3 { add(c30, c31, from: s.row(3), into: c + 3 * ldc, hiCols: hi) }
    }

    /// One 4 x 16 tile from a single sliver.
    @inline(__always)
    static func tile4x16(
        kc: Int, a: APanel, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, s: Addend.Rows, rows: Int, cols: Int
    ) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
        let (a0, a1, a2, a3, _, _) = a.rowPointers
        let ds = a.depthStride
        var pb = UnsafeRawPointer(b)
        var p = 0, offset = 0
        while p < kc {
            let x = pb.loadUnaligned(as: SIMD16<Float>.self)
            c0 = c0.addingProduct(SIMD16<Float>(repeating: a0[offset]), x)
            c1 = c1.addingProduct(SIMD16<Float>(repeating: a1[offset]), x)
            c2 = c2.addingProduct(SIMD16<Float>(repeating: a2[offset]), x)
            c3 = c3.addingProduct(SIMD16<Float>(repeating: a3[offset]), x)
            offset &+= ds
            pb += 64
            p &+= 1
        }
        add(c0, from: s.row(0), into: c, cols: cols)
        if rows > 1 { add(c1, from: s.row(1), into: c + ldc, cols: cols) }
        if rows > 2 { add(c2, from: s.row(2), into: c + 2 * ldc, cols: cols) }
        if rows > 3 { add(c3, from: s.row(3), into: c + 3 * ldc, cols: cols) }
    }

    /// One 6 x 32 tile from two adjacent 16-column slivers (twelve 16-lane accumulators).
    @inline(__always)
    static func tile6x32(
        kc: Int, a: APanel, b0: UnsafePointer<Float>, b1: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, s: Addend.Rows, rows: Int, cols: Int
    ) {
        var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
        var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
        var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
        var c40 = SIMD16<Float>(), c41 = SIMD16<Float>()
        var c50 = SIMD16<Float>(), c51 = SIMD16<Float>()
        let (a0, a1, a2, a3, a4, a5) = a.rowPointers
        let ds = a.depthStride
        var pb0 = UnsafeRawPointer(b0), pb1 = UnsafeRawPointer(b1)
        var p = 0, offset = 0
        while p < kc {
            let x0 = pb0.loadUnaligned(as: SIMD16<Float>.self)
            let x1 = pb1.loadUnaligned(as: SIMD16<Float>.self)
            var av = SIMD16<Float>(repeating: a0[offset])
            c00 = c00.addingProduct(av, x0); c01 = c01.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a1[offset])
            c10 = c10.addingProduct(av, x0); c11 = c11.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a2[offset])
            c20 = c20.addingProduct(av, x0); c21 = c21.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a3[offset])
            c30 = c30.addingProduct(av, x0); c31 = c31.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a4[offset])
            c40 = c40.addingProduct(av, x0); c41 = c41.addingProduct(av, x1)
            av = SIMD16<Float>(repeating: a5[offset])
            c50 = c50.addingProduct(av, x0); c51 = c51.addingProduct(av, x1)
            offset &+= ds
            pb0 += 64
            pb1 += 64
            p &+= 1
        }
        let hi = cols - 16
        add(c00, c01, from: s.row(0), into: c, hiCols: hi)
        if rows > 1 { add(c10, c11, from: s.row(1), into: c + ldc, hiCols: hi) }
        if rows > 2 { add(c20, c21, from: s.row(2), into: c + 2 * ldc, hiCols: hi) }
        if rows > 3 { add(c30, c31, from: s.row(3), into: c + 3 * ldc, hiCols: hi) }
        if rows > 4 { add(c40, c41, from: s.row(4), into: c + 4 * ldc, hiCols: hi) }
        if rows > 5 { add(c50, c51, from: s.row(5), into: c + 5 * ldc, hiCols: hi) }
    }

    /// One 6 x 16 tile from a single sliver (the last one when the column count is an odd multiple of 16).
    @inline(__always)
    static func tile6x16(
        kc: Int, a: APanel, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, s: Addend.Rows, rows: Int, cols: Int
    ) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>()
        var c3 = SIMD16<Float>(), c4 = SIMD16<Float>(), c5 = SIMD16<Float>()
        let (a0, a1, a2, a3, a4, a5) = a.rowPointers
        let ds = a.depthStride
        var pb = UnsafeRawPointer(b)
        var p = 0, offset = 0
        while p < kc {
            let x = pb.loadUnaligned(as: SIMD16<Float>.self)
            c0 = c0.addingProduct(SIMD16<Float>(repeating: a0[offset]), x)
            c1 = c1.addingProduct(SIMD16<Float>(repeating: a1[offset]), x)
            c2 = c2.addingProduct(SIMD16<Float>(repeating: a2[offset]), x)
            c3 = c3.addingProduct(SIMD16<Float>(repeating: a3[offset]), x)
            c4 = c4.addingProduct(SIMD16<Float>(repeating: a4[offset]), x)
            c5 = c5.addingProduct(SIMD16<Float>(repeating: a5[offset]), x)
            offset &+= ds
            pb += 64
            p &+= 1
        }
        add(c0, from: s.row(0), into: c, cols: cols)
        if rows > 1 { add(c1, from: s.row(1), into: c + ldc, cols: cols) }
        if rows > 2 { add(c2, from: s.row(2), into: c + 2 * ldc, cols: cols) }
        if rows > 3 { add(c3, from: s.row(3), into: c + 3 * ldc, cols: cols) }
        if rows > 4 { add(c4, from: s.row(4), into: c + 4 * ldc, cols: cols) }
        if rows > 5 { add(c5, from: s.row(5), into: c + 5 * ldc, cols: cols) }
    }

    /// Writes `source + v` for a 32-wide accumulator row into `16 + hiCols` floats at `dest` (`1 ≤ hiCols ≤ 16`).
    @inline(__always)
    static func add(_ lo: SIMD16<Float>, _ hi: SIMD16<Float>, from source: UnsafePointer<Float>,
                    into dest: UnsafeMutablePointer<Float>, hiCols: Int) {
        add(lo, from: source, into: dest, cols: 16)
        add(hi, from: source + 16, into: dest + 16, cols: hiCols)
    }

    /// Writes `source[j] + v[j]` for the first `cols` (at most 16) lanes (`source` may be `dest`).
    @inline(__always)
    static func add(_ v: SIMD16<Float>, from source: UnsafePointer<Float>, into dest: UnsafeMutablePointer<Float>, cols: Int) {
        if cols == 16 {
            let base = UnsafeRawPointer(source).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(dest).storeBytes(of: base + v, as: SIMD16<Float>.self)
            return
        }
        var j = 0
        while j < cols {
            dest[j] = source[j] + v[j]
            j &+= 1
        }
    }

    /// 32 zeros: the addend row of `Addend.zero` (never written).
    nonisolated(unsafe) static let zeros: UnsafeMutablePointer<Float> = {
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: 32)
        pointer.initialize(repeating: 0, count: 32)
        return pointer
    }()
}

extension WideMacroKernel.Addend {
    /// The addend rows of one tile.
    struct Rows {
        /// Address of the tile's first addend element.
        var base: UnsafePointer<Float>
        /// Distance between addend rows.
        var stride: Int

        /// Address of row `r`'s addend.
        @inline(__always)
        func row(_ r: Int) -> UnsafePointer<Float> {
            base + r * stride
        }
    }
}

/// Where the six rows of one `A` panel live (rows past the edge alias the last real row).
struct APanel {
    /// Address of `A(0, 0)`.
    var base: UnsafePointer<Float>
    /// Distance between rows.
    var rowStride: Int
    /// Distance between depth steps.
    var depthStride: Int
    /// Rows that exist (1...6; a 4-row tile reads only the first four pointers).
    var rows: Int

    /// Addresses of the six rows; missing rows repeat the last real one (their results are discarded).
    @inline(__always)
    var rowPointers: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                      UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>) {
        let last = rows - 1
        return (base, base + min(1, last) * rowStride, base + min(2, last) * rowStride,
                base + min(3, last) * rowStride, base + min(4, last) * rowStride, base + min(5, last) * rowStride)
    }
}
