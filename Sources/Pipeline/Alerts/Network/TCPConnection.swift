import Glibc

/// A blocking TCP client connection with timeouts and a read buffer for line-based protocols.
///
/// The connect timeout is enforced with a non-blocking connect and `poll`; afterwards the socket is
/// blocking with SO_SNDTIMEO/SO_RCVTIMEO set to the I/O timeout, and the whole exchange is also
/// bounded by an overall deadline so a peer trickling one byte at a time cannot hold us forever.
/// Not thread-safe: one exchange on one thread.
final class TCPConnection {
    /// `host:port`, for messages.
    let peer: String
    private var socketDescriptor: Int32
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private let deadline: Double

    /// Connects to the first address of `host` that accepts within `connectTimeout` seconds.
    ///
    /// - Parameters:
    ///   - ioTimeout: seconds any single send or receive may block.
    ///   - totalTimeout: seconds the whole connection may be used, counted from now.
    init(host: String, port: Int, connectTimeout: Double, ioTimeout: Double, totalTimeout: Double) throws {
        peer = NetworkPeer.describe(host: host, port: port)
        deadline = MonotonicClock.seconds() + totalTimeout
        var failures: [String] = []
        var allPermanent = true
        for address in try AddressResolver.resolve(host: host, port: port) {
            do {
                socketDescriptor = try Self.open(address, peer: peer, timeout: connectTimeout)
                try Self.setTimeouts(socketDescriptor, seconds: ioTimeout, peer: peer)
                return
            } catch let error as NetworkError {
                failures.append(error.message)
                allPermanent = allPermanent && !error.isTransient
            }
        }
        throw NetworkError(operation: .connect, peer: peer,
                           message: failures.joined(separator: "; ") + "; check that the service is running and reachable from this machine",
                           isTransient: !allPermanent)
    }

    /// Closes the socket if `close()` was not called.
    deinit { close() }

    /// Closes the socket (idempotent).
    func close() {
        if socketDescriptor >= 0 {
            _ = Glibc.close(socketDescriptor)
            socketDescriptor = -1
        }
    }

    /// Writes every byte of `bytes`, or throws.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            try checkDeadline(.send)
            let sent = bytes.withUnsafeBytes { raw in
                send(socketDescriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                let code = errno
                if code == EINTR { continue }
                throw NetworkError(operation: .send, peer: peer, message: Self.describe(errno: code))
            }
            offset += sent
        }
    }

    /// Writes the UTF-8 bytes of `text`.
    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// The next line without its LF (and without the CR before it), at most `maxLength` bytes.
    func readLine(maxLength: Int = 65_536) throws -> [UInt8] {
        var scanned = 0  // bytes after bufferStart already known to hold no LF
        while true {
            if let newline = buffer[(bufferStart + scanned)...].firstIndex(of: 0x0A) {
                var end = newline
                if end > bufferStart && buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[bufferStart..<end])
                bufferStart = newline + 1
                return line
            }
            if buffer.count - bufferStart > maxLength {
                throw NetworkError(operation: .receive, peer: peer,
                                   message: "a line longer than \(maxLength) bytes arrived; the peer does not speak the expected protocol",
                                   isTransient: false)
            }
            scanned = buffer.count - bufferStart
            if try fill() == 0 {
                throw NetworkError(operation: .receive, peer: peer,
                                   message: "the connection closed in the middle of a line (\(buffer.count - bufferStart) bytes received)")
            }
        }
    }

    /// Exactly `count` bytes, or throws when the peer closes first.
    func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count - bufferStart < count {
            if try fill() == 0 {
                throw NetworkError(operation: .receive, peer: peer,
                                   message: "the connection closed after \(buffer.count - bufferStart) of \(count) expected bytes")
            }
        }
        let bytes = Array(buffer[bufferStart..<(bufferStart + count)])
        bufferStart += count
        return bytes
    }

    /// Everything until the peer closes, cut at `limit` bytes (reading stops once the limit is passed).
    func readToEnd(limit: Int) throws -> [UInt8] {
        while try fill() > 0 {
            if buffer.count - bufferStart > limit { break }
        }
        let end = min(buffer.count, bufferStart + limit)
        let bytes = Array(buffer[bufferStart..<end])
        bufferStart = buffer.count
        return bytes
    }

    /// Receives one chunk into the buffer; returns its size (0 at end of stream).
    private func fill() throws -> Int {
        if bufferStart > 0 && bufferStart == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            bufferStart = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            try checkDeadline(.receive)
            let received = chunk.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
            if received < 0 {
                let code = errno
                if code == EINTR { continue }
                throw NetworkError(operation: .receive, peer: peer, message: Self.describe(errno: code))
            }
            buffer.append(contentsOf: chunk[0..<received])
            return received
        }
    }

    private func checkDeadline(_ operation: NetworkError.Operation) throws {
        if MonotonicClock.seconds() > deadline {
            throw NetworkError(operation: operation, peer: peer,
                               message: "the exchange took longer than its overall time limit; the peer is too slow or stalled")
        }
    }

    /// Opens a socket for `address` and connects it within `timeout` seconds.
    private static func open(_ address: ResolvedAddress, peer: String, timeout: Double) throws -> Int32 {
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw NetworkError(operation: .connect, peer: peer, message: "socket(): \(describe(errno: errno))")
        }
        var success = false
        defer { if !success { _ = Glibc.close(descriptor) } }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        var storage = address.storage
        let status = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, address.length) }
        }
        if status != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EINTR else {
                throw NetworkError(operation: .connect, peer: peer, message: describe(errno: code))
            }
            try waitUntilConnected(descriptor, peer: peer, timeout: timeout)
        }
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        success = true
        return descriptor
    }

    /// Polls a connecting socket until it is writable, then reads the connect result from SO_ERROR.
    private static func waitUntilConnected(_ descriptor: Int32, peer: String, timeout: Double) throws {
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            let remaining = deadline - MonotonicClock.seconds()
            if remaining <= 0 {
                throw NetworkError(operation: .connect, peer: peer,
                                   message: "no answer within \(timeout) s (connect timeout)")
            }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&entry, 1, Int32(max(1, min(remaining * 1000, Double(Int32.max)))))
            if ready < 0 {
                if errno == EINTR { continue }
                throw NetworkError(operation: .connect, peer: peer, message: "poll(): \(describe(errno: errno))")
            }
            if ready == 0 { continue }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
            if socketError != 0 {
                throw NetworkError(operation: .connect, peer: peer, message: describe(errno: socketError))
            }
            return
        }
    }

    /// Sets SO_SNDTIMEO and SO_RCVTIMEO so a blocked send or receive fails with EAGAIN after `seconds`.
    private static func setTimeouts(_ descriptor: Int32, seconds: Double, peer: String) throws {
        let whole = seconds.rounded(.down)
        var value = timeval(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
        for option in [SO_SNDTIMEO, SO_RCVTIMEO] {
            if setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) != 0 {
                throw NetworkError(operation: .connect, peer: peer, message: "setsockopt(timeout): \(describe(errno: errno))")
            }
        }
    }

    /// The system's text for `code`, with timeouts spelled out.
    static func describe(errno code: Int32) -> String {
        if code == EAGAIN || code == EWOULDBLOCK { return "timed out (no data within the I/O timeout)" }
        return String(cString: strerror(code))
    }
}

/// Monotonic seconds (immune to wall-clock changes) for timeouts.
enum MonotonicClock {
    /// Seconds since an arbitrary fixed point.
    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
