#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns unconstrained outputs into non-crossing quantiles with a cumulative softplus.
///
/// For each horizon step with raw values `r_0 … r_{Q−1}` the output is `q_0 = r_0` and
/// `q_k = q_{k−1} + softplus(r_k)`, so quantiles are strictly increasing in `k` for any weights.
public final class QuantileOutput {
    /// Number of quantile levels per step.
    public let quantileCount: Int
    private var cachedRaw = Matrix(rows: 0, columns: 0)

    /// Creates the transform for `quantileCount` levels per horizon step.
    public init(quantileCount: Int) {
        precondition(quantileCount > 0, "need at least one quantile")
        self.quantileCount = quantileCount
    }

    /// Maps raw outputs `(batch, horizon * Q)` to ordered quantiles of the same shape.
    public func forward(_ raw: Matrix) -> Matrix {
        precondition(raw.columns % quantileCount == 0, "raw output width must be a multiple of the quantile count")
        cachedRaw = raw
        var out = raw
        let q = quantileCount
        for r in 0..<raw.rows {
            for step in 0..<(raw.columns / q) {
                let base = r * raw.columns + step * q
                var running = raw.storage[base]
                out.storage[base] = running
                for k in 1..<max(q, 1) {
                    running += QuantileOutput.softplus(raw.storage[base + k])
                    out.storage[base + k] = running
                }
            }
        }
        return out
    }

    /// Returns the gradient with respect to the raw outputs of the last `forward`.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        precondition(outputGradient.rows == cachedRaw.rows && outputGradient.columns == cachedRaw.columns,
                     "QuantileOutput.backward gradient shape does not match forward")
        var g = Matrix(rows: cachedRaw.rows, columns: cachedRaw.columns)
        let q = quantileCount
        for r in 0..<cachedRaw.rows {
            for step in 0..<(cachedRaw.columns / q) {
                let base = r * cachedRaw.columns + step * q
                var suffix: Float = 0
                for k in stride(from: q - 1, through: 0, by: -1) {
                    suffix += outputGradient.storage[base + k]
                    g.storage[base + k] = k == 0 ? suffix : suffix * QuantileOutput.logistic(cachedRaw.storage[base + k])
                }
            }
        }
        return g
    }

    /// `log(1 + e^x)` computed without overflow.
    static func softplus(_ x: Float) -> Float {
        max(x, 0) + log1pf(expf(-abs(x)))
    }

    /// `1 / (1 + e^−x)`, the derivative of `softplus`.
    static func logistic(_ x: Float) -> Float {
        1 / (1 + expf(-x))
    }
}
