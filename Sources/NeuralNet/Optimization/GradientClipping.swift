/// Gradient clipping by the global L2 norm over a set of parameters.
public enum GradientClipping {
    /// Returns the L2 norm of all gradients together (accumulated in `Double`, in list order).
    public static func globalNorm(_ parameters: [Parameter]) -> Float {
        var sum = 0.0
        for parameter in parameters {
            parameter.gradient.withUnsafeBufferPointer { g in
                for x in g { sum += Double(x) * Double(x) }
            }
        }
        return Float(sum.squareRoot())
    }

    /// Scales all gradients so that their global norm is at most `maxNorm`; returns the norm
    /// measured before clipping.
    @discardableResult
    public static func clipByGlobalNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
        let norm = globalNorm(parameters)
        guard norm.isFinite, norm > maxNorm, maxNorm > 0 else { return norm }
        let scale = maxNorm / norm
        for parameter in parameters {
            parameter.gradient.withUnsafeMutableBufferPointer { g in
                var i = 0
                while i < g.count { g[i] *= scale; i &+= 1 }
            }
        }
        return norm
    }
}
