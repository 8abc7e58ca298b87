/// A dense, row-major, single-precision tensor of arbitrary rank.
///
/// Used for three-dimensional inputs `(batch, time, features)` and for serialising named
/// parameters. The last dimension varies fastest.
public struct Tensor: Sendable, Equatable {
    /// Extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// Row-major element storage whose length is the product of `shape`.
    public var storage: [Float]

    /// Creates a tensor filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor dimensions must be non-negative")
        self.shape = shape
        self.storage = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// Creates a tensor that adopts `storage` (whose length must match `shape`).
    public init(shape: [Int], storage: [Float]) {
        precondition(storage.count == shape.reduce(1, *), "Tensor storage size does not match its shape")
        self.shape = shape
        self.storage = storage
    }

    /// Number of elements.
    @inlinable public var count: Int { storage.count }

    /// Number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// Reads or writes the element at a three-dimensional index `(i, j, k)`.
    @inlinable public subscript(i: Int, j: Int, k: Int) -> Float {
        get { storage[(i * shape[1] + j) * shape[2] + k] }
        set { storage[(i * shape[1] + j) * shape[2] + k] = newValue }
    }

    /// Flattens all leading dimensions into rows and keeps the last as columns.
    public func asMatrix() -> Matrix {
        let columns = shape.last ?? 1
        let rows = columns == 0 ? 0 : storage.count / columns
        return Matrix(rows: rows, columns: columns, storage: storage)
    }
}
