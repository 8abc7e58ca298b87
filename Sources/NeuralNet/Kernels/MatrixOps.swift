/// Small element-wise and reduction helpers used by the layers.
enum MatrixOps {
    /// Fills every row of `m` with `bias` (whose length equals `m.columns`).
    static func broadcastRows(_ bias: [Float], into m: inout Matrix) {
        let columns = m.columns
        precondition(bias.count == columns, "bias length must equal the column count")
        m.storage.withUnsafeMutableBufferPointer { out in
            bias.withUnsafeBufferPointer { b in
                var r = 0
                while r < out.count / max(columns, 1) {
                    (out.baseAddress! + r * columns).update(from: b.baseAddress!, count: columns)
                    r &+= 1
                }
            }
        }
    }

    /// Adds the column sums of `m` into `accumulator` (summation in row order).
    static func addColumnSums(of m: Matrix, into accumulator: inout [Float]) {
        let columns = m.columns
        precondition(accumulator.count == columns, "accumulator length must equal the column count")
        m.storage.withUnsafeBufferPointer { src in
            accumulator.withUnsafeMutableBufferPointer { acc in
                var r = 0
                while r < m.rows {
                    let row = src.baseAddress! + r * columns
                    var c = 0
                    while c < columns { acc[c] += row[c]; c &+= 1 }
                    r &+= 1
                }
            }
        }
    }

    /// Adds `source` element-wise into `destination` (equal lengths).
    static func add(_ source: [Float], into destination: inout [Float]) {
        precondition(source.count == destination.count, "arrays must have equal length")
        destination.withUnsafeMutableBufferPointer { d in
            source.withUnsafeBufferPointer { s in
                var i = 0
                while i < d.count { d[i] += s[i]; i &+= 1 }
            }
        }
    }

    /// Returns the columns `range` of `m` as a new matrix.
    static func columns(_ range: Range<Int>, of m: Matrix) -> Matrix {
        var out = Matrix(rows: m.rows, columns: range.count)
        for r in 0..<m.rows {
            for (j, c) in range.enumerated() {
                out.storage[r * range.count + j] = m.storage[r * m.columns + c]
            }
        }
        return out
    }

    /// Concatenates matrices with equal row counts side by side.
    static func concatenateColumns(_ parts: [Matrix]) -> Matrix {
        guard let first = parts.first else { return Matrix(rows: 0, columns: 0) }
        let rows = first.rows
        let total = parts.reduce(0) { $0 + $1.columns }
        var out = Matrix(rows: rows, columns: total)
        var offset = 0
        for part in parts {
            precondition(part.rows == rows, "all parts must have the same row count")
            for r in 0..<rows {
                for c in 0..<part.columns {
                    out.storage[r * total + offset + c] = part.storage[r * part.columns + c]
                }
            }
            offset += part.columns
        }
        return out
    }
}
