/// A training objective comparing predictions `(batch, outputs)` with targets `(batch, horizon)`.
///
/// Point losses (`meanSquared`, `meanAbsolute`, `huber`) average per-step errors over all
/// elements. `horizonTotal` compares the sum of each prediction row with the sum of its target
/// row. `pinball` expects `horizon * quantiles.count` predictions per row (quantile index
/// fastest), already made non-crossing by `QuantileOutput`. A NaN target marks a step not observed
/// (a window whose horizon runs past the data): every loss leaves it out, its predictions get a zero
/// gradient, and the averages count only the steps present.
public enum LossFunction: Codable, Sendable, Equatable {
    /// Mean squared error per step.
    case meanSquared
    /// Mean absolute error per step.
    case meanAbsolute
    /// Huber loss per step: quadratic within `delta`, linear beyond.
    case huber(delta: Float)
    /// Mean over the batch of `(Σ prediction − Σ target)²` over the horizon.
    case horizonTotal
    /// Mean squared error plus `weight` times the `horizonTotal` loss.
    case meanSquaredWithTotal(weight: Float)
    /// Mean pinball (quantile) loss over steps and the given ascending quantile levels.
    case pinball(quantiles: [Float])

    /// Number of prediction columns per horizon step.
    public var outputsPerStep: Int {
        if case .pinball(let quantiles) = self { return quantiles.count }
        return 1
    }

    /// Returns the loss and its gradient with respect to `prediction`.
    public func evaluate(prediction: Matrix, target: Matrix) -> (loss: Float, gradient: Matrix) {
        precondition(prediction.rows == target.rows, "prediction and target batch sizes differ")
        precondition(prediction.columns == target.columns * outputsPerStep,
                     "prediction has \(prediction.columns) columns, expected \(target.columns * outputsPerStep)")
        switch self {
        case .meanSquared:
            return PointLoss.evaluate(prediction: prediction, target: target) { e in (e * e, 2 * e) }
        case .meanAbsolute:
            return PointLoss.evaluate(prediction: prediction, target: target) { e in
                (abs(e), e > 0 ? 1 : (e < 0 ? -1 : 0))
            }
        case .huber(let delta):
            precondition(delta > 0, "Huber delta must be positive")
            return PointLoss.evaluate(prediction: prediction, target: target) { e in
                abs(e) <= delta ? (0.5 * e * e, e) : (delta * (abs(e) - 0.5 * delta), e > 0 ? delta : -delta)
            }
        case .horizonTotal:
            return HorizonTotalLoss.evaluate(prediction: prediction, target: target)
        case .meanSquaredWithTotal(let weight):
            let point = LossFunction.meanSquared.evaluate(prediction: prediction, target: target)
            let total = HorizonTotalLoss.evaluate(prediction: prediction, target: target)
            var gradient = point.gradient
            for i in 0..<gradient.count { gradient.storage[i] += weight * total.gradient.storage[i] }
            return (point.loss + weight * total.loss, gradient)
        case .pinball(let quantiles):
            return PinballLoss.evaluate(prediction: prediction, target: target, quantiles: quantiles)
        }
    }
}
