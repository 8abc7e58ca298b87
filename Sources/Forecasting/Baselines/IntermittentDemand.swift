/// Croston's method and TSB for series with many zero buckets.
enum IntermittentDemand {
    /// A fitted intermittent-demand model: its constant forecast and parameters.
    struct Fit {
        var level: Double
        var parameters: [String: Double]
    }

    /// Croston: simple smoothing of the non-zero sizes and of the intervals between them, each
    /// with its weight fitted; forecast = size / interval.
    static func croston(_ values: [Double]) -> Fit {
        var sizes: [Double] = []
        var intervals: [Double] = []
        var sinceLast = 0.0
        for value in values {
            sinceLast += 1
            if value != 0 {
                sizes.append(value)
                intervals.append(sinceLast)
                sinceLast = 0
            }
        }
        guard !sizes.isEmpty else { return Fit(level: 0, parameters: [:]) }
        guard sizes.count >= 3 else {
            return Fit(level: sizes.reduce(0, +) / Double(values.count), parameters: [:])
        }
        let size = ExponentialSmoothing.fitSimple(sizes)
        let interval = ExponentialSmoothing.fitSimple(intervals)
        return Fit(level: size.level / max(1, interval.level), parameters: ["alphaSize": size.alpha, "alphaInterval": interval.alpha])
    }

    /// TSB: the size is smoothed when demand occurs, the probability of demand every bucket;
    /// forecast = probability × size. Weights fitted on a grid by one-step squared error.
    static func tsb(_ values: [Double]) -> Fit {
        guard let firstDemand = values.firstIndex(where: { $0 != 0 }) else { return Fit(level: 0, parameters: [:]) }
        let grid = [0.05, 0.1, 0.2, 0.3, 0.5]
        var best = (sse: Double.infinity, alpha: 0.1, beta: 0.1, level: 0.0)
        let initialProbability = Double(values.filter { $0 != 0 }.count) / Double(values.count)
        for alpha in grid {
            for beta in grid {
                var size = values[firstDemand]
                var probability = initialProbability
                var sse = 0.0
                for value in values[(firstDemand + 1)...] {
                    let error = value - probability * size
                    sse += error * error
                    probability += beta * ((value != 0 ? 1 : 0) - probability)
                    if value != 0 { size += alpha * (value - size) }
                }
                if sse < best.sse { best = (sse, alpha, beta, probability * size) }
            }
        }
        return Fit(level: best.level, parameters: ["alpha": best.alpha, "beta": best.beta])
    }
}
