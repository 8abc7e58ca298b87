/// A stacked-LSTM regression model with optional static embeddings and a dense head.
///
/// See `ModelArchitecture` for the data flow. All randomness (initialisation and dropout)
/// comes from `SplitMix64` generators derived from the construction seed, and the GEMM kernels
/// are thread-count invariant, so the same seed and data give bit-identical weights for any
/// `threads` value.
public final class SequenceModel: ParameterOwner {
    /// The architecture this model was built from.
    public let architecture: ModelArchitecture
    /// Maximum threads used by matrix products.
    public var threads: Int
    /// Optimiser used by `fit`.
    public let optimizer: AdamOptimizer
    /// When set, gradients are clipped to this global norm before each update.
    public var gradientClipNorm: Float?

    let embeddings: [EmbeddingLayer]
    let recurrent: [LSTMLayer]
    let dropouts: [DropoutLayer]
    let head: [DenseLayer]
    let output: DenseLayer
    let quantileOutput: QuantileOutput?
    /// Generator for dropout masks.
    var dropoutRNG: SplitMix64

    /// Builds a model with freshly initialised weights.
    public init(architecture: ModelArchitecture, seed: UInt64, optimizer: AdamOptimizer = AdamOptimizer(),
                threads: Int = 1, gradientClipNorm: Float? = nil) {
        if let problem = architecture.validationError() { preconditionFailure("invalid architecture: \(problem)") }
        self.architecture = architecture
        self.threads = threads
        self.optimizer = optimizer
        self.gradientClipNorm = gradientClipNorm
        var rng = SplitMix64(seed: seed)
        var initRNG = rng.split()
        dropoutRNG = rng.split()
        embeddings = architecture.embeddings.enumerated().map { index, spec in
            EmbeddingLayer(cardinality: spec.cardinality, dimension: spec.dimension, combiner: spec.combiner,
                           name: "embedding\(index)", rng: &initRNG)
        }
        var width = architecture.recurrentInputSize
        var lstms: [LSTMLayer] = []
        for (index, spec) in architecture.recurrentLayers.enumerated() {
            let last = index == architecture.recurrentLayers.count - 1
            lstms.append(LSTMLayer(inputSize: width, units: spec.units, returnSequences: !last || architecture.stepwiseHead,
                                   name: "lstm\(index)", rng: &initRNG))
            width = spec.units
        }
        recurrent = lstms
        dropouts = architecture.recurrentLayers.map { DropoutLayer(rate: $0.dropout) }
        // A stepwise head also reads the state at the last timestep before the output steps.
        if architecture.stepwiseHead { width *= 2 }
        var dense: [DenseLayer] = []
        for (index, spec) in architecture.denseLayers.enumerated() {
            dense.append(DenseLayer(inputSize: width, outputSize: spec.units, activation: spec.activation,
                                    name: "dense\(index)", rng: &initRNG))
            width = spec.units
        }
        head = dense
        output = DenseLayer(inputSize: width, outputSize: architecture.outputLayerWidth, activation: .linear,
                            name: "output", rng: &initRNG)
        if case .pinball(let quantiles) = architecture.loss {
            quantileOutput = QuantileOutput(quantileCount: quantiles.count)
        } else {
            quantileOutput = nil
        }
    }

    /// Every trainable parameter in a fixed order (embeddings, LSTMs, head, output).
    public var parameters: [Parameter] {
        embeddings.flatMap(\.parameters) + recurrent.flatMap(\.parameters) + head.flatMap(\.parameters) + output.parameters
    }

    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Checks the inputs' shape against the architecture and embeds the categorical ones (nil without
    /// embeddings): the static input of the first LSTM, shared by training and both inference paths.
    func staticInputs(checking inputs: SequenceBatch) -> Matrix? {
        precondition(inputs.numeric.shape[2] == architecture.numericFeatures,
                     "expected \(architecture.numericFeatures) numeric features, got \(inputs.numeric.shape[2])")
        precondition(inputs.categorical.count == embeddings.count,
                     "expected \(embeddings.count) categorical inputs, got \(inputs.categorical.count)")
        guard !embeddings.isEmpty else { return nil }
        return MatrixOps.concatenateColumns(zip(embeddings, inputs.categorical).map { $0.forward($1) })
    }

    /// Runs the network; `dropoutActive` enables training-style (or Monte-Carlo) dropout.
    func forward(_ inputs: SequenceBatch, dropoutActive: Bool) -> Matrix {
        let batch = inputs.batchSize, time = inputs.timeSteps
        var x = SequenceOps.timeMajor(inputs.numeric)
        // The embeddings are the same at every timestep: the first LSTM takes them as a static input.
        let statics = staticInputs(checking: inputs)
        for (index, (lstm, dropout)) in zip(recurrent, dropouts).enumerated() {
            x = lstm.forward(x, staticInput: index == 0 ? statics : nil, batch: batch, time: time, threads: threads)
            // In place: the output of every layer is only ever held by `x` here.
            dropout.apply(to: &x, active: dropoutActive, rng: &dropoutRNG, threads: threads)
        }
        if architecture.stepwiseHead { x = horizonRows(of: x, batch: batch, time: time) }
        return applyHead(x, batch: batch, threads: threads)
    }

    /// Runs the dense head and the output layer on the LSTMs' final states `(batch, units)`, or
    /// with `stepwiseHead` on the rows of `SequenceOps.horizonInput` (one per output step and
    /// sample, step-major); returns `(batch, outputWidth)`.
    func applyHead(_ states: Matrix, batch: Int, threads: Int) -> Matrix {
        var y = states
        for layer in head { y = layer.forward(y, threads: threads) }
        y = output.forward(y, threads: threads)
        if architecture.stepwiseHead { y = SequenceOps.sampleMajor(y, batch: batch, steps: architecture.outputSteps) }
        if let quantileOutput { y = quantileOutput.forward(y) }
        return y
    }

    /// The stepwise head's input rows from a time-major sequence `(time * batch, units)`.
    func horizonRows(of sequence: Matrix, batch: Int, time: Int) -> Matrix {
        sequence.storage.withUnsafeBufferPointer { states in
            SequenceOps.horizonInput(states.baseAddress!, stride: sequence.columns, units: sequence.columns,
                                     batch: batch, time: time, steps: architecture.outputSteps)
        }
    }

    /// Back-propagates `gradient` (w.r.t. the last forward output) into every parameter gradient.
    func backward(_ gradient: Matrix, batch: Int, time: Int) {
        var g = gradient
        if let quantileOutput { g = quantileOutput.backward(g) }
        if architecture.stepwiseHead { g = SequenceOps.stepMajor(g, batch: batch, steps: architecture.outputSteps) }
        g = output.backward(g, threads: threads)
        for layer in head.reversed() { g = layer.backward(g, threads: threads) }
        if architecture.stepwiseHead {
            g = SequenceOps.horizonGradient(g, batch: batch, time: time, steps: architecture.outputSteps)
        }
        for index in stride(from: recurrent.count - 1, through: 0, by: -1) {
            dropouts[index].backward(&g)
            g = recurrent[index].backward(g, needsInputGradient: index > 0, threads: threads)
        }
        guard !embeddings.isEmpty else { return }
        let staticGradient = recurrent[0].staticInputGradient
        var offset = 0
        for layer in embeddings {
            layer.backward(MatrixOps.columns(offset..<(offset + layer.dimension), of: staticGradient))
            offset += layer.dimension
        }
    }

    /// Predicts `(batch, outputWidth)`; with `monteCarloDropout` dropout stays active so repeated
    /// calls sample from the model's predictive distribution.
    ///
    /// Without dropout, batches of up to `sampleBySampleLimit` samples run sample by sample through
    /// the LSTMs' single-sample path and larger ones through the cache-free batched path (in chunks
    /// of `inferenceChunk`); both give exactly the values of the training forward pass.
    public func predict(_ inputs: SequenceBatch, monteCarloDropout: Bool = false) -> Matrix {
        if !monteCarloDropout && inputs.batchSize >= 1 && inputs.batchSize <= Self.sampleBySampleLimit {
            return forwardSampleBySample(inputs)
        }
        if monteCarloDropout { return forward(inputs, dropoutActive: true) }
        if inputs.batchSize <= Self.inferenceChunk { return forwardInference(inputs) }
        return forwardInChunks(inputs)
    }

    /// Returns the loss on a batch without changing any weights (dropout off).
    public func evaluate(_ inputs: SequenceBatch, targets: Matrix) -> Float {
        architecture.loss.evaluate(prediction: predict(inputs), target: targets).loss
    }

    /// Zeroes all gradients, runs a forward and backward pass and returns the loss.
    ///
    /// Dropout is active when `training` is `true`. Used by `fit`; exposed for gradient checks.
    public func computeGradients(_ inputs: SequenceBatch, targets: Matrix, training: Bool = true) -> Float {
        let parameters = self.parameters
        for p in parameters { p.zeroGradient() }
        let prediction = forward(inputs, dropoutActive: training)
        let (loss, gradient) = architecture.loss.evaluate(prediction: prediction, target: targets)
        backward(gradient, batch: inputs.batchSize, time: inputs.timeSteps)
        return loss
    }

    /// Performs one training step on a batch and returns its loss (before the update).
    @discardableResult
    public func fit(_ inputs: SequenceBatch, targets: Matrix) -> Float {
        let loss = computeGradients(inputs, targets: targets, training: true)
        let parameters = self.parameters
        if let gradientClipNorm { GradientClipping.clipByGlobalNorm(parameters, maxNorm: gradientClipNorm) }
        optimizer.step(parameters, threads: threads)
        return loss
    }

    /// Trains one epoch over `data` in shuffled mini-batches and returns the mean batch loss.
    ///
    /// The sample order is drawn from `shuffleRNG`; the last batch may be smaller.
    @discardableResult
    public func fitEpoch(_ data: SequenceDataset, batchSize: Int, shuffleRNG: inout SplitMix64) -> Float {
        precondition(batchSize > 0, "batchSize must be positive")
        var order = Array(0..<data.count)
        shuffleRNG.shuffle(&order)
        var total = 0.0
        var batches = 0
        var start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            let (inputs, targets) = data.batch(Array(order[start..<end]))
            total += Double(fit(inputs, targets: targets))
            batches += 1
            start = end
        }
        return batches == 0 ? 0 : Float(total / Double(batches))
    }

    /// Returns the mean loss over `data` in batches of `batchSize` (no dropout, no updates).
    public func evaluate(_ data: SequenceDataset, batchSize: Int) -> Float {
        var total = 0.0
        var start = 0
        while start < data.count {
            let end = min(start + batchSize, data.count)
            let (inputs, targets) = data.batch(Array(start..<end))
            total += Double(evaluate(inputs, targets: targets)) * Double(end - start)
            start = end
        }
        return data.count == 0 ? 0 : Float(total / Double(data.count))
    }

    /// Copies all parameter values (e.g. to keep the best weights during early stopping).
    public func snapshot() -> [[Float]] {
        parameters.map(\.value)
    }

    /// Restores parameter values taken by `snapshot()` from this model.
    public func restore(_ snapshot: [[Float]]) {
        let parameters = self.parameters
        precondition(snapshot.count == parameters.count && zip(snapshot, parameters).allSatisfy { $0.count == $1.count },
                     "snapshot does not match this model")
        for (values, p) in zip(snapshot, parameters) { p.value = values }
    }
}
