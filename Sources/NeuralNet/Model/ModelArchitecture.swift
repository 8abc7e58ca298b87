/// One recurrent layer of a `SequenceModel`: an LSTM followed by dropout on its outputs.
public struct RecurrentLayerSpec: Codable, Sendable, Equatable {
    /// Hidden state size.
    public var units: Int
    /// Dropout rate applied to the layer's outputs during training (0 disables it).
    public var dropout: Float

    /// Creates a spec.
    public init(units: Int, dropout: Float = 0) {
        self.units = units
        self.dropout = dropout
    }
}

/// One hidden dense layer of a `SequenceModel`'s head.
public struct DenseLayerSpec: Codable, Sendable, Equatable {
    /// Output size.
    public var units: Int
    /// Activation after the affine map.
    public var activation: Activation

    /// Creates a spec.
    public init(units: Int, activation: Activation = .relu) {
        self.units = units
        self.activation = activation
    }
}

/// One categorical input of a `SequenceModel`, embedded and repeated at every timestep.
public struct EmbeddingSpec: Codable, Sendable, Equatable {
    /// Number of known categories (indices `1 ... cardinality`; 0 is unknown).
    public var cardinality: Int
    /// Embedding vector length.
    public var dimension: Int
    /// How multi-label samples combine their rows.
    public var combiner: EmbeddingCombiner

    /// Creates a spec.
    public init(cardinality: Int, dimension: Int, combiner: EmbeddingCombiner = .mean) {
        self.cardinality = cardinality
        self.dimension = dimension
        self.combiner = combiner
    }
}

/// The full, serialisable description of a `SequenceModel`.
///
/// Data flow: numeric inputs `(batch, time, numericFeatures)` with the concatenated static
/// embeddings appended at every timestep → LSTM stack (every layer but the last returns
/// sequences; the last returns its final state) → hidden dense layers → a linear output layer
/// of `outputWidth` units (→ cumulative-softplus quantiles for the pinball loss). With
/// `stepwiseHead` the last LSTM layer returns sequences too, and one head, shared by the steps,
/// maps its state at each of the last `outputSteps` timesteps, beside its state at the timestep
/// before them, to that step's outputs.
public struct ModelArchitecture: Codable, Sendable, Equatable {
    /// Numeric features per timestep.
    public var numericFeatures: Int
    /// Static categorical inputs.
    public var embeddings: [EmbeddingSpec]
    /// LSTM stack, input side first (at least one layer).
    public var recurrentLayers: [RecurrentLayerSpec]
    /// Hidden dense layers of the head.
    public var denseLayers: [DenseLayerSpec]
    /// Number of predicted steps.
    public var outputSteps: Int
    /// Training objective (also decides the output width).
    public var loss: LossFunction
    /// Whether each output step is read from the last LSTM layer's state at its own timestep (the
    /// last `outputSteps` timesteps of the input) and at the timestep before the output steps, rather
    /// than all steps from the final state.
    public var stepwiseHead: Bool

    /// Creates an architecture description.
    public init(numericFeatures: Int, embeddings: [EmbeddingSpec] = [], recurrentLayers: [RecurrentLayerSpec],
                denseLayers: [DenseLayerSpec] = [], outputSteps: Int, loss: LossFunction = .meanSquared,
                stepwiseHead: Bool = false) {
        self.numericFeatures = numericFeatures
        self.embeddings = embeddings
        self.recurrentLayers = recurrentLayers
        self.denseLayers = denseLayers
        self.outputSteps = outputSteps
        self.loss = loss
        self.stepwiseHead = stepwiseHead
    }

    private enum CodingKeys: String, CodingKey {
        case numericFeatures, embeddings, recurrentLayers, denseLayers, outputSteps, loss, stepwiseHead
    }

    /// Decodes a description; checkpoints written before `stepwiseHead` existed read it as `false`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        numericFeatures = try container.decode(Int.self, forKey: .numericFeatures)
        embeddings = try container.decode([EmbeddingSpec].self, forKey: .embeddings)
        recurrentLayers = try container.decode([RecurrentLayerSpec].self, forKey: .recurrentLayers)
        denseLayers = try container.decode([DenseLayerSpec].self, forKey: .denseLayers)
        outputSteps = try container.decode(Int.self, forKey: .outputSteps)
        loss = try container.decode(LossFunction.self, forKey: .loss)
        stepwiseHead = try container.decodeIfPresent(Bool.self, forKey: .stepwiseHead) ?? false
    }

    /// Encodes the description; `stepwiseHead` only when set, so final-state checkpoints keep
    /// their bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(numericFeatures, forKey: .numericFeatures)
        try container.encode(embeddings, forKey: .embeddings)
        try container.encode(recurrentLayers, forKey: .recurrentLayers)
        try container.encode(denseLayers, forKey: .denseLayers)
        try container.encode(outputSteps, forKey: .outputSteps)
        try container.encode(loss, forKey: .loss)
        if stepwiseHead { try container.encode(stepwiseHead, forKey: .stepwiseHead) }
    }

    /// Width of the model output: `outputSteps` times the number of quantiles (or 1).
    public var outputWidth: Int { outputSteps * loss.outputsPerStep }

    /// Width of the output layer: one step's outputs with `stepwiseHead`, else `outputWidth`.
    var outputLayerWidth: Int { stepwiseHead ? loss.outputsPerStep : outputWidth }

    /// Features entering the first LSTM layer per timestep.
    public var recurrentInputSize: Int { numericFeatures + embeddings.reduce(0) { $0 + $1.dimension } }

    /// Checks the description for impossible values; returns a reason or `nil` when valid.
    public func validationError() -> String? {
        if numericFeatures < 0 { return "numericFeatures must be non-negative" }
        if recurrentInputSize == 0 { return "the model needs at least one input feature" }
        if recurrentLayers.isEmpty { return "at least one recurrent layer is required" }
        if recurrentLayers.contains(where: { $0.units <= 0 || !($0.dropout >= 0 && $0.dropout < 1) }) {
            return "recurrent layers need positive units and dropout in [0, 1)"
        }
        if denseLayers.contains(where: { $0.units <= 0 }) { return "dense layers need positive units" }
        if embeddings.contains(where: { $0.cardinality < 0 || $0.dimension <= 0 }) { return "invalid embedding spec" }
        if outputSteps <= 0 { return "outputSteps must be positive" }
        if case .pinball(let quantiles) = loss {
            if quantiles.isEmpty { return "pinball loss needs quantiles" }
            if quantiles.contains(where: { !($0 > 0 && $0 < 1) }) { return "quantiles must lie in (0, 1)" }
            if zip(quantiles, quantiles.dropFirst()).contains(where: { $0 >= $1 }) {
                return "quantiles must be strictly increasing"
            }
        }
        return nil
    }
}
