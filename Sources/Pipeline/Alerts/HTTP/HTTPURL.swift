import Foundation

/// An absolute `http://` URL split into what an HTTP/1.1 request needs.
///
/// Only plain `http://` is supported. For an `https://` endpoint, run a local TLS relay (for
/// example stunnel in client mode, or a reverse proxy) that listens on `http://127.0.0.1:<port>`
/// and forwards to the HTTPS endpoint, and configure that local URL instead.
public struct HTTPURL: Sendable, Equatable, CustomStringConvertible {
    /// Host name or IP address (IPv6 without brackets).
    public var host: String
    /// TCP port (80 when the URL has none).
    public var port: Int
    /// Path and query, always starting with `/` (the request target).
    public var target: String

    /// Parses `text`; throws `HTTPClientError` naming what is wrong (https, missing host, bad port, credentials).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw HTTPClientError(.invalidURL, "'\(text)' is not an absolute URL; write it as http://host[:port]/path")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" else {
            if scheme == "https" {
                throw HTTPClientError(.unsupportedScheme,
                                      "'\(text)' uses https, which this client does not speak (no TLS); run a local TLS relay such as stunnel that listens on http://127.0.0.1:<port> and forwards to the https endpoint, and configure that http URL")
            }
            throw HTTPClientError(.unsupportedScheme, "'\(text)' uses scheme '\(scheme)'; only http:// URLs are supported")
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let pathAndQuery = rest[authorityEnd...]
        target = pathAndQuery.isEmpty ? "/" : (pathAndQuery.hasPrefix("?") ? "/" + pathAndQuery : String(pathAndQuery))
        if target.contains(where: { $0 == " " || $0.isNewline }) {
            throw HTTPClientError(.invalidURL, "'\(text)' contains spaces or line breaks in its path; percent-encode them (%20)")
        }
        guard !authority.contains("@") else {
            throw HTTPClientError(.invalidURL, "'\(text)' carries user:password credentials, which are not supported; use the webhook secret (X-Signature-256) instead")
        }
        var hostPart = Substring(authority)
        var portPart: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else {
                throw HTTPClientError(.invalidURL, "'\(text)' has an IPv6 address without its closing ']'")
            }
            let afterClose = hostPart.index(after: close)
            if afterClose < hostPart.endIndex {
                guard hostPart[afterClose] == ":" else {
                    throw HTTPClientError(.invalidURL, "'\(text)' has text after the IPv6 address that is not ':port'")
                }
                portPart = hostPart[hostPart.index(after: afterClose)...]
            }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portPart = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty else {
            throw HTTPClientError(.invalidURL, "'\(text)' has no host; write it as http://host[:port]/path")
        }
        host = String(hostPart)
        if let portPart {
            guard let number = Int(portPart), (1...65_535).contains(number) else {
                throw HTTPClientError(.invalidURL, "'\(text)' has port '\(portPart)'; use a number from 1 to 65535")
            }
            port = number
        } else {
            port = 80
        }
    }

    /// The `Host` header value: the host (bracketed when IPv6) plus `:port` when not 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    /// The URL written back as `http://host[:port]/target`.
    public var description: String { "http://\(hostHeader)\(target)" }
}
