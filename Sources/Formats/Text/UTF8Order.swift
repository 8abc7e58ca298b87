import Glibc

extension String {
    /// Whether the string's UTF-8 bytes sort before `other`'s (byte order, a shorter prefix first): the
    /// order of `utf8.lexicographicallyPrecedes`, compared with `memcmp` instead of a byte at a time.
    public func utf8Precedes(_ other: String) -> Bool {
        var left = self, right = other
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let shared = min(a.count, b.count)
                let order = shared == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, shared)
                return order < 0 || (order == 0 && a.count < b.count)
            }
        }
    }
}
