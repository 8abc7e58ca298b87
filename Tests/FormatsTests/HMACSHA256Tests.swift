import Formats
import Testing

/// RFC 4231 section 4 test cases 1-7 for HMAC-SHA-256.
@Suite struct HMACSHA256Tests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func case1ShortKey() {
        let mac = HMACSHA256.hexAuthenticationCode(key: [UInt8](repeating: 0x0b, count: 20), message: bytes("Hi There"))
        #expect(mac == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func case2KeyShorterThanOutput() {
        let mac = HMACSHA256.hexAuthenticationCode(key: "Jefe", message: "what do ya want for nothing?")
        #expect(mac == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func case3CombinedKeyAndDataOf50Bytes() {
        let mac = HMACSHA256.hexAuthenticationCode(key: [UInt8](repeating: 0xaa, count: 20),
                                                   message: [UInt8](repeating: 0xdd, count: 50))
        #expect(mac == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    @Test func case4TwentyFiveByteKey() {
        let mac = HMACSHA256.hexAuthenticationCode(key: Array(1...25), message: [UInt8](repeating: 0xcd, count: 50))
        #expect(mac == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    @Test func case5TruncatedTo128Bits() {
        let mac = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0x0c, count: 20), message: bytes("Test With Truncation"))
        #expect(mac.count == 32)
        #expect(SHA256.hex(of: Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func case6KeyLargerThanBlock() {
        let mac = HMACSHA256.hexAuthenticationCode(key: [UInt8](repeating: 0xaa, count: 131),
                                                   message: bytes("Test Using Larger Than Block-Size Key - Hash Key First"))
        #expect(mac == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func case7KeyAndDataLargerThanBlock() {
        let message = "This is a test using a larger than block-size key and a larger than block-size data."
            + " The key needs to be hashed before being used by the HMAC algorithm."
        let mac = HMACSHA256.hexAuthenticationCode(key: [UInt8](repeating: 0xaa, count: 131), message: bytes(message))
        #expect(mac == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    @Test func keyOfExactlyOneBlockIsNotHashed() {
        let key = [UInt8](repeating: 0x42, count: 64)
        let hashed = { () -> [UInt8] in var h = SHA256(); h.update(key); return h.finalize() }()
        #expect(HMACSHA256.authenticationCode(key: key, message: bytes("x")) != HMACSHA256.authenticationCode(key: hashed, message: bytes("x")))
    }
}
