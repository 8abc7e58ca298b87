/// Why a checkpoint could not be read or applied.
public enum CheckpointError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The data ends before a required section.
    case truncated(section: String)
    /// The file does not start with the checkpoint magic bytes.
    case badMagic
    /// The format version is not one this build can read.
    case unsupportedVersion(found: Int, supported: Int)
    /// The JSON header could not be parsed or is inconsistent.
    case malformedHeader(String)
    /// The tensors use an element type other than `float32`.
    case unsupportedDType(String)
    /// The stored architecture differs from the model being loaded into.
    case architectureMismatch(String)
    /// A tensor's name or shape differs from what the architecture requires.
    case tensorMismatch(String)
    /// The payload length differs from the header's declaration.
    case payloadSizeMismatch(expected: Int, found: Int)
    /// The payload's SHA-256 differs from the header's (the data is corrupted).
    case hashMismatch(expected: String, found: String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .truncated(let section): return "checkpoint is truncated (missing \(section))"
        case .badMagic: return "not a checkpoint: magic bytes do not match"
        case .unsupportedVersion(let found, let supported):
            return "checkpoint format version \(found) is not supported (this build reads version \(supported))"
        case .malformedHeader(let reason): return "checkpoint header is malformed: \(reason)"
        case .unsupportedDType(let dtype): return "checkpoint dtype \"\(dtype)\" is not supported (expected float32)"
        case .architectureMismatch(let reason): return "checkpoint architecture does not match the model: \(reason)"
        case .tensorMismatch(let reason): return "checkpoint tensors do not match the architecture: \(reason)"
        case .payloadSizeMismatch(let expected, let found):
            return "checkpoint payload has \(found) bytes, header declares \(expected)"
        case .hashMismatch(let expected, let found):
            return "checkpoint payload is corrupted: SHA-256 \(found) does not match header \(expected)"
        }
    }
}
