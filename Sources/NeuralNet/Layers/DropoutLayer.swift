/// Inverted dropout: zeroes each element with probability `rate` and scales survivors by
/// `1 / (1 - rate)`.
///
/// Active only when `forward` is called with `active: true` (training, or Monte-Carlo dropout
/// at inference); otherwise it is the identity.
public final class DropoutLayer {
    /// Probability of dropping an element, in `[0, 1)`.
    public let rate: Float
    private var mask: [Float] = []
    private var wasActive = false

    /// Creates a dropout layer with the given drop probability.
    public init(rate: Float) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
        self.rate = rate
    }

    /// Applies dropout when `active`, drawing the mask from `rng`.
    public func forward(_ input: Matrix, active: Bool, rng: inout SplitMix64) -> Matrix {
        wasActive = active && rate > 0
        guard wasActive else { return input }
        let keep = 1 - rate
        let scale = 1 / keep
        mask = [Float](repeating: 0, count: input.count)
        for i in 0..<mask.count where rng.nextUnitFloat() < keep {
            mask[i] = scale
        }
        var output = input
        output.storage.withUnsafeMutableBufferPointer { o in
            mask.withUnsafeBufferPointer { m in
                var i = 0
                while i < o.count { o[i] *= m[i]; i &+= 1 }
            }
        }
        return output
    }

    /// Returns the gradient with respect to the input of the last `forward` call.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        guard wasActive else { return outputGradient }
        precondition(outputGradient.count == mask.count, "Dropout.backward gradient shape does not match forward")
        var g = outputGradient
        g.storage.withUnsafeMutableBufferPointer { o in
            mask.withUnsafeBufferPointer { m in
                var i = 0
                while i < o.count { o[i] *= m[i]; i &+= 1 }
            }
        }
        return g
    }
}
