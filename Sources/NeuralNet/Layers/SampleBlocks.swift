/// Splits a batch into contiguous blocks of samples that can run through a recurrence independently.
///
/// The split only changes which thread computes a sample, never how: every output element of the
/// per-block GEMMs is produced by the same sequence of operations whatever the row range, so
/// results are bit-identical for any block count.
struct SampleBlocks {
    /// Number of samples.
    let batch: Int
    /// Number of blocks.
    let count: Int
    /// Samples in every block but the last.
    let step: Int

    /// Uses one block per thread (at most two) of equal size, each at least two micro-kernel tiles high.
    ///
    /// Equal halves balance the element-wise work; the GEMM tile count per half is the same as
    /// with tile-aligned halves for the usual batch sizes (e.g. 64 = 32 + 32, six tiles each).
    init(batch: Int, threads: Int) {
        let mr = GEMMPacking.mr
        self.batch = batch
        if threads >= 2 && batch >= 4 * mr {
            step = (batch + 1) / 2
        } else {
            step = max(batch, 1)
        }
        count = (batch + step - 1) / step
    }

    /// The samples of block `index`.
    func range(_ index: Int) -> Range<Int> {
        let lo = index * step
        return lo..<min(batch, lo + step)
    }
}
