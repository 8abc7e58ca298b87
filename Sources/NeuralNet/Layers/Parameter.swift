/// A trainable tensor: its values and the gradient accumulated for them.
///
/// Layers own their parameters; optimisers and checkpoints address them through the
/// `parameters` list of each layer, in a fixed order.
public final class Parameter {
    /// Stable name used in checkpoints (unique within a model).
    public let name: String
    /// Logical shape of the tensor (row-major).
    public let shape: [Int]
    /// Current values.
    ///
    /// Every assignment or in-place change bumps `version`, so layers can tell when weights they
    /// keep repacked for inference are stale.
    public var value: [Float] {
        didSet { version &+= 1 }
    }
    /// Counts changes to `value` (any change, including in-place element updates).
    public private(set) var version = 0
    /// Gradient accumulated by the most recent backward passes.
    public var gradient: [Float]

    /// Creates a parameter with the given initial values.
    public init(name: String, shape: [Int], value: [Float]) {
        precondition(value.count == shape.reduce(1, *), "parameter \(name): value count does not match shape")
        self.name = name
        self.shape = shape
        self.value = value
        self.gradient = [Float](repeating: 0, count: value.count)
    }

    /// Number of scalar elements.
    public var count: Int { value.count }

    /// Resets the gradient to zero.
    public func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Values viewed as a matrix: `shape[0] x rest` for rank >= 2, a single row otherwise.
    var matrix: Matrix {
        if shape.count >= 2 {
            return Matrix(rows: shape[0], columns: shape.dropFirst().reduce(1, *), storage: value)
        }
        return Matrix(rows: 1, columns: value.count, storage: value)
    }
}

/// Anything that owns trainable parameters.
public protocol ParameterOwner: AnyObject {
    /// The trainable parameters, in a stable order.
    var parameters: [Parameter] { get }
}

/// Weight initialisers driven by a seeded generator.
public enum Initializer {
    /// Glorot/Xavier uniform values in `±sqrt(6 / (fanIn + fanOut))`.
    public static func glorotUniform(count: Int, fanIn: Int, fanOut: Int, rng: inout SplitMix64) -> [Float] {
        let limit = (6.0 / Float(max(fanIn + fanOut, 1))).squareRoot()
        return (0..<count).map { _ in rng.nextFloat(in: -limit, limit) }
    }

    /// Uniform values in `±limit`.
    public static func uniform(count: Int, limit: Float, rng: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in rng.nextFloat(in: -limit, limit) }
    }
}
