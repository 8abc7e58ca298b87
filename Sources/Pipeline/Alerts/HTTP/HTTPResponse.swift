/// One header field as `name: value`.
public struct HTTPHeader: Sendable, Equatable {
    /// The field name as sent (compared case-insensitively).
    public var name: String
    /// The field value without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A server's reply: status, headers and the (de-chunked) body.
public struct HTTPResponse: Sendable, Equatable {
    /// The three-digit status code.
    public var status: Int
    /// The reason phrase after the code (may be empty).
    public var reason: String
    /// Header fields in the order received.
    public var headers: [HTTPHeader]
    /// The body bytes, with chunked transfer coding removed.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, reason: String, headers: [HTTPHeader], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// True for 2xx statuses.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
