/// Shared driver for element-wise losses averaged over every prediction with a target.
enum PointLoss {
    /// Evaluates `elementLoss(prediction − target)` for every element whose target is present (not
    /// NaN) and averages over those; a missing target adds nothing and gets a zero gradient.
    ///
    /// `elementLoss` returns the loss of one error and its derivative with respect to the error.
    /// The sum is accumulated in `Double` in row-major order.
    static func evaluate(
        prediction: Matrix, target: Matrix, _ elementLoss: (Float) -> (Float, Float)
    ) -> (loss: Float, gradient: Matrix) {
        precondition(prediction.rows == target.rows && prediction.columns == target.columns,
                     "point losses need predictions and targets of equal shape")
        var gradient = Matrix(rows: prediction.rows, columns: prediction.columns)
        let count = max(target.storage.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }, 1)
        let scale = 1 / Float(count)
        var total = 0.0
        for i in 0..<prediction.count where !target.storage[i].isNaN {
            let (value, derivative) = elementLoss(prediction.storage[i] - target.storage[i])
            total += Double(value)
            gradient.storage[i] = derivative * scale
        }
        return (Float(total / Double(count)), gradient)
    }
}

/// Squared error of the horizon total: `mean_b (Σ_h ŷ[b,h] − Σ_h y[b,h])²`, both sums over the steps
/// whose target is present (not NaN).
enum HorizonTotalLoss {
    /// Returns the loss and its gradient with respect to every prediction (zero where the target is missing).
    static func evaluate(prediction: Matrix, target: Matrix) -> (loss: Float, gradient: Matrix) {
        precondition(prediction.rows == target.rows && prediction.columns == target.columns,
                     "the horizon-total loss needs predictions and targets of equal shape")
        var gradient = Matrix(rows: prediction.rows, columns: prediction.columns)
        let batch = max(prediction.rows, 1)
        var total = 0.0
        for b in 0..<prediction.rows {
            var predicted = 0.0, actual = 0.0
            for h in 0..<prediction.columns where !target[b, h].isNaN {
                predicted += Double(prediction[b, h])
                actual += Double(target[b, h])
            }
            let error = predicted - actual
            total += error * error
            let derivative = Float(2 * error / Double(batch))
            for h in 0..<prediction.columns where !target[b, h].isNaN { gradient[b, h] = derivative }
        }
        return (Float(total / Double(batch)), gradient)
    }
}
