import Glibc

/// One address a host name resolved to, ready for `socket` and `connect`.
struct ResolvedAddress {
    /// AF_INET or AF_INET6.
    var family: Int32
    /// The raw socket address (sockaddr_in or sockaddr_in6 bytes).
    var storage: sockaddr_storage
    /// The number of meaningful bytes in `storage`.
    var length: socklen_t
}

/// Host name lookup through getaddrinfo, IPv4 and IPv6 alike.
enum AddressResolver {
    /// Every TCP address of `host` for `port`, in the resolver's preferred order.
    static func resolve(host: String, port: Int) throws -> [ResolvedAddress] {
        let peer = NetworkPeer.describe(host: host, port: port)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no addresses returned" : String(cString: gai_strerror(status))
            // EAI_NONAME is a wrong name in the configuration; EAI_AGAIN is a resolver hiccup.
            throw NetworkError(operation: .resolve, peer: peer,
                               message: "\(reason); check the host name in the alert channel configuration and the machine's DNS",
                               isTransient: status != EAI_NONAME)
        }
        defer { freeaddrinfo(first) }
        var addresses: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            let info = entry.pointee
            if let address = info.ai_addr, info.ai_family == AF_INET || info.ai_family == AF_INET6 {
                var storage = sockaddr_storage()
                let length = min(Int(info.ai_addrlen), MemoryLayout<sockaddr_storage>.size)
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: length))
                }
                addresses.append(ResolvedAddress(family: info.ai_family, storage: storage, length: socklen_t(length)))
            }
            cursor = info.ai_next
        }
        if addresses.isEmpty {
            throw NetworkError(operation: .resolve, peer: peer, message: "no IPv4 or IPv6 address found", isTransient: false)
        }
        return addresses
    }
}

/// Formatting of `host:port` for messages.
enum NetworkPeer {
    /// `host:port`, with IPv6 literals in brackets.
    static func describe(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
