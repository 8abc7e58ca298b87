/// Log-linear effects of the covariates on each series' demand, removed before the network sees the
/// series and put back on its forecasts.
///
/// A recurrent network that must carry thirteen weeks of planned prices and promotions through its
/// state to the output layer learns their effect slowly; a per-series regression of log demand on the
/// normalized covariates learns it directly (a 10% price cut or a feature ad multiplies demand by a
/// factor). The network then forecasts the covariate-adjusted demand — level, season, trend — and
/// still reads the covariates for whatever the regression misses. Each series' coefficients are
/// shrunk toward the coefficients pooled over all series (ridge with `shrinkage` pseudo-observations),
/// so short or flat series borrow from the rest.
struct CovariateEffects {
    /// `coefficients[series][input]`, applied to the normalized covariates.
    let coefficients: [[Double]]

    /// The largest |log factor| applied to one bucket.
    static let limit = 3.0

    /// Fits the effects on the history buckets with positive demand.
    static func fit(series: [[Double]], covariates: [[[Float]]], shrinkage: Double = 20) -> CovariateEffects {
        guard let inputs = covariates.first?.count, inputs > 0 else { return CovariateEffects(coefficients: []) }
        // Per series: centred log demand and centred covariates over positive buckets.
        var gram = [[[Double]]](), moment = [[Double]]()
        var pooledGram = [[Double]](repeating: [Double](repeating: 0, count: inputs), count: inputs)
        var pooledMoment = [Double](repeating: 0, count: inputs)
        var variance = [Double](repeating: 0, count: inputs), observations = 0.0
        for (index, values) in series.enumerated() {
            let rows = values.indices.filter { values[$0] > 0 }
            var g = [[Double]](repeating: [Double](repeating: 0, count: inputs), count: inputs)
            var m = [Double](repeating: 0, count: inputs)
            if rows.count >= 2 {
                let logs = rows.map { logValue(values[$0]) }
                let meanLog = logs.reduce(0, +) / Double(rows.count)
                let x = (0..<inputs).map { input in rows.map { Double(covariates[index][input][$0]) } }
                let means = x.map { $0.reduce(0, +) / Double(rows.count) }
                for a in 0..<inputs {
                    for (r, value) in logs.enumerated() { m[a] += (x[a][r] - means[a]) * (value - meanLog) }
                    for b in 0..<inputs {
                        for r in 0..<rows.count { g[a][b] += (x[a][r] - means[a]) * (x[b][r] - means[b]) }
                    }
                    variance[a] += g[a][a]
                }
                observations += Double(rows.count)
            }
            for a in 0..<inputs {
                pooledMoment[a] += m[a]
                for b in 0..<inputs { pooledGram[a][b] += g[a][b] }
            }
            gram.append(g)
            moment.append(m)
        }
        let penalty = variance.map { shrinkage * max($0 / max(1, observations), 1e-6) }
        for a in 0..<inputs { pooledGram[a][a] += penalty[a] * 1e-3 }
        let pooled = solve(pooledGram, pooledMoment) ?? [Double](repeating: 0, count: inputs)
        let coefficients = series.indices.map { index -> [Double] in
            var g = gram[index]
            var m = moment[index]
            for a in 0..<inputs {
                g[a][a] += penalty[a]
                m[a] += penalty[a] * pooled[a]
            }
            return solve(g, m) ?? pooled
        }
        return CovariateEffects(coefficients: coefficients)
    }

    /// The multiplicative effect `exp(β·x)` of series `index`'s covariates `x` (normalized) at one bucket.
    func factor(series index: Int, covariates x: [Float]) -> Double {
        guard index < coefficients.count else { return 1 }
        var sum = 0.0
        for (beta, value) in zip(coefficients[index], x) { sum += beta * Double(value) }
        return expValue(min(Self.limit, max(-Self.limit, sum)))
    }

    /// Solves `a·x = b` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = a, v = b
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(m[$0][column]) < abs(m[$1][column]) }), abs(m[pivot][column]) > 1e-12 else { return nil }
            m.swapAt(column, pivot)
            v.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let ratio = m[row][column] / m[column][column]
                guard ratio != 0 else { continue }
                for k in column..<n { m[row][k] -= ratio * m[column][k] }
                v[row] -= ratio * v[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = v[row]
            for k in (row + 1)..<n { sum -= m[row][k] * x[k] }
            x[row] = sum / m[row][row]
        }
        return x
    }
}
