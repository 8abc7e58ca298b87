import NeuralNetAVX512

/// A long short-term memory layer over time-major sequences, with full backpropagation through time.
///
/// Sequences are passed as matrices of `time * batch` rows where row `t * batch + b` holds
/// sample `b` at timestep `t`. The input projection `X W_x + b` for all timesteps is one GEMM;
/// only the recurrent product `h_{t-1} W_h` runs per step. Gate order inside each `4 * units`
/// row is input, forget, cell candidate, output. The forget-gate bias starts at 1.
public final class LSTMLayer: ParameterOwner {
    /// Number of input features per timestep.
    public let inputSize: Int
    /// Hidden state size.
    public let units: Int
    /// When `true` the layer returns all hidden states `(time * batch, units)`; otherwise only the
    /// last one `(batch, units)`.
    public let returnSequences: Bool
    /// Input weights `(inputSize, 4 * units)`.
    public let inputWeight: Parameter
    /// Recurrent weights `(units, 4 * units)`.
    public let recurrentWeight: Parameter
    /// Gate biases `(4 * units)`.
    public let bias: Parameter

    /// Whether the element-wise gate math runs on the AVX-512 path (bit-identical to the portable one).
    var useWideKernels = CPUFeatures.avx512
    var batch = 0
    var time = 0
    var cachedInput = Matrix(rows: 0, columns: 0)
    /// The static input of the last forward pass, if any.
    var cachedStaticInput: Matrix?
    /// Per-sample row initialisers of the input projection (bias, plus the static part).
    let staticRowBuffer = FloatBuffer(count: 0)
    /// Gradient with respect to the static input of the last forward pass `(batch, static features)`,
    /// set by `backward` (empty when there was no static input).
    public internal(set) var staticInputGradient = Matrix(rows: 0, columns: 0)
    /// Activated gates per timestep, `(time * batch, 4 * units)`: `[i | f | g | o]` on the portable
    /// path, grouped by blocks of 16 units on the AVX-512 path (`WideRecurrentCell.forward`).
    let gates = FloatBuffer(count: 0)
    /// Gate pre-activations of the current timestep during forward `(batch, 4 * units)`.
    let stepGates = FloatBuffer(count: 0)
    /// Cell states `(time * batch, units)`.
    let cells = FloatBuffer(count: 0)
    /// Hidden states `(time * batch, units)`.
    let hidden = FloatBuffer(count: 0)
    /// Per-sample sums over time of the gate gradients, for the static input's gradients.
    let staticGateSums = FloatBuffer(count: 0)
    /// Gate pre-activation gradients of one timestep during backward `(batch, 4 * units)`.
    let gateGradientBuffer = FloatBuffer(count: 0)
    /// Gate pre-activation gradients of one timestep packed for the weight-gradient product, one
    /// block per fixed half of the batch (AVX-512 path).
    let packedGateGradientParts = FloatBuffer(count: 0)
    /// Partial sums of the stacked weight gradient `[dW_x (sequence rows) ; dW_h]`, one
    /// `(f + units, 4 * units)` matrix per fixed half of the batch (see `LSTMLayer+StepGradients`).
    let weightGradientParts = FloatBuffer(count: 0)
    /// Partial sums of the bias gradient, one `4 * units` row per fixed half of the batch.
    let biasGradientParts = FloatBuffer(count: 0)
    /// Scratch for the hidden-state gradient flowing back from the next timestep.
    let dhNextBuffer = FloatBuffer(count: 0)
    /// Scratch for the cell-state gradient flowing back from the next timestep.
    let dcNextBuffer = FloatBuffer(count: 0)
    /// Weights regrouped for single-sample inference (built on first use, rebuilt when stale).
    var inferencePack: LSTMInferencePack?

    /// Creates a layer with Glorot-uniform input and recurrent weights.
    public init(inputSize: Int, units: Int, returnSequences: Bool, name: String, rng: inout SplitMix64) {
        self.inputSize = inputSize
        self.units = units
        self.returnSequences = returnSequences
        let g = 4 * units
        inputWeight = Parameter(
            name: "\(name).input_weight", shape: [inputSize, g],
            value: Initializer.glorotUniform(count: inputSize * g, fanIn: inputSize, fanOut: g, rng: &rng))
        recurrentWeight = Parameter(
            name: "\(name).recurrent_weight", shape: [units, g],
            value: Initializer.glorotUniform(count: units * g, fanIn: units, fanOut: g, rng: &rng))
        var b = [Float](repeating: 0, count: g)
        for j in units..<(2 * units) { b[j] = 1 }
        bias = Parameter(name: "\(name).bias", shape: [g], value: b)
    }

    /// Input weights, recurrent weights and bias, in that order.
    public var parameters: [Parameter] { [inputWeight, recurrentWeight, bias] }

    /// Runs the layer over a time-major sequence `(time * batch, inputSize)`.
    public func forward(_ input: Matrix, batch: Int, time: Int, threads: Int = 1) -> Matrix {
        forward(input, staticInput: nil, batch: batch, time: time, threads: threads)
    }

    /// Runs the layer over a time-major sequence whose last input features are the same at every
    /// timestep.
    ///
    /// `input` is `(time * batch, f)` and `staticInput` `(batch, inputSize − f)`: the result equals
    /// running `forward` on each row of `input` followed by its sample's static row, but the static
    /// part of the input projection is computed once per sample instead of once per timestep.
    public func forward(_ input: Matrix, staticInput: Matrix?, batch: Int, time: Int, threads: Int = 1) -> Matrix {
        let f = input.columns
        precondition(f + (staticInput?.columns ?? 0) == inputSize,
                     "LSTMLayer expects \(inputSize) features, got \(f) + \(staticInput?.columns ?? 0)")
        precondition(staticInput.map { $0.rows == batch } ?? true, "LSTMLayer static input must have one row per sample")
        precondition(input.rows == batch * time && time > 0, "LSTMLayer input rows must equal time * batch")
        self.batch = batch
        self.time = time
        cachedInput = input
        cachedStaticInput = staticInput
        let h = units, g = 4 * units
        // Every element of these caches is written below before it is read.
        gates.reset(count: time * batch * g, zeroed: false)
        cells.reset(count: time * batch * h, zeroed: false)
        hidden.reset(count: time * batch * h, zeroed: false)

        // Row initialisers: the bias, plus S W_s per sample when part of the input is static.
        let rowStart = staticRowBuffer
        rowStart.reset(count: (staticInput == nil ? 1 : batch) * g, zeroed: false)
        bias.value.withUnsafeBufferPointer { bp in
            for r in 0..<(staticInput == nil ? 1 : batch) { (rowStart.pointer + r * g).update(from: bp.baseAddress!, count: g) }
        }
        if let staticInput, staticInput.columns > 0 {
            staticInput.storage.withUnsafeBufferPointer { sp in
                inputWeight.value.withUnsafeBufferPointer { wp in
                    GEMM.multiply(
                        transposeA: false, transposeB: false, m: batch, n: g, k: staticInput.columns, alpha: 1,
                        a: sp.baseAddress!, lda: staticInput.columns, b: wp.baseAddress! + f * g, ldb: g,
                        beta: 1, c: rowStart.pointer, ldc: g, threads: threads)
                }
            }
        }
        // The input projection X W_x + row initialiser runs per timestep, just before the
        // recurrent product adds to the same rows: computed all at once, Z (megabytes) would be
        // read back from memory by every step's product. Each element is computed the same way.
        // Pre-activations are built in a one-timestep buffer that stays in cache; only the gate
        // math writes the (megabytes of) activated gates kept for backward, so the first touch of
        // those lines overlaps its arithmetic instead of stalling a copy.
        stepGates.reset(count: batch * g, zeroed: false)
        let z = gates.pointer
        let perSample = staticInput != nil
        let packedInput = f > 0 ? inputWeight.value.withUnsafeBufferPointer { wp in
            GEMMPackedB(transposed: false, k: f, n: g, b: wp.baseAddress!, ldb: g)
        } : nil
        // W_h is packed once and reused by every step's h_{t-1} W_h product.
        let packedRecurrent = time > 1 ? GEMMPackedB.packing(recurrentWeight.value, rows: h, columns: g, transposed: false) : nil
        // Samples are independent through time, so each block of samples runs the whole
        // recurrence on its own thread with no synchronisation between timesteps.
        let blocks = SampleBlocks(batch: batch, threads: threads)
        let wide = useWideKernels
        // The output is copied block by block while it is still in cache (every element is written).
        let outputRows = returnSequences ? time * batch : batch
        var output = [Float](unsafeUninitializedCapacity: outputRows * h) { _, initialized in
            initialized = outputRows * h
        }
        output.withUnsafeMutableBufferPointer { outputBuffer in
            input.storage.withUnsafeBufferPointer { xp in
                let out = UncheckedSendable(outputBuffer.baseAddress!), x = UncheckedSendable(xp.baseAddress)
                ParallelFor.run(chunks: blocks.count, threads: threads) { block in
                    let samples = blocks.range(block)
                    for t in 0..<time {
                        let first = t * batch + samples.lowerBound
                        // This block's rows of the timestep's pre-activations (row b for sample b).
                        let zt = stepGates.pointer + samples.lowerBound * g
                        let initialisers = (pointer: UnsafePointer(rowStart.pointer + (perSample ? samples.lowerBound * g : 0)),
                                            stride: perSample ? g : 0)
                        if let packedInput, let xBase = x.value {
                            // x_t W_x added to the row initialisers (read in place, not copied first).
                            GEMM.serial(
                                transposeA: false, transposeB: false, m: samples.count, n: g, k: f, alpha: 1,
                                a: xBase + first * f, lda: f, b: nil, ldb: 0, packedB: (packedInput, 0),
                                beta: 1, c: zt, ldc: g, rowsAddend: initialisers)
                        } else {
                            for r in 0..<samples.count {
                                (zt + r * g).update(from: initialisers.pointer + r * initialisers.stride, count: g)
                            }
                        }
                        if t > 0, let packedRecurrent {
                            GEMM.serial(
                                transposeA: false, transposeB: false, m: samples.count, n: g, k: h, alpha: 1,
                                a: hidden.pointer + (first - batch) * h, lda: h, b: nil, ldb: 0,
                                packedB: (packedRecurrent, 0), beta: 1, c: zt, ldc: g)
                        }
                        if wide {
                            WideRecurrentCell.forward(
                                rows: samples.count, units: h, gates: UnsafePointer(zt), activated: z + first * g,
                                previousCell: t > 0 ? UnsafePointer(cells.pointer + (first - batch) * h) : nil,
                                cell: cells.pointer + first * h,
                                hidden: hidden.pointer + first * h)
                        } else {
                            for row in first..<(first + samples.count) {
                                cellStep(
                                    gates: zt + (row - first) * g, activated: z + row * g,
                                    previousCell: t > 0 ? UnsafePointer(cells.pointer + (row - batch) * h) : nil,
                                    cell: cells.pointer + row * h,
                                    hidden: hidden.pointer + row * h)
                            }
                        }
                        if returnSequences || t == time - 1 {
                            let destination = out.value + (returnSequences ? first : samples.lowerBound) * h
                            destination.update(from: hidden.pointer + first * h, count: samples.count * h)
                        }
                    }
                }
            }
        }
        return Matrix(rows: outputRows, columns: h, storage: output)
    }

    /// Activates one sample's gate pre-activations into `activated` and updates its cell and hidden state.
    @inline(__always)
    private func cellStep(
        gates z: UnsafeMutablePointer<Float>, activated a: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>?,
        cell: UnsafeMutablePointer<Float>, hidden hOut: UnsafeMutablePointer<Float>
    ) {
        let h = units
        var j = 0
        while j < h {
            let n = min(8, h - j)
            // Activate the four gates of these lanes and keep the activations for backward.
            let iv = VectorMath.sigmoid(VectorMath.load(z + j, count: n))
            let fv = VectorMath.sigmoid(VectorMath.load(z + h + j, count: n))
            let gv = VectorMath.tanh(VectorMath.load(z + 2 * h + j, count: n))
            let ov = VectorMath.sigmoid(VectorMath.load(z + 3 * h + j, count: n))
            VectorMath.store(iv, to: a + j, count: n)
            VectorMath.store(fv, to: a + h + j, count: n)
            VectorMath.store(gv, to: a + 2 * h + j, count: n)
            VectorMath.store(ov, to: a + 3 * h + j, count: n)
            var c = iv * gv
            if let previousCell {
                c = c.addingProduct(fv, VectorMath.load(previousCell + j, count: n))
            }
            let t = VectorMath.tanh(c)
            VectorMath.store(c, to: cell + j, count: n)
            VectorMath.store(ov * t, to: hOut + j, count: n)
            j &+= 8
        }
    }
}
