/// The pinball (quantile) loss averaged over samples, horizon steps with a target and quantile levels.
enum PinballLoss {
    /// Evaluates the loss for predictions laid out `(batch, horizon * quantiles)` with the
    /// quantile index varying fastest.
    ///
    /// For level `τ` and error `e = y − q̂` the loss is `max(τ e, (τ − 1) e)`. A missing (NaN) target
    /// adds nothing and leaves its predictions a zero gradient.
    static func evaluate(prediction: Matrix, target: Matrix, quantiles: [Float]) -> (loss: Float, gradient: Matrix) {
        let q = quantiles.count
        precondition(q > 0, "pinball loss needs at least one quantile")
        precondition(prediction.columns == target.columns * q, "pinball prediction width must be horizon * quantiles")
        var gradient = Matrix(rows: prediction.rows, columns: prediction.columns)
        let count = max(target.storage.reduce(0) { $0 + ($1.isNaN ? 0 : q) }, 1)
        let scale = 1 / Float(count)
        var total = 0.0
        for b in 0..<target.rows {
            for h in 0..<target.columns where !target[b, h].isNaN {
                let y = target[b, h]
                for k in 0..<q {
                    let tau = quantiles[k]
                    let column = h * q + k
                    let e = y - prediction[b, column]
                    if e >= 0 {
                        total += Double(tau * e)
                        gradient[b, column] = -tau * scale
                    } else {
                        total += Double((tau - 1) * e)
                        gradient[b, column] = (1 - tau) * scale
                    }
                }
            }
        }
        return (Float(total / Double(count)), gradient)
    }
}
