/// Where and how to POST alerts as JSON.
public struct WebhookConfig: Sendable, Equatable {
    /// The endpoint, an `http://` URL (for https, point this at a local TLS relay such as stunnel).
    public var url: String
    /// Shared secret for the `X-Signature-256` header; nil sends unsigned requests.
    public var secret: String?
    /// Timeouts and size limits of the HTTP exchange.
    public var client: HTTPClient

    /// Creates a webhook configuration.
    public init(url: String, secret: String? = nil, client: HTTPClient = HTTPClient()) {
        self.url = url
        self.secret = secret
        self.client = client
    }
}
