import Foundation
import Glibc

/// A TCP server on 127.0.0.1 with an ephemeral port, serving each accepted connection on a background thread.
public final class TestServer: @unchecked Sendable {
    /// The port the server listens on.
    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (ServerConnection, Int) -> Void
    private let finished = DispatchSemaphore(value: 0)

    /// Starts listening on 127.0.0.1 (or ::1 when `ipv6`); `handler` gets each connection and its 0-based index.
    public init(ipv6: Bool = false, handler: @escaping @Sendable (ServerConnection, Int) -> Void) throws {
        self.handler = handler
        let family = ipv6 ? AF_INET6 : AF_INET
        let listener = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var storage = sockaddr_storage()
        var length: socklen_t
        if ipv6 {
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    $0.pointee.sin6_family = sa_family_t(AF_INET6)
                    $0.pointee.sin6_addr = in6addr_loopback
                }
            }
        } else {
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    $0.pointee.sin_family = sa_family_t(AF_INET)
                    $0.pointee.sin_addr.s_addr = inet_addr("127.0.0.1")
                }
            }
        }
        let bound = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard listener >= 0, bound == 0, listen(listener, 16) == 0 else {
            throw TestServerError(message: "bind/listen: \(String(cString: strerror(errno)))")
        }
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let networkPort = withUnsafePointer(to: &storage) { pointer in
            ipv6 ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port }
                 : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
        }
        self.port = Int(UInt16(bigEndian: networkPort))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { _ = close(listener) }

    /// Stops accepting and waits (at most 5 s) for the accept loop to end.
    public func stop() {
        _ = shutdown(listener, Int32(SHUT_RDWR))
        _ = finished.wait(timeout: .now() + 5)
    }

    private func acceptLoop() {
        defer { finished.signal() }
        var index = 0
        while true {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 15_000)
            if ready <= 0 || entry.revents & Int16(POLLIN) == 0 { return }
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            let connection = ServerConnection(descriptor: client)
            handler(connection, index)
            connection.close()
            index += 1
        }
    }
}

/// A problem setting up the test server.
public struct TestServerError: Error { var message: String }

/// The server side of one accepted connection: line and byte reads, writes.
public final class ServerConnection {
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        var value = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    public func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor); descriptor = -1 }
    }

    /// The next line including its line ending, or nil at end of stream.
    public func readRawLine() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[...newline])
                buffer.removeFirst(newline + 1)
                return line
            }
            if !fill() { return nil }
        }
    }

    /// The next line without CRLF, or nil at end of stream.
    public func readLine() -> String? {
        guard var raw = readRawLine() else { return nil }
        if raw.last == 0x0A { raw.removeLast() }
        if raw.last == 0x0D { raw.removeLast() }
        return String(decoding: raw, as: UTF8.self)
    }

    /// Exactly `count` bytes, or fewer at end of stream.
    public func read(count: Int) -> [UInt8] {
        while buffer.count < count { if !fill() { break } }
        let bytes = Array(buffer.prefix(count))
        buffer.removeFirst(bytes.count)
        return bytes
    }

    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count <= 0 { return false }
        buffer += chunk[0..<count]
        return true
    }
}

/// A value shared between the server thread and the test, behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withValue<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }

    public var current: Value { withValue { $0 } }
}
