/// Point-wise activation applied after an affine layer.
public enum Activation: String, Codable, Sendable, Equatable {
    /// Identity.
    case linear
    /// `max(0, x)`.
    case relu

    /// Applies the activation to every element of `m` in place.
    func apply(_ m: inout Matrix) {
        switch self {
        case .linear:
            return
        case .relu:
            m.storage.withUnsafeMutableBufferPointer { p in
                var i = 0
                while i < p.count {
                    if !(p[i] > 0) { p[i] = 0 }
                    i &+= 1
                }
            }
        }
    }

    /// Multiplies `gradient` by the activation's derivative, given the activation `output`.
    func backward(output: Matrix, gradient: inout Matrix) {
        switch self {
        case .linear:
            return
        case .relu:
            output.storage.withUnsafeBufferPointer { y in
                gradient.storage.withUnsafeMutableBufferPointer { g in
                    var i = 0
                    while i < g.count {
                        if !(y[i] > 0) { g[i] = 0 }
                        i &+= 1
                    }
                }
            }
        }
    }
}
