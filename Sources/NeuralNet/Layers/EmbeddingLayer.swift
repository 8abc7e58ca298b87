/// How the rows of a multi-label sample are combined.
public enum EmbeddingCombiner: String, Codable, Sendable, Equatable {
    /// Average of the selected rows.
    case mean
    /// Sum of the selected rows.
    case sum
}

/// A trainable lookup table mapping category indices to dense vectors.
///
/// The table has `cardinality + 1` rows; row 0 is the shared unknown row used for index 0,
/// out-of-range indices and samples with no index at all.
public final class EmbeddingLayer: ParameterOwner {
    /// Number of known categories (valid indices are `1 ... cardinality`).
    public let cardinality: Int
    /// Length of each embedding vector.
    public let dimension: Int
    /// Combination rule for multi-label samples.
    public let combiner: EmbeddingCombiner
    /// The table `(cardinality + 1, dimension)`.
    public let table: Parameter
    private var cachedRows: [[Int]] = []

    /// Creates a table initialised uniformly in `±0.05`.
    public init(cardinality: Int, dimension: Int, combiner: EmbeddingCombiner = .mean, name: String, rng: inout SplitMix64) {
        precondition(cardinality >= 0 && dimension > 0, "invalid embedding shape")
        self.cardinality = cardinality
        self.dimension = dimension
        self.combiner = combiner
        table = Parameter(
            name: "\(name).table", shape: [cardinality + 1, dimension],
            value: Initializer.uniform(count: (cardinality + 1) * dimension, limit: 0.05, rng: &rng))
    }

    /// The table.
    public var parameters: [Parameter] { [table] }

    /// Maps a raw index to a table row (unknown and out-of-range indices map to row 0).
    public func row(for index: Int) -> Int {
        index >= 1 && index <= cardinality ? index : 0
    }

    /// Looks up and combines the embeddings of every sample, giving `(batch, dimension)`.
    public func forward(_ input: CategoryIndices) -> Matrix {
        var output = Matrix(rows: input.batch, columns: dimension)
        cachedRows = []
        cachedRows.reserveCapacity(input.batch)
        for b in 0..<input.batch {
            var rows = input.indices(ofSample: b).map(row(for:))
            if rows.isEmpty { rows = [0] }
            cachedRows.append(rows)
            let weight: Float = combiner == .mean ? 1 / Float(rows.count) : 1
            for r in rows {
                for d in 0..<dimension {
                    output.storage[b * dimension + d] += weight * table.value[r * dimension + d]
                }
            }
        }
        return output
    }

    /// Accumulates the table gradient for `outputGradient` `(batch, dimension)`.
    public func backward(_ outputGradient: Matrix) {
        precondition(outputGradient.rows == cachedRows.count && outputGradient.columns == dimension,
                     "EmbeddingLayer.backward gradient shape does not match forward")
        for (b, rows) in cachedRows.enumerated() {
            let weight: Float = combiner == .mean ? 1 / Float(rows.count) : 1
            for r in rows {
                for d in 0..<dimension {
                    table.gradient[r * dimension + d] += weight * outputGradient.storage[b * dimension + d]
                }
            }
        }
    }
}
