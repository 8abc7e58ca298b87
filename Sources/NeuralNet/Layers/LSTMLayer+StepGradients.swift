/// Weight and bias gradients of `LSTMLayer` accumulated timestep by timestep during backward.
///
/// `[X | H_prev]ᵀ dZ` over all timesteps at once reads `dZ` (megabytes) back from memory and
/// packs both operands from memory. Adding `[x_t | h_{t−1}]ᵀ dZ_t` right after the gate kernel
/// wrote `dZ_t` does the same work on operands still in cache (with AVX-512, `x_tᵀ` and
/// `h_{t−1}ᵀ` are read in place instead of being joined and packed: `GEMM.accumulate`). To stay
/// bit-identical for any thread count, the batch is split into fixed parts (the two sample
/// blocks of a two-thread run) whatever the number of threads; each part has its own partial
/// sums, accumulated in reverse time order, and the parts are added to the gradients in a fixed
/// order at the end.
extension LSTMLayer {
    /// The fixed parts of the batch that own separate partial sums.
    var gradientParts: SampleBlocks { SampleBlocks(batch: batch, threads: 2) }

    /// Clears the partial sums for a backward pass over `sequenceFeatures` input columns.
    func resetStepGradients(sequenceFeatures f: Int) {
        let parts = gradientParts.count, g = 4 * units
        weightGradientParts.reset(count: parts * (f + units) * g)
        biasGradientParts.reset(count: parts * g)
    }

    /// Adds timestep `t`'s contribution of the samples `samples` (all inside one part) to that
    /// part's partial sums. `dZ_t` must already be in the gate-gradient buffer (row `b` for sample `b`),
    /// and also in `packedGateGradients` when given (these rows packed as `GEMM.accumulate` packs `B`).
    func accumulateStepGradients(
        t: Int, samples: Range<Int>, sequenceFeatures f: Int, input: UnsafePointer<Float>?,
        packedGateGradients: UnsafePointer<Float>? = nil
    ) {
        let h = units, g = 4 * units, width = f + h
        let part = samples.lowerBound / gradientParts.step
        let rows = samples.count, first = t * batch + samples.lowerBound
        let dz = gateGradientBuffer.pointer + samples.lowerBound * g
        // [x_t | h_{t-1}] rows of these samples; at t = 0 the state part is zero and skipped.
        let columns = t > 0 ? width : f
        guard columns > 0 else { return accumulateBias(dz, rows: rows, part: part) }
        if useWideKernels {
            // x_tᵀ and h_{t-1}ᵀ read in place: the same products without joining and packing them.
            let partial = weightGradientParts.pointer + part * width * g
            let inputProduct = f > 0 ? input.map {
                GEMM.StridedProduct(m: f, a: $0 + first * f, rowStride: 1, depthStride: f, c: partial, ldc: g)
            } : nil
            let stateProduct = t > 0 ? GEMM.StridedProduct(
                m: h, a: hidden.pointer + (first - batch) * h, rowStride: 1, depthStride: h, c: partial + f * g, ldc: g) : nil
            GEMM.accumulate(inputProduct, stateProduct, n: g, k: rows, b: dz, ldb: g, packedB: packedGateGradients)
            return accumulateBias(dz, rows: rows, part: part)
        }
        let joined = ThreadScratch.buffer(ThreadScratch.general, count: rows * columns)
        for r in 0..<rows {
            let row = joined + r * columns
            if f > 0, let input { row.update(from: input + (first + r) * f, count: f) }
            if t > 0 { (row + f).update(from: hidden.pointer + (first - batch + r) * h, count: h) }
        }
        GEMM.serial(
            transposeA: true, transposeB: false, m: columns, n: g, k: rows, alpha: 1,
            a: joined, lda: columns, b: dz, ldb: g,
            beta: 1, c: weightGradientParts.pointer + part * width * g, ldc: g)
        accumulateBias(dz, rows: rows, part: part)
    }

    /// Adds the column sums of `rows` gate-gradient rows to a part's bias partial sum.
    private func accumulateBias(_ dz: UnsafePointer<Float>, rows: Int, part: Int) {
        let g = 4 * units
        let sums = biasGradientParts.pointer + part * g
        for r in 0..<rows {
            let src = dz + r * g
            var j = 0
            while j < g { sums[j] += src[j]; j &+= 1 }
        }
    }

    /// Adds every part's partial sums, in part order, to the parameter gradients.
    func finishStepGradients(sequenceFeatures f: Int) {
        let h = units, g = 4 * units, width = f + h
        for part in 0..<gradientParts.count {
            let weights = weightGradientParts.pointer + part * width * g
            inputWeight.gradient.withUnsafeMutableBufferPointer { gp in
                for i in 0..<(f * g) { gp[i] += weights[i] }
            }
            recurrentWeight.gradient.withUnsafeMutableBufferPointer { gp in
                for i in 0..<(h * g) { gp[i] += weights[f * g + i] }
            }
            let sums = biasGradientParts.pointer + part * g
            bias.gradient.withUnsafeMutableBufferPointer { bp in
                for j in 0..<g { bp[j] += sums[j] }
            }
        }
    }
}
