/// One fast pass over raw text: whether it is pure ASCII, and how many line breaks it holds.
///
/// A line break is LF, CRLF or a lone CR, counted as the CSV reader counts lines (inside quotes too),
/// so the line a byte offset is on can be known without parsing up to it.
struct TextPrescan: Sendable {
    /// Whether every byte was below 0x80.
    var isASCII = true
    /// Line breaks in the range.
    var lineBreaks = 0

    /// Scans `text[range]`; a CR at the range's end looks at the byte after it in `text`.
    init(_ text: UnsafeRawBufferPointer, _ range: Range<Int>) {
        let bytes = text.assumingMemoryBound(to: UInt8.self)
        var index = range.lowerBound
        var high: UInt64 = 0
        var lineFeeds = 0
        var sawCarriageReturn = false
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while index + 8 <= range.upperBound {
            let word = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            high |= word
            let feeds = word ^ (ones &* 0x0A)
            let feedZero = ~(((feeds & low7) &+ low7) | feeds | low7)
            lineFeeds &+= feedZero.nonzeroBitCount
            let returns = word ^ (ones &* 0x0D)
            if ~(((returns & low7) &+ low7) | returns | low7) != 0 { sawCarriageReturn = true }
            index &+= 8
        }
        while index < range.upperBound {
            let byte = bytes[index]
            high |= UInt64(byte)
            if byte == 0x0A { lineFeeds &+= 1 } else if byte == 0x0D { sawCarriageReturn = true }
            index &+= 1
        }
        isASCII = high & 0x8080_8080_8080_8080 == 0
        lineBreaks = lineFeeds
        if sawCarriageReturn {
            for offset in range where bytes[offset] == 0x0D && !(offset + 1 < bytes.count && bytes[offset + 1] == 0x0A) {
                lineBreaks &+= 1
            }
        }
    }
}
