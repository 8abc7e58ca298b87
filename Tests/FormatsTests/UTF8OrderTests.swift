import Testing
import Formats

/// `utf8Precedes` is byte order, as `utf8.lexicographicallyPrecedes` is.
@Suite struct UTF8OrderTests {
    @Test func matchesByteByByteOrder() {
        let words = ["", "a", "A", "a0", "ab", "abc", "ab\u{0}", "Ä", "A\u{308}", "z", "é", "日本", "日", "🎉", "a long string past the small-string size"]
        for left in words {
            for right in words {
                #expect(left.utf8Precedes(right) == left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) vs \(right)")
            }
        }
    }
}
