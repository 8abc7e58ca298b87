/// Category indices for one categorical feature across a batch, single- or multi-label.
///
/// Stored in compressed-row form: sample `b` owns `indices[offsets[b] ..< offsets[b + 1]]`.
/// Index 0 means unknown; valid categories are `1 ... cardinality` of the embedding they feed.
public struct CategoryIndices: Sendable, Equatable {
    /// Start of each sample's index list, plus a final end offset (`batch + 1` entries).
    public private(set) var offsets: [Int]
    /// Concatenated index lists.
    public private(set) var indices: [Int]

    /// Creates single-label input: one index per sample.
    public init(singleLabel values: [Int]) {
        offsets = Array(0...values.count)
        indices = values
    }

    /// Creates multi-label (multi-hot) input: a list of indices per sample.
    public init(multiLabel lists: [[Int]]) {
        offsets = [0]
        indices = []
        for list in lists {
            indices.append(contentsOf: list)
            offsets.append(indices.count)
        }
    }

    /// Number of samples.
    public var batch: Int { offsets.count - 1 }

    /// The index list of one sample.
    public func indices(ofSample b: Int) -> ArraySlice<Int> {
        indices[offsets[b]..<offsets[b + 1]]
    }

    /// Returns the rows for the given sample positions, in that order.
    public func gathering(_ samples: [Int]) -> CategoryIndices {
        CategoryIndices(multiLabel: samples.map { Array(indices(ofSample: $0)) })
    }
}
