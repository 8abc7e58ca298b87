/// Fitting of simple and damped-trend exponential smoothing by one-step-ahead squared error.
///
/// Parameters are searched on a fixed grid and then refined around the best point, so fits are
/// deterministic and need no random restarts.
enum ExponentialSmoothing {
    /// The fitted weight and the level after the last observation.
    struct Simple {
        var alpha: Double
        var level: Double
    }

    /// The fitted weights and the final level and trend.
    struct DampedTrend {
        var alpha: Double
        var beta: Double
        var phi: Double
        var level: Double
        var trend: Double
    }

    /// Sum of squared one-step errors of simple smoothing with `alpha`, and the final level.
    static func simple(_ values: [Double], alpha: Double) -> (sse: Double, level: Double) {
        guard let first = values.first else { return (0, 0) }
        var level = first
        var sse = 0.0
        for value in values.dropFirst() {
            let error = value - level
            sse += error * error
            level += alpha * error
        }
        return (sse, level)
    }

    static func fitSimple(_ values: [Double]) -> Simple {
        guard values.count > 2 else { return Simple(alpha: 0.5, level: values.last ?? 0) }
        var best = (alpha: 0.1, sse: Double.infinity)
        for step in 1...19 {
            let alpha = Double(step) * 0.05
            let sse = simple(values, alpha: alpha).sse
            if sse < best.sse { best = (alpha, sse) }
        }
        var low = max(0.01, best.alpha - 0.05), high = min(0.99, best.alpha + 0.05)
        // Golden-section refinement inside the best grid cell.
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<20 {
            let a = high - ratio * (high - low), b = low + ratio * (high - low)
            if simple(values, alpha: a).sse <= simple(values, alpha: b).sse { high = b } else { low = a }
        }
        let alpha = ((low + high) / 2 * 1e6).rounded() / 1e6
        return Simple(alpha: alpha, level: simple(values, alpha: alpha).level)
    }

    /// Sum of squared one-step errors of damped Holt, and the final level and trend.
    static func dampedTrend(_ values: [Double], alpha: Double, beta: Double, phi: Double) -> (sse: Double, level: Double, trend: Double) {
        guard values.count >= 2 else { return (0, values.last ?? 0, 0) }
        var level = values[0]
        var trend = values[1] - values[0]
        var sse = 0.0
        for value in values.dropFirst() {
            let predicted = level + phi * trend
            let error = value - predicted
            sse += error * error
            let newLevel = predicted + alpha * error
            trend = phi * trend + alpha * beta * error
            level = newLevel
        }
        return (sse, level, trend)
    }

    static func fitDampedTrend(_ values: [Double]) -> DampedTrend {
        guard values.count > 3 else {
            return DampedTrend(alpha: 0.5, beta: 0.1, phi: 0.9, level: values.last ?? 0, trend: 0)
        }
        var best = DampedTrend(alpha: 0.1, beta: 0.1, phi: 0.9, level: 0, trend: 0)
        var bestSSE = Double.infinity
        for alphaStep in 1...9 {
            let alpha = Double(alphaStep) * 0.1
            for beta in [0.01, 0.05, 0.1, 0.2, 0.4] {
                for phi in [0.8, 0.9, 0.95, 0.98] {
                    let fit = dampedTrend(values, alpha: alpha, beta: beta, phi: phi)
                    if fit.sse < bestSSE {
                        bestSSE = fit.sse
                        best = DampedTrend(alpha: alpha, beta: beta, phi: phi, level: fit.level, trend: fit.trend)
                    }
                }
            }
        }
        return best
    }
}
