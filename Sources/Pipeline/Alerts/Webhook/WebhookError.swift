/// The webhook endpoint answered with a non-2xx status.
public struct WebhookError: DeliveryFailure, Equatable {
    /// The endpoint that was called.
    public var url: String
    /// The HTTP status received.
    public var status: Int
    /// The reason phrase received.
    public var reason: String
    /// The first 200 bytes of the response body, as text (invalid UTF-8 replaced).
    public var bodyPrefix: String

    /// Creates an error for a response.
    public init(url: String, status: Int, reason: String, bodyPrefix: String) {
        self.url = url
        self.status = status
        self.reason = reason
        self.bodyPrefix = bodyPrefix
    }

    /// 5xx, 408 (timeout) and 429 (rate limited) may pass; other statuses need a configuration change.
    public var isTransient: Bool { status >= 500 || status == 408 || status == 429 }

    /// `webhook http://… answered 500 Internal Server Error: <body>; hint`.
    public var description: String {
        let hint: String
        switch status {
        case 401, 403: hint = "check that the webhook secret matches the receiver's"
        case 404, 405: hint = "check the webhook URL and path"
        case 400, 415, 422: hint = "the receiver rejected the JSON body; check what it expects"
        case 429: hint = "the receiver is rate limiting; it will be retried"
        default: hint = isTransient ? "the receiver has a problem; it will be retried" : "check the receiver's logs"
        }
        let body = bodyPrefix.isEmpty ? "(empty body)" : "'\(bodyPrefix)'"
        return "webhook \(url) answered \(status) \(reason): \(body); \(hint)"
    }
}
