/// A minimal blocking HTTP/1.1 client over plain TCP sockets, for POSTing alerts.
///
/// One request per connection (`Connection: close`), IPv4 and IPv6, timeouts on connect, on
/// every send/receive and on the whole exchange; responses framed by Content-Length, chunked
/// coding or connection close. Only `http://` URLs: there is no TLS. For an https endpoint, put
/// a local TLS relay (stunnel in client mode, or a local reverse proxy) in front and point the
/// client at its `http://127.0.0.1:<port>` address.
public struct HTTPClient: Sendable, Equatable {
    /// Seconds to wait for the TCP connection to open.
    public var connectTimeout: Double
    /// Seconds any single send or receive may block.
    public var ioTimeout: Double
    /// Seconds the whole exchange (connect to last byte) may take.
    public var totalTimeout: Double
    /// The largest response body accepted, in bytes.
    public var maxResponseBytes: Int

    /// Creates a client with the given limits (defaults suit alert delivery).
    public init(connectTimeout: Double = 5, ioTimeout: Double = 10, totalTimeout: Double = 30, maxResponseBytes: Int = 1 << 20) {
        self.connectTimeout = connectTimeout
        self.ioTimeout = ioTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Headers the client writes itself; callers may not set them.
    static let managedHeaders: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    /// Sends `POST` with `headers` and `body` (as Content-Length) to `url` and returns the server's reply.
    ///
    /// Any status is returned; deciding what counts as success is the caller's job. Throws
    /// `HTTPClientError` for invalid headers or an unreadable reply, `NetworkError` for socket problems.
    public func post(_ url: HTTPURL, headers: [HTTPHeader], body: [UInt8]) throws -> HTTPResponse {
        try send(method: "POST", url: url, headers: headers, body: body)
    }

    /// Sends one request with `method` and returns the final response.
    public func send(method: String, url: HTTPURL, headers: [HTTPHeader], body: [UInt8]) throws -> HTTPResponse {
        let head = try Self.requestHead(method: method, url: url, headers: headers, bodyLength: body.count)
        let connection = try TCPConnection(host: url.host, port: url.port, connectTimeout: connectTimeout,
                                           ioTimeout: ioTimeout, totalTimeout: totalTimeout)
        defer { connection.close() }
        try connection.write(Array(head.utf8) + body)
        return try HTTPResponseReader(connection: connection, maxBodyBytes: maxResponseBytes).read(method: method)
    }

    /// The request line and header section, ending with the empty line.
    static func requestHead(method: String, url: HTTPURL, headers: [HTTPHeader], bodyLength: Int) throws -> String {
        guard !method.isEmpty, method.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw HTTPClientError(.invalidHeader, "request method '\(method)' is not an upper-case token like POST")
        }
        var head = "\(method) \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\n"
        for header in headers {
            try validate(header)
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "Content-Length: \(bodyLength)\r\nConnection: close\r\n\r\n"
        return head
    }

    /// Refuses names that are not tokens, values with control characters, and client-managed names.
    private static func validate(_ header: HTTPHeader) throws {
        let tokenExtras = Set("!#$%&'*+-.^_`|~")
        let nameOK = !header.name.isEmpty && header.name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || tokenExtras.contains($0) }
        guard nameOK else {
            throw HTTPClientError(.invalidHeader, "header name '\(header.name)' is not a valid HTTP token; use letters, digits and '-'")
        }
        guard !header.value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else {
            throw HTTPClientError(.invalidHeader, "the value of header '\(header.name)' contains a line break or control character; remove it")
        }
        guard !managedHeaders.contains(header.name.lowercased()) else {
            throw HTTPClientError(.invalidHeader, "header '\(header.name)' is set by the client itself; do not pass it")
        }
    }
}
