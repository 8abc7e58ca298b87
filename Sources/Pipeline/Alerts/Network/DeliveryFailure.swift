/// An error from a delivery attempt that knows whether trying again later can help.
///
/// The dispatcher retries transient failures (timeouts, refused connections, HTTP 5xx, SMTP 4xx)
/// and gives up at once on permanent ones (bad configuration, HTTP 4xx, SMTP 5xx).
public protocol DeliveryFailure: Error, Sendable, CustomStringConvertible {
    /// True when the same attempt may succeed later without changing the configuration.
    var isTransient: Bool { get }
}
