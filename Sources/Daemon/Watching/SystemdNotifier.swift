import Foundation
import Glibc

/// sd_notify(3) without libsystemd: datagrams to `$NOTIFY_SOCKET` (path or abstract `@name`).
public struct SystemdNotifier: Sendable {
    /// The socket address from the environment, or `nil` when not run by systemd.
    public let socketPath: String?
    /// Half of `$WATCHDOG_USEC` in seconds, when systemd expects watchdog pings.
    public let watchdogInterval: Double?

    /// Reads `NOTIFY_SOCKET` and `WATCHDOG_USEC` from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = environment["WATCHDOG_USEC"], let usec = Double(text), usec > 0 {
            watchdogInterval = usec / 2 / 1_000_000
        } else {
            watchdogInterval = nil
        }
    }

    /// Sends `READY=1`.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    /// Sends a `STATUS=` line saying what the daemon is doing.
    public func status(_ text: String) { send("STATUS=\(text)") }
    /// Sends `WATCHDOG=1`.
    public func watchdog() { send("WATCHDOG=1") }
    /// Sends `STOPPING=1`.
    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }
    /// Sends `RELOADING=1` … `READY=1` around a config reload.
    public func reloading() { send("RELOADING=1") }

    /// Sends one notification; failures are ignored as sd_notify does (the daemon must run without systemd).
    public func send(_ message: String) {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), socketAddress, length) }
            }
        }
    }
}
