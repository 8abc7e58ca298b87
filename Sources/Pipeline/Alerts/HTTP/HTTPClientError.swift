/// An HTTP exchange could not be made or understood: says what and what to change.
public struct HTTPClientError: DeliveryFailure, Equatable {
    /// The class of problem.
    public enum Kind: String, Sendable {
        /// The URL is not an absolute `http://host[:port]/path` URL.
        case invalidURL
        /// The URL is `https://` (or another scheme), which this client does not speak.
        case unsupportedScheme
        /// A request header name or value would break the request (CR, LF, reserved header).
        case invalidHeader
        /// The request body is not what the content type promises (for example invalid JSON).
        case invalidBody
        /// The server's reply is not valid HTTP/1.x.
        case malformedResponse
        /// The server's reply is larger than the configured limit.
        case responseTooLarge
    }

    /// The class of problem.
    public var kind: Kind
    /// What failed and what to do.
    public var message: String

    /// Creates an error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Configuration problems are permanent; a garbled reply may be a passing proxy hiccup.
    public var isTransient: Bool { kind == .malformedResponse || kind == .responseTooLarge }

    /// `HTTP <kind>: message`.
    public var description: String { "HTTP \(kind.rawValue): \(message)" }
}
