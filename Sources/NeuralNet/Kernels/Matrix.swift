/// A dense, row-major, single-precision matrix.
///
/// Element `(r, c)` lives at `storage[r * columns + c]`. The type is a value type backed by a
/// copy-on-write `[Float]`, so passing it around is cheap until it is mutated.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns (also the leading dimension of `storage`).
    public private(set) var columns: Int
    /// Row-major element storage of length `rows * columns`.
    public var storage: [Float]

    /// Creates a matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Float](repeating: value, count: rows * columns)
    }

    /// Creates a matrix that adopts `storage` (which must hold exactly `rows * columns` values).
    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns, "Matrix storage size does not match its shape")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Creates a matrix from an array of equally long rows.
    public init(_ rowValues: [[Float]]) {
        let r = rowValues.count
        let c = rowValues.first?.count ?? 0
        var flat = [Float]()
        flat.reserveCapacity(r * c)
        for row in rowValues {
            precondition(row.count == c, "All rows must have the same length")
            flat.append(contentsOf: row)
        }
        self.init(rows: r, columns: c, storage: flat)
    }

    /// Total number of elements.
    @inlinable public var count: Int { storage.count }

    /// Reads or writes element `(row, column)`.
    @inlinable public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Returns one row as an array.
    public func row(_ index: Int) -> [Float] {
        Array(storage[(index * columns)..<((index + 1) * columns)])
    }

    /// Reinterprets the same storage with a different shape of equal element count.
    public func reshaped(rows newRows: Int, columns newColumns: Int) -> Matrix {
        Matrix(rows: newRows, columns: newColumns, storage: storage)
    }

    /// Returns the transpose.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns {
                result.storage[c * rows + r] = storage[r * columns + c]
            }
        }
        return result
    }

    /// Sets every element to zero, keeping the shape.
    public mutating func zero() {
        storage.withUnsafeMutableBufferPointer { buffer in
            buffer.update(repeating: 0)
        }
    }
}
