/// Page data could not be decoded; the reader adds the file, column and row group before reporting it.
public struct ParquetDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
