import NeuralNetAVX512

/// Backpropagation through time for `LSTMLayer`.
extension LSTMLayer {
    /// Accumulates parameter gradients for the last forward pass and returns the gradient with
    /// respect to its sequence input `(time * batch, f)` (`f = inputSize` without a static input).
    ///
    /// After a forward pass with a static input, its gradient is left in `staticInputGradient`.
    ///
    /// `outputGradient` has the shape of the forward output: `(time * batch, units)` when
    /// `returnSequences`, else `(batch, units)`. Pass `needsInputGradient: false` for the first
    /// layer when nothing upstream is trainable; an empty matrix is then returned.
    public func backward(_ outputGradient: Matrix, needsInputGradient: Bool = true, threads: Int = 1) -> Matrix {
        let h = units, g = 4 * units
        let expectedRows = returnSequences ? time * batch : batch
        precondition(outputGradient.rows == expectedRows && outputGradient.columns == h,
                     "LSTMLayer.backward gradient shape does not match the forward output")
        // dZ of one timestep (row b for sample b): everything that needs dZ uses it in the same
        // step, while it is in cache, so it is never stored for the whole sequence.
        let dz = gateGradientBuffer
        dz.reset(count: batch * g, zeroed: false)
        let dhNext = dhNextBuffer, dcNext = dcNextBuffer
        dhNext.reset(count: batch * h)
        dcNext.reset(count: batch * h)
        // W_hᵀ and W_xᵀ (sequence rows) are packed once for the per-step dh and dx products.
        let packedRecurrentT = time > 1 ? GEMMPackedB.packing(recurrentWeight.value, rows: h, columns: g, transposed: true) : nil
        let f = cachedInput.columns
        let packedInputT = needsInputGradient && f > 0 ? inputWeight.value.withUnsafeBufferPointer { wp in
            GEMMPackedB(transposed: true, k: g, n: f, b: wp.baseAddress!, ldb: g)
        } : nil
        // Every element is written by the per-step dx product (beta 0): no need to clear it first.
        let inputCount = needsInputGradient ? time * batch * f : 0
        var inputGradient = Matrix(
            rows: needsInputGradient ? time * batch : 0, columns: needsInputGradient ? f : 0,
            storage: [Float](unsafeUninitializedCapacity: inputCount) { _, initialized in initialized = inputCount })
        let hasStatic = (cachedStaticInput?.columns ?? 0) > 0
        staticGateSums.reset(count: hasStatic ? batch * g : 0)
        // As in forward, every block of samples runs back through time on its own thread.
        let blocks = SampleBlocks(batch: batch, threads: threads)
        let wide = useWideKernels
        resetStepGradients(sequenceFeatures: f)
        let parts = gradientParts
        // With AVX-512 the gate kernel also writes each part's dZ_t packed for the weight-gradient
        // product (one GEMM block: units a multiple of 16, a part within one depth block).
        let packedParts: UnsafeMutablePointer<Float>?
        if wide && h % 16 == 0 && parts.step <= GEMM.kcBlock && g <= GEMM.ncBlock {
            packedGateGradientParts.reset(count: parts.count * parts.step * g, zeroed: false)
            packedParts = packedGateGradientParts.pointer
        } else {
            packedParts = nil
        }
        outputGradient.storage.withUnsafeBufferPointer { dyp in
            cachedInput.storage.withUnsafeBufferPointer { xp in
                inputGradient.storage.withUnsafeMutableBufferPointer { dxp in
                    let dy = UncheckedSendable(dyp.baseAddress!), x = UncheckedSendable(xp.baseAddress)
                    let dx = UncheckedSendable(dxp.baseAddress)
                    ParallelFor.run(chunks: blocks.count, threads: threads) { block in
                        let samples = blocks.range(block)
                        let dzBlock = dz.pointer + samples.lowerBound * g
                        for t in stride(from: time - 1, through: 0, by: -1) {
                            let external: UnsafePointer<Float>?
                            if returnSequences {
                                external = dy.value + t * batch * h
                            } else {
                                external = t == time - 1 ? dy.value : nil
                            }
                            /// The AVX-512 gate kernel over the samples `range` of timestep t, writing dZ_t
                            /// (and, when given, its packed copy).
                            func wideGateGradients(_ range: Range<Int>, packed: UnsafeMutablePointer<Float>? = nil) {
                                let row = t * batch + range.lowerBound
                                WideRecurrentCell.backward(
                                    rows: range.count, units: h, gates: gates.pointer + row * g,
                                    cell: cells.pointer + row * h,
                                    previousCell: t > 0 ? UnsafePointer(cells.pointer + (row - batch) * h) : nil,
                                    external: external.map { $0 + range.lowerBound * h },
                                    dhNext: dhNext.pointer + range.lowerBound * h,
                                    dcNext: dcNext.pointer + range.lowerBound * h,
                                    gateGradients: dz.pointer + range.lowerBound * g, packed: packed)
                            }
                            if let packedParts {
                                // Gate kernel and weight gradients part by part, dZ_t also written packed.
                                for part in 0..<parts.count {
                                    let range = parts.range(part).clamped(to: samples)
                                    if range.isEmpty { continue }
                                    let packed = packedParts + part * parts.step * g
                                    wideGateGradients(range, packed: packed)
                                    accumulateStepGradients(
                                        t: t, samples: range, sequenceFeatures: f, input: x.value.map { UnsafePointer($0) },
                                        packedGateGradients: UnsafePointer(packed))
                                }
                            } else if wide {
                                wideGateGradients(samples)
                            } else {
                                for b in samples {
                                    gateGradients(
                                        row: t * batch + b, hasPrevious: t > 0,
                                        external: external.map { $0 + b * h },
                                        dhNext: dhNext.pointer + b * h, dcNext: dcNext.pointer + b * h,
                                        dz: dz.pointer + b * g)
                                }
                            }
                            // dW and db: each fixed part of the batch inside this block adds its share.
                            for part in 0..<parts.count where packedParts == nil {
                                let range = parts.range(part).clamped(to: samples)
                                if !range.isEmpty {
                                    accumulateStepGradients(
                                        t: t, samples: range, sequenceFeatures: f, input: x.value.map { UnsafePointer($0) })
                                }
                            }
                            if hasStatic {
                                // Per-sample sums of dZ over time for the static input's gradients.
                                for b in samples {
                                    let sum = staticGateSums.pointer + b * g, src = dz.pointer + b * g
                                    var j = 0
                                    while j < g { sum[j] += src[j]; j &+= 1 }
                                }
                            }
                            if let packedInputT, let dxBase = dx.value {
                                // dx_t = dZ_t W_xᵀ for this block's samples.
                                GEMM.serial(
                                    transposeA: false, transposeB: false, m: samples.count, n: f, k: g, alpha: 1,
                                    a: dzBlock, lda: g, b: nil, ldb: 0, packedB: (packedInputT, 0), beta: 0,
                                    c: dxBase + (t * batch + samples.lowerBound) * f, ldc: f)
                            }
                            if t > 0, let packedRecurrentT {
                                // dh_{t-1} = dZ_t W_hᵀ for this block's samples.
                                GEMM.serial(
                                    transposeA: false, transposeB: false, m: samples.count, n: h, k: g, alpha: 1,
                                    a: dzBlock, lda: g, b: nil, ldb: 0,
                                    packedB: (packedRecurrentT, 0), beta: 0,
                                    c: dhNext.pointer + samples.lowerBound * h, ldc: h)
                            }
                        }
                    }
                }
            }
        }
        finishStepGradients(sequenceFeatures: f)
        if let staticInput = cachedStaticInput {
            staticInputGradient = staticBackward(staticInput, sequenceFeatures: f, threads: threads)
        } else {
            staticInputGradient = Matrix(rows: 0, columns: 0)
        }
        return inputGradient
    }

    /// Accumulates the static rows of the input-weight gradient and returns the gradient with
    /// respect to the static input, from the per-sample sums of the gate gradients over time.
    private func staticBackward(_ staticInput: Matrix, sequenceFeatures f: Int, threads: Int) -> Matrix {
        let g = 4 * units, s = staticInput.columns
        guard s > 0 else { return Matrix(rows: batch, columns: 0) }
        // dZsum[b] = Σ_t dZ[t, b], summed in reverse time order during the backward loop.
        let sums = Matrix(rows: batch, columns: g, storage: staticGateSums.array(count: batch * g))
        // dW_s += Sᵀ dZsum ; dS = dZsum W_sᵀ
        staticInput.storage.withUnsafeBufferPointer { xp in
            sums.storage.withUnsafeBufferPointer { dp in
                inputWeight.gradient.withUnsafeMutableBufferPointer { gp in
                    GEMM.multiply(
                        transposeA: true, transposeB: false, m: s, n: g, k: batch, alpha: 1,
                        a: xp.baseAddress!, lda: s, b: dp.baseAddress!, ldb: g,
                        beta: 1, c: gp.baseAddress! + f * g, ldc: g, threads: threads)
                }
            }
        }
        var staticGradient = Matrix(rows: batch, columns: s)
        sums.storage.withUnsafeBufferPointer { dp in
            inputWeight.value.withUnsafeBufferPointer { wp in
                staticGradient.storage.withUnsafeMutableBufferPointer { op in
                    GEMM.multiply(
                        transposeA: false, transposeB: true, m: batch, n: s, k: g, alpha: 1,
                        a: dp.baseAddress!, lda: g, b: wp.baseAddress! + f * g, ldb: g,
                        beta: 0, c: op.baseAddress!, ldc: s, threads: threads)
                }
            }
        }
        return staticGradient
    }

    /// Computes the gate pre-activation gradients of one sample at one timestep.
    ///
    /// On entry `dhNext`/`dcNext` hold the gradients flowing back from timestep `t + 1`; on exit
    /// `dcNext` holds the cell gradient for timestep `t - 1` (`dhNext` is overwritten later by
    /// the recurrent GEMM).
    @inline(__always)
    private func gateGradients(
        row: Int, hasPrevious: Bool, external: UnsafePointer<Float>?,
        dhNext: UnsafeMutablePointer<Float>, dcNext: UnsafeMutablePointer<Float>,
        dz: UnsafeMutablePointer<Float>
    ) {
        let h = units, g = 4 * units
        let z = gates.pointer + row * g
        let cell = cells.pointer + row * h
        let cPrev = cells.pointer + (row - batch) * h
        var j = 0
        while j < h {
            let n = min(8, h - j)
            var dh = VectorMath.load(dhNext + j, count: n)
            if let external { dh += VectorMath.load(external + j, count: n) }
            let i = VectorMath.load(z + j, count: n)
            let f = VectorMath.load(z + h + j, count: n)
            let gg = VectorMath.load(z + 2 * h + j, count: n)
            let o = VectorMath.load(z + 3 * h + j, count: n)
            let t = VectorMath.tanh(VectorMath.load(cell + j, count: n))
            let dOut = dh * t
            let dc = dh * o * (1 - t * t) + VectorMath.load(dcNext + j, count: n)
            let prev = hasPrevious ? VectorMath.load(cPrev + j, count: n) : SIMD8<Float>()
            VectorMath.store(dc * gg * i * (1 - i), to: dz + j, count: n)
            VectorMath.store(dc * prev * f * (1 - f), to: dz + h + j, count: n)
            VectorMath.store(dc * i * (1 - gg * gg), to: dz + 2 * h + j, count: n)
            VectorMath.store(dOut * o * (1 - o), to: dz + 3 * h + j, count: n)
            VectorMath.store(dc * f, to: dcNext + j, count: n)
            j &+= 8
        }
    }
}
