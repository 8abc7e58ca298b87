/// Holt-Winters smoothing: a level, a damped trend and a season, additive (offsets added to the level) or
/// multiplicative (factors the level is multiplied by, as when a busy month grows with the business), with
/// the form and the weights fitted by one-step-ahead squared error on a fixed grid (deterministic, no
/// random restarts).
///
/// The first season starts the state: with two seasons the change between their means is the trend (none
/// when the trend weight is 0), the line through the first season's mean with that slope the level, and
/// each bucket's distance from the line (or ratio to it) its seasonal offset (or factor). The weights are
/// then fitted on the one-step errors of the buckets after the first season.
enum SeasonalSmoothing {
    /// The fitted weights and the state after the last observation.
    struct Fit {
        var alpha: Double
        var beta: Double
        var gamma: Double
        var phi: Double
        var multiplicative: Bool
        var level: Double
        var trend: Double
        /// The offsets (or factors) of the next `seasonLength` buckets, the first one due next.
        var seasonal: [Double]

        /// The forecasts of the next `seasonLength` buckets, before `FittedModel` clips them at zero.
        var nextSeason: [Double] {
            zip(FittedModel.dampedPath(level: level, trend: trend, damping: phi, horizon: seasonal.count), seasonal).map { base, season in
                multiplicative ? base * season : base + season
            }
        }
    }

    /// How far past the history's largest value a fit's next season may go before it counts as running away.
    static let runawayLimit = 3.0

    /// The fewest buckets a fit needs: a season to start from and three one-step errors to weigh.
    static func minimumHistory(seasonLength: Int) -> Int { seasonLength + 3 }

    /// Fits the form and weights to `values` (oldest first); nil when the history is shorter than
    /// `minimumHistory` or the season shorter than 2, or when every fit runs away.
    ///
    /// A fit runs away when its next season leaves `runawayLimit` times the history's largest value: a
    /// product that barely sold in its first months gets multiplicative factors near zero, a normal month
    /// in the same slot a year later divides by them, and the level jumps a thousandfold — with a season
    /// and a half of history the one-step errors left to weigh do not catch it (Online Retail by month:
    /// forecasts of 1.5 million where 2,000 sold).
    static func fit(_ values: [Double], seasonLength: Int) -> Fit? {
        guard seasonLength > 1, values.count >= minimumHistory(seasonLength: seasonLength) else { return nil }
        let ceiling = runawayLimit * (values.max() ?? 0)
        var best: Fit?
        var bestSSE = Double.infinity
        for multiplicative in [false, true] {
            for alpha in [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] {
                for beta in [0.0, 0.05, 0.2] {
                    for phi in [0.9, 0.98] where beta > 0 || phi == 0.98 {
                        for gamma in [0.05, 0.1, 0.2, 0.4] where gamma <= 1 - alpha {
                            guard let run = smooth(values, seasonLength: seasonLength, multiplicative: multiplicative,
                                                   alpha: alpha, beta: beta, gamma: gamma, phi: phi),
                                  !run.fit.nextSeason.contains(where: { abs($0) > ceiling }) else { continue }
                            if run.sse < bestSSE {
                                bestSSE = run.sse
                                best = run.fit
                            }
                        }
                    }
                }
            }
        }
        return best
    }

    /// One pass of the smoothing with the given form and weights: its sum of squared one-step errors and final
    /// state; nil when a multiplicative season meets a level or factor at or below zero (no ratio to take).
    static func smooth(_ values: [Double], seasonLength m: Int, multiplicative: Bool, alpha: Double, beta: Double, gamma: Double,
                       phi: Double) -> (sse: Double, fit: Fit)? {
        let firstMean = values[..<m].reduce(0, +) / Double(m)
        var trend = 0.0
        if beta > 0, values.count >= 2 * m {
            let secondMean = values[m..<(2 * m)].reduce(0, +) / Double(m)
            trend = (secondMean - firstMean) / Double(m)
        }
        // The first season's line through its mean is the level; each bucket's distance from it its offset.
        let centre = Double(m - 1) / 2
        var level = firstMean + trend * centre
        var seasonal: [Double] = []
        for (index, value) in values[..<m].enumerated() {
            let line = firstMean + trend * (Double(index) - centre)
            if multiplicative {
                guard line > 0 else { return nil }
                seasonal.append(value / line)
            } else {
                seasonal.append(value - line)
            }
        }
        var sse = 0.0
        for index in m..<values.count {
            let slot = index % m
            let base = level + phi * trend
            let predicted = multiplicative ? base * seasonal[slot] : base + seasonal[slot]
            let error = values[index] - predicted
            sse += error * error
            if multiplicative {
                guard base > 0, seasonal[slot] > 0 else { return nil }
                level = base + alpha * error / seasonal[slot]
                trend = phi * trend + alpha * beta * error / seasonal[slot]
                seasonal[slot] += gamma * error / base
            } else {
                level = base + alpha * error
                trend = phi * trend + alpha * beta * error
                seasonal[slot] += gamma * error
            }
        }
        if multiplicative && (level <= 0 || seasonal.contains { $0 < 0 }) { return nil }
        let next = (0..<m).map { seasonal[(values.count + $0) % m] }
        return (sse, Fit(alpha: alpha, beta: beta, gamma: gamma, phi: phi, multiplicative: multiplicative, level: level,
                         trend: trend, seasonal: next))
    }
}
