/// Pure-math neural-network engine: tensors, GEMM kernels, LSTM/embedding/dense layers, losses,
/// optimizers and checkpoints, trained and served on CPU.
///
/// No forecasting or pipeline words live here; `Forecasting` builds its LSTM forecaster on top.
public enum NeuralNet {
    /// The checkpoint format version this engine writes and accepts.
    public static let checkpointFormatVersion = 1
}
