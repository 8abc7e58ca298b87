/// A TCP operation failed: names the operation, the peer and the system's reason.
public struct NetworkError: DeliveryFailure, Equatable {
    /// The step that failed.
    public enum Operation: String, Sendable {
        /// Looking the host name up (getaddrinfo).
        case resolve
        /// Opening the connection.
        case connect
        /// Writing to the connection.
        case send
        /// Reading from the connection.
        case receive
    }

    /// The step that failed.
    public var operation: Operation
    /// `host:port` of the peer.
    public var peer: String
    /// What went wrong and what to check.
    public var message: String
    /// True for conditions that may clear up by themselves (timeouts, refused or reset connections).
    public var isTransient: Bool

    /// Creates an error for `operation` against `peer`.
    public init(operation: Operation, peer: String, message: String, isTransient: Bool = true) {
        self.operation = operation
        self.peer = peer
        self.message = message
        self.isTransient = isTransient
    }

    /// `cannot connect to host:port: reason`.
    public var description: String {
        let verb: String
        switch operation {
        case .resolve: verb = "cannot resolve"
        case .connect: verb = "cannot connect to"
        case .send: verb = "cannot send to"
        case .receive: verb = "cannot read from"
        }
        return "\(verb) \(peer): \(message)"
    }
}
