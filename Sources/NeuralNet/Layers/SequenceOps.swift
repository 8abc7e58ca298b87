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

    /// Reorders step-major rows `(steps * batch, width)`, row `s * batch + b`, into one row per
    /// sample `(batch, steps * width)` holding its steps in order.
    static func sampleMajor(_ rows: Matrix, batch: Int, steps: Int) -> Matrix {
        precondition(rows.rows == steps * batch, "expected \(steps * batch) rows, got \(rows.rows)")
        let width = rows.columns
        var out = Matrix(rows: batch, columns: steps * width)
        for s in 0..<steps {
            for b in 0..<batch {
                for j in 0..<width { out.storage[(b * steps + s) * width + j] = rows.storage[(s * batch + b) * width + j] }
            }
        }
        return out
    }

    /// The inverse of `sampleMajor`: `(batch, steps * width)` back to step-major rows.
    static func stepMajor(_ samples: Matrix, batch: Int, steps: Int) -> Matrix {
        precondition(samples.rows == batch && samples.columns % steps == 0, "expected \(batch) rows of \(steps) steps")
        let width = samples.columns / steps
        var out = Matrix(rows: steps * batch, columns: width)
        for s in 0..<steps {
            for b in 0..<batch {
                for j in 0..<width { out.storage[(s * batch + b) * width + j] = samples.storage[(b * steps + s) * width + j] }
            }
        }
        return out
    }

    /// The stepwise head's input from time-major states (row `t * batch + b`, `stride` floats
    /// apart): row `s * batch + b` holds sample `b`'s state at output step `s` (timestep
    /// `time − steps + s`) followed by its state at timestep `time − steps − 1`, the last before
    /// the output steps (zeros when there is none): `(steps * batch, 2 * units)`.
    static func horizonInput(_ states: UnsafePointer<Float>, stride: Int, units: Int, batch: Int, time: Int, steps: Int) -> Matrix {
        precondition(steps <= time, "a stepwise head needs at least \(steps) timesteps, got \(time)")
        var out = Matrix(rows: steps * batch, columns: 2 * units)
        let context = time - steps - 1
        out.storage.withUnsafeMutableBufferPointer { rows in
            for s in 0..<steps {
                for b in 0..<batch {
                    let row = rows.baseAddress! + (s * batch + b) * 2 * units
                    row.update(from: states + ((time - steps + s) * batch + b) * stride, count: units)
                    if context >= 0 { (row + units).update(from: states + (context * batch + b) * stride, count: units) }
                }
            }
        }
        return out
    }

    /// The gradient of `horizonInput` with respect to the time-major states `(time * batch, units)`.
    static func horizonGradient(_ gradient: Matrix, batch: Int, time: Int, steps: Int) -> Matrix {
        let units = gradient.columns / 2, context = time - steps - 1
        var out = Matrix(rows: time * batch, columns: units)
        for s in 0..<steps {
            for b in 0..<batch {
                let source = (s * batch + b) * 2 * units
                let own = ((time - steps + s) * batch + b) * units
                for j in 0..<units { out.storage[own + j] += gradient.storage[source + j] }
                guard context >= 0 else { continue }
                let shared = (context * batch + b) * units
                for j in 0..<units { out.storage[shared + j] += gradient.storage[source + units + j] }
            }
        }
        return out
    }
}
