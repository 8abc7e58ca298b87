/// Layout helpers for sequences: batch-major tensors ↔ time-major matrices, and static features
/// repeated at every timestep.
public enum SequenceOps {
    /// Converts a `(batch, time, features)` tensor to a time-major matrix `(time * batch, features)`.
    public static func timeMajor(_ input: Tensor) -> Matrix {
        precondition(input.rank == 3, "expected a (batch, time, features) tensor")
        let batch = input.shape[0], time = input.shape[1], features = input.shape[2]
        var out = Matrix(rows: time * batch, columns: features)
        input.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for b in 0..<batch {
                    for t in 0..<time {
                        (dst.baseAddress! + (t * batch + b) * features)
                            .update(from: src.baseAddress! + (b * time + t) * features, count: features)
                    }
                }
            }
        }
        return out
    }

    /// Appends the static row of each sample `(batch, staticFeatures)` to every timestep of a
    /// time-major sequence `(time * batch, features)`.
    public static func appendStatic(_ sequence: Matrix, _ staticFeatures: Matrix, batch: Int, time: Int) -> Matrix {
        precondition(sequence.rows == time * batch && staticFeatures.rows == batch, "sequence and static batch sizes differ")
        let f = sequence.columns, s = staticFeatures.columns, width = f + s
        var out = Matrix(rows: time * batch, columns: width)
        for t in 0..<time {
            for b in 0..<batch {
                let row = t * batch + b
                for j in 0..<f { out.storage[row * width + j] = sequence.storage[row * f + j] }
                for j in 0..<s { out.storage[row * width + f + j] = staticFeatures.storage[b * s + j] }
            }
        }
        return out
    }

    /// Splits the gradient of `appendStatic`'s output into the static part, summed over time.
    ///
    /// Returns `(batch, width − sequenceFeatures)`; the sequence part is not needed by callers.
    public static func staticGradient(_ gradient: Matrix, sequenceFeatures f: Int, batch: Int, time: Int) -> Matrix {
        let width = gradient.columns, s = width - f
        var out = Matrix(rows: batch, columns: s)
        for t in 0..<time {
            for b in 0..<batch {
                let row = t * batch + b
                for j in 0..<s { out.storage[b * s + j] += gradient.storage[row * width + f + j] }
            }
        }
        return out
    }
}
