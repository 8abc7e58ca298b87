import Foundation
import Glibc
@testable import Pipeline

/// A `demand daemon` child process with a datagram socket standing in for systemd's `$NOTIFY_SOCKET`.
final class DaemonProcess {
    let process = Process()
    let notifySocketPath: String
    private let socket: Int32
    private let received = NotificationLog()
    private var reader: Thread?
    /// Every notification received so far.
    var notifications: [String] { received.all }

    /// Starts the daemon on `root` with extra environment variables.
    init(root: TestRoot, environment: [String: String] = [:]) throws {
        notifySocketPath = "\(root.path)/notify.sock"
        unlink(notifySocketPath)
        socket = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in notifySocketPath.utf8.enumerated() { raw[index] = byte }
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        _ = fcntl(socket, F_SETFL, O_NONBLOCK)
        process.executableURL = URL(fileURLWithPath: DemandCLI.executable)
        process.arguments = ["daemon", "--root", root.path, "--quiet"]
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notifySocketPath
        env["WATCHDOG_USEC"] = "400000"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Like systemd, keep reading so the daemon's datagrams never pile up.
        let listener = self.socket, received = self.received
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !received.isClosed {
                var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 50) > 0 else { continue }
                let count = recv(listener, &buffer, buffer.count, 0)
                if count > 0 { received.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
            }
        }
        reader.start()
        self.reader = reader
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        received.close()
        usleep(120_000)
        close(socket)
    }

    /// Every notification that arrived so far (a short pause lets in-flight datagrams land).
    @discardableResult
    func collectNotifications() -> [String] {
        usleep(20_000)
        return notifications
    }

    /// Waits until a notification contains `text`.
    func waitForNotification(_ text: String, timeout: Double = 30) -> Bool {
        waitUntil(timeout: timeout) { collectNotifications().contains { $0.contains(text) } }
    }

    /// Sends a signal and waits for the process to exit, returning its status.
    func signalAndWait(_ number: Int32) -> Int32 {
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(50_000)
    }
    return condition()
}

/// Notifications collected by the reader thread.
final class NotificationLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    private var closed = false

    var all: [String] { lock.withLock { items } }
    var isClosed: Bool { lock.withLock { closed } }
    func append(_ item: String) { lock.withLock { items.append(item) } }
    func close() { lock.withLock { closed = true } }
}
