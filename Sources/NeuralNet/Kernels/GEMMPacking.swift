/// Packing routines that copy blocks of `op(A)` and `op(B)` into the contiguous, zero-padded
/// panel layouts the GEMM micro-kernel streams through.
enum GEMMPacking {
    /// Rows of `op(A)` handled by one micro-kernel call.
    static let mr = 6
    /// Columns of `op(B)` handled by one micro-kernel call.
    static let nr = 16

    /// Packs `op(A)[row0 ..< row0+mc, k0 ..< k0+kc]`, scaled by `alpha`, into slivers of `mr` rows.
    ///
    /// Layout: sliver `s`, depth `p`, row `r` lives at `dest[(s * kc + p) * mr + r]`. Rows past
    /// `mc` are zero-filled so the kernel can always compute a full 6-row tile.
    static func packA(
        transposed: Bool, a: UnsafePointer<Float>, lda: Int,
        row0: Int, mc: Int, k0: Int, kc: Int, alpha: Float,
        into dest: UnsafeMutablePointer<Float>
    ) {
        let slivers = (mc + mr - 1) / mr
        if transposed {
            // op(A)[i, p] = a[p * lda + i]: row p of `a` feeds every sliver at depth p. Walking the
            // rows in order reads `a` sequentially (sliver by sliver it would be strided, with a
            // TLB miss per row on large operands).
            var p = 0
            while p < kc {
                let src = a + (k0 + p) * lda + row0
                var s = 0
                while s < slivers {
                    let d = dest + (s * kc + p) * mr
                    let from = src + s * mr
                    let rowsHere = min(mr, mc - s * mr)
                    if rowsHere == mr {
                        d[0] = alpha * from[0]; d[1] = alpha * from[1]; d[2] = alpha * from[2]
                        d[3] = alpha * from[3]; d[4] = alpha * from[4]; d[5] = alpha * from[5]
                    } else {
                        var r = 0
                        while r < rowsHere { d[r] = alpha * from[r]; r &+= 1 }
                        while r < mr { d[r] = 0; r &+= 1 }
                    }
                    s &+= 1
                }
                p &+= 1
            }
            return
        }
        var s = 0
        while s < slivers {
            let base = dest + s * kc * mr
            let rowStart = row0 + s * mr
            let rowsHere = min(mr, mc - s * mr)
            // op(A)[i, p] = a[i * lda + p]: each row is contiguous along p.
            var r = 0
            while r < rowsHere {
                let src = a + (rowStart + r) * lda + k0
                var p = 0
                while p < kc { base[p * mr + r] = alpha * src[p]; p &+= 1 }
                r &+= 1
            }
            while r < mr {
                var p = 0
                while p < kc { base[p * mr + r] = 0; p &+= 1 }
                r &+= 1
            }
            s &+= 1
        }
    }

    /// Packs `op(B)[k0 ..< k0+kc, col0 ..< col0+nc]` into slivers of `nr` columns.
    ///
    /// Layout: sliver `s`, depth `p`, column `j` lives at `dest[(s * kc + p) * nr + j]`. Columns
    /// past `nc` are zero-filled.
    static func packB(
        transposed: Bool, b: UnsafePointer<Float>, ldb: Int,
        k0: Int, kc: Int, col0: Int, nc: Int,
        into dest: UnsafeMutablePointer<Float>
    ) {
        let slivers = (nc + nr - 1) / nr
        if !transposed {
            // op(B)[p, j] = b[p * ldb + j]: row p feeds every sliver at depth p; walking rows in
            // order reads `b` sequentially instead of one strided column band per sliver.
            var p = 0
            while p < kc {
                let src = b + (k0 + p) * ldb + col0
                var s = 0
                while s < slivers {
                    let d = dest + (s * kc + p) * nr
                    let from = src + s * nr
                    let colsHere = min(nr, nc - s * nr)
                    if colsHere == nr {
                        let raw = UnsafeMutableRawPointer(d), source = UnsafeRawPointer(from)
                        raw.storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                        (raw + 32).storeBytes(of: source.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                    } else {
                        var j = 0
                        while j < colsHere { d[j] = from[j]; j &+= 1 }
                        while j < nr { d[j] = 0; j &+= 1 }
                    }
                    s &+= 1
                }
                p &+= 1
            }
            return
        }
        var s = 0
        while s < slivers {
            let base = dest + s * kc * nr
            let colStart = col0 + s * nr
            let colsHere = min(nr, nc - s * nr)
            // op(B)[p, j] = b[j * ldb + p]: each column of op(B) is contiguous along p.
            var j = 0
            while j < colsHere {
                let src = b + (colStart + j) * ldb + k0
                var p = 0
                while p < kc { base[p * nr + j] = src[p]; p &+= 1 }
                j &+= 1
            }
            while j < nr {
                var p = 0
                while p < kc { base[p * nr + j] = 0; p &+= 1 }
                j &+= 1
            }
            s &+= 1
        }
    }
}
