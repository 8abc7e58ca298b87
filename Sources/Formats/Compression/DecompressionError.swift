/// Compressed data could not be decoded: says what was wrong and at which input byte.
///
/// Readers that know the file (zip, gzip files on disk) wrap this into a `FormatError` naming it.
public struct DecompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 0-based offset in the compressed input where the problem was noticed.
    public var offset: Int
    /// What was wrong and what was expected instead.
    public var message: String

    /// Creates an error at `offset` in the compressed input.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `message (at compressed byte N)`.
    public var description: String { "\(message) (at compressed byte \(offset))" }
}
