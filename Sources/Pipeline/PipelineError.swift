/// Something a run, its configuration or its store could not do, said so a person can act on it.
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure, for callers that choose an exit code or an alert by it.
    public enum Kind: String, Sendable {
        case config, database, io, input, state, timeout, replay, usage
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The full message: what, where (file, line, field or JSON path) and what was expected.
    public var description: String

    /// Whether trying again cannot help: the vendor's file or the configuration is at fault, and a
    /// run reads the same archived inputs and config on every attempt. The orchestrator does not
    /// retry such errors.
    public var isLasting: Bool { kind == .input || kind == .config || kind == .usage }

    /// Creates an error of `kind` with a message.
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// A configuration value at `jsonPath` in `file` is wrong.
    public static func config(file: String, jsonPath: String, message: String) -> PipelineError {
        PipelineError(.config, "\(file): \(jsonPath): \(message)")
    }

    /// The SQLite database at `path` refused an operation.
    public static func database(path: String, message: String) -> PipelineError {
        PipelineError(.database, "database \(path): \(message)")
    }

    /// A file system operation on `path` failed.
    public static func io(path: String, message: String) -> PipelineError {
        PipelineError(.io, "\(path): \(message)")
    }
}
