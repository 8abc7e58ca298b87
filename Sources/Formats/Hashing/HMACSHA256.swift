/// HMAC-SHA256 (RFC 2104 with SHA-256 as the hash): a keyed message authentication code.
///
/// Used to sign webhook bodies so a receiver holding the same secret can check that the body
/// came from us and was not altered.
public enum HMACSHA256 {
    /// SHA-256 processes 64-byte blocks; keys are padded or hashed to this length.
    public static let blockSize = 64

    /// The 32-byte authentication code of `message` under `key` (keys longer than 64 bytes are hashed first).
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var blockKey = key
        if blockKey.count > blockSize {
            var keyHasher = SHA256()
            keyHasher.update(blockKey)
            blockKey = keyHasher.finalize()
        }
        blockKey += [UInt8](repeating: 0, count: blockSize - blockKey.count)

        var inner = SHA256()
        inner.update(blockKey.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()

        var outer = SHA256()
        outer.update(blockKey.map { $0 ^ 0x5c })
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// The authentication code of `message` under `key` as 64 lowercase hex digits.
    public static func hexAuthenticationCode(key: [UInt8], message: [UInt8]) -> String {
        SHA256.hex(of: authenticationCode(key: key, message: message))
    }

    /// The authentication code of the UTF-8 bytes of `message` under the UTF-8 bytes of `key`, as lowercase hex.
    public static func hexAuthenticationCode(key: String, message: String) -> String {
        hexAuthenticationCode(key: Array(key.utf8), message: Array(message.utf8))
    }
}
