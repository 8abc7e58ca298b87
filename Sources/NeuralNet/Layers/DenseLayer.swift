/// A fully connected layer `y = activation(x W + b)` on rows of a matrix.
///
/// `W` has shape `(inputSize, outputSize)`. The layer works on any number of rows, so it can
/// be applied per sample `(batch, features)` or per timestep `(time * batch, features)`.
public final class DenseLayer: ParameterOwner {
    /// Number of input features.
    public let inputSize: Int
    /// Number of output features.
    public let outputSize: Int
    /// Activation applied to the affine output.
    public let activation: Activation
    /// Weight matrix `(inputSize, outputSize)`.
    public let weight: Parameter
    /// Bias vector `(outputSize)`.
    public let bias: Parameter

    private var cachedInput = Matrix(rows: 0, columns: 0)
    private var cachedOutput = Matrix(rows: 0, columns: 0)

    /// Creates a layer with Glorot-uniform weights and zero bias.
    public init(inputSize: Int, outputSize: Int, activation: Activation, name: String, rng: inout SplitMix64) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.activation = activation
        weight = Parameter(
            name: "\(name).weight", shape: [inputSize, outputSize],
            value: Initializer.glorotUniform(count: inputSize * outputSize, fanIn: inputSize, fanOut: outputSize, rng: &rng))
        bias = Parameter(name: "\(name).bias", shape: [outputSize], value: [Float](repeating: 0, count: outputSize))
    }

    /// The weight and bias, in that order.
    public var parameters: [Parameter] { [weight, bias] }

    /// Computes the layer output for `input` of shape `(rows, inputSize)` and caches what
    /// `backward` needs.
    public func forward(_ input: Matrix, threads: Int = 1) -> Matrix {
        precondition(input.columns == inputSize, "DenseLayer expects \(inputSize) input columns, got \(input.columns)")
        var output = Matrix(rows: input.rows, columns: outputSize)
        MatrixOps.broadcastRows(bias.value, into: &output)
        GEMM.multiply(input, weight.matrix, into: &output, beta: 1, threads: threads)
        activation.apply(&output)
        cachedInput = input
        cachedOutput = output
        return output
    }

    /// Accumulates parameter gradients for `outputGradient` (same shape as the last output)
    /// and returns the gradient with respect to the last input.
    public func backward(_ outputGradient: Matrix, threads: Int = 1) -> Matrix {
        precondition(outputGradient.rows == cachedOutput.rows && outputGradient.columns == outputSize,
                     "DenseLayer.backward gradient shape does not match the forward output")
        var delta = outputGradient
        activation.backward(output: cachedOutput, gradient: &delta)
        var weightGradient = Matrix(rows: inputSize, columns: outputSize, storage: weight.gradient)
        weight.gradient = []
        GEMM.multiply(cachedInput, delta, into: &weightGradient, transposeA: true, beta: 1, threads: threads)
        weight.gradient = weightGradient.storage
        MatrixOps.addColumnSums(of: delta, into: &bias.gradient)
        var inputGradient = Matrix(rows: delta.rows, columns: inputSize)
        GEMM.multiply(delta, weight.matrix, into: &inputGradient, transposeB: true, threads: threads)
        return inputGradient
    }
}
