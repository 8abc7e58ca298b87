import Testing
@testable import NeuralNet

/// Central finite-difference gradient checking helpers for float32 layers.
///
/// Objectives are evaluated in float32 by the layers and summed in Double. With eps = 1e-2 the
/// truncation error is O(eps²) ≈ 1e-4 relative and the rounding error ≈ 1e-7·|L|/eps ≈ 1e-5, so
/// a tolerance of 1e-3 absolute plus 1e-2 relative is honest, not loose.
enum GradCheck {
    static let eps: Float = 1e-2
    static let absoluteTolerance = 1e-3
    static let relativeTolerance = 1e-2

    /// Deterministic subset of element positions to probe.
    static func probeIndices(count: Int, limit: Int = 24, seed: UInt64) -> [Int] {
        if count <= limit { return Array(0..<count) }
        var rng = SplitMix64(seed: seed)
        return (0..<limit).map { _ in rng.nextInt(below: count) }
    }

    /// Checks `analytic[i]` against a central difference of `objective` for probed `i`.
    ///
    /// `perturb(i, delta)` must add `delta` to element `i` of the quantity being checked.
    static func check(
        _ label: String, analytic: [Float], perturb: (Int, Float) -> Void, objective: () -> Double,
        seed: UInt64 = 1, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var worst = 0.0
        for i in probeIndices(count: analytic.count, seed: seed) {
            perturb(i, eps)
            let plus = objective()
            perturb(i, -2 * eps)
            let minus = objective()
            perturb(i, eps)
            let numeric = (plus - minus) / (2 * Double(eps))
            let a = Double(analytic[i])
            let err = abs(a - numeric)
            let allowed = absoluteTolerance + relativeTolerance * max(abs(a), abs(numeric))
            worst = max(worst, err / allowed)
            #expect(err <= allowed, "\(label)[\(i)]: analytic \(a) vs numeric \(numeric)", sourceLocation: sourceLocation)
        }
        #expect(worst <= 1, "\(label): worst error ratio \(worst)", sourceLocation: sourceLocation)
    }

    /// `Σ output ⊙ weights` in Double: a linear probe whose gradient w.r.t. the output is `weights`.
    static func probe(_ output: Matrix, _ weights: Matrix) -> Double {
        var sum = 0.0
        for i in 0..<output.count { sum += Double(output.storage[i]) * Double(weights.storage[i]) }
        return sum
    }

    /// A matrix of uniform random values in `[-scale, scale)`.
    static func random(_ rows: Int, _ columns: Int, scale: Float = 1, rng: inout SplitMix64) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in rng.nextFloat(in: -scale, scale) })
    }
}
