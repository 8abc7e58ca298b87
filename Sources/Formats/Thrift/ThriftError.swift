/// A Thrift compact-protocol structure could not be decoded: what was wrong and at which byte.
public struct ThriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset within the decoded buffer where the problem was found.
    public var offset: Int
    /// What was wrong.
    public var message: String

    /// Creates an error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `message (at byte N)`.
    public var description: String { "\(message) (at byte \(offset))" }
}
