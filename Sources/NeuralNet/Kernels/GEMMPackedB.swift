/// A right-hand GEMM operand `op(B)` packed once and reused across many products.
///
/// The LSTM multiplies by the same recurrent weights at every timestep; packing them once per
/// pass instead of once per step removes most of the per-step overhead. The layout is the one
/// `GEMMPacking.packB` produces, for every depth block: block `p` holds all `ceil(n / 16)`
/// column slivers of depth `min(kcBlock, k − p·kcBlock)`.
public final class GEMMPackedB {
    /// Depth of `op(B)`.
    public let k: Int
    /// Columns of `op(B)`.
    public let n: Int
    /// Packed panels.
    private let storage: UnsafeMutablePointer<Float>
    /// Offset of each depth block's panel in `storage`.
    private let blockOffsets: [Int]

    /// Packs `op(B)` (`k x n`; stored `n x k` when `transposed`).
    init(transposed: Bool, k: Int, n: Int, b: UnsafePointer<Float>, ldb: Int) {
        self.k = k
        self.n = n
        let nr = GEMMPacking.nr
        let paddedN = (n + nr - 1) / nr * nr
        var offsets: [Int] = []
        var total = 0
        var pc = 0
        while pc < k {
            offsets.append(total)
            total += min(GEMM.kcBlock, k - pc) * paddedN
            pc += GEMM.kcBlock
        }
        blockOffsets = offsets
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1) * 4, alignment: 64)
        storage = raw.bindMemory(to: Float.self, capacity: max(total, 1))
        pc = 0
        var index = 0
        while pc < k {
            let kc = min(GEMM.kcBlock, k - pc)
            GEMMPacking.packB(transposed: transposed, b: b, ldb: ldb, k0: pc, kc: kc, col0: 0, nc: n,
                              into: storage + blockOffsets[index])
            pc += GEMM.kcBlock
            index += 1
        }
    }

    /// Packs a whole row-major `rows x columns` matrix as `op(B)` (its transpose when `transposed`).
    public static func packing(_ matrix: [Float], rows: Int, columns: Int, transposed: Bool) -> GEMMPackedB {
        precondition(matrix.count == rows * columns, "matrix size does not match its shape")
        return matrix.withUnsafeBufferPointer { buffer in
            GEMMPackedB(transposed: transposed, k: transposed ? columns : rows, n: transposed ? rows : columns,
                        b: buffer.baseAddress!, ldb: columns)
        }
    }

    deinit {
        storage.deallocate()
    }

    /// The sliver holding columns `column ..< column + 16` (column a multiple of 16) of depth
    /// block `blockIndex`, whose depth is `kc`.
    @inline(__always)
    func sliver(blockIndex: Int, column: Int, kc: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + blockOffsets[blockIndex] + (column / GEMMPacking.nr) * kc * GEMMPacking.nr)
    }
}
