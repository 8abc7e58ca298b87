import Foundation
import Formats

/// POSTs alert JSON to a webhook, signed with HMAC-SHA256 when a secret is configured.
///
/// Headers sent: `Content-Type: application/json`, `User-Agent: demandplanner`, `X-Alert-Id`,
/// and, with a secret, `X-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes>` (the
/// receiver recomputes it over the raw body it received and compares in constant time).
/// Plain `http://` only; see `HTTPClient` for putting a TLS relay in front of an https receiver.
public struct WebhookSender: Sendable {
    /// The parsed endpoint.
    public let url: HTTPURL
    /// The configuration this sender was made from.
    public let config: WebhookConfig

    /// Validates the configuration; throws `HTTPClientError` for a URL that is not `http://host[:port]/path`.
    public init(config: WebhookConfig) throws {
        self.config = config
        url = try HTTPURL(parsing: config.url)
    }

    /// `sha256=<hex>`: the signature header value for `body` under `secret`.
    public static func signature(of body: [UInt8], secret: String) -> String {
        "sha256=" + HMACSHA256.hexAuthenticationCode(key: Array(secret.utf8), message: body)
    }

    /// The header fields for one delivery of `body` (exposed so receivers and tests can compare).
    public func headers(alertId: String, body: [UInt8]) -> [HTTPHeader] {
        var headers = [
            HTTPHeader("Content-Type", "application/json"),
            HTTPHeader("User-Agent", "demandplanner"),
            HTTPHeader("X-Alert-Id", alertId),
        ]
        if let secret = config.secret, !secret.isEmpty {
            headers.append(HTTPHeader("X-Signature-256", Self.signature(of: body, secret: secret)))
        }
        return headers
    }

    /// POSTs `body` (JSON) once and returns the 2xx response.
    ///
    /// Throws `WebhookError` for a non-2xx status (with the first 200 bytes of the reply),
    /// `HTTPClientError` for an invalid body or garbled reply, `NetworkError` for socket problems.
    @discardableResult
    public func send(alertId: String, body: [UInt8]) throws -> HTTPResponse {
        guard (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) != nil else {
            throw HTTPClientError(.invalidBody, "the alert body for \(alertId) is not valid JSON; the webhook expects application/json")
        }
        let response = try config.client.post(url, headers: headers(alertId: alertId, body: body), body: body)
        guard response.isSuccess else {
            throw WebhookError(url: url.description, status: response.status, reason: response.reason,
                               bodyPrefix: String(decoding: response.body.prefix(200), as: UTF8.self))
        }
        return response
    }
}
