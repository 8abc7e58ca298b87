/// Name and shape of one serialised tensor.
public struct TensorDescriptor: Codable, Sendable, Equatable {
    /// Parameter name.
    public var name: String
    /// Tensor shape.
    public var shape: [Int]

    /// Creates a descriptor.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    /// Number of elements.
    public var elementCount: Int { shape.reduce(1, *) }
}

/// The JSON header stored after the magic bytes of a checkpoint.
public struct CheckpointHeader: Codable, Sendable, Equatable {
    /// Format version (equals `Checkpoint.formatVersion` for files written by this build).
    public var formatVersion: Int
    /// Element type of every tensor; always `"float32"`.
    public var dtype: String
    /// The model architecture.
    public var architecture: ModelArchitecture
    /// Tensors in payload order.
    public var tensors: [TensorDescriptor]
    /// Payload length in bytes.
    public var payloadBytes: Int
    /// Lower-case hex SHA-256 of the payload.
    public var payloadSHA256: String
}
