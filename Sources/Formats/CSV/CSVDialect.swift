/// How a CSV file is laid out: its delimiter and whether an Excel `sep=` line precedes the header.
public struct CSVDialect: Sendable, Equatable {
    /// The field delimiter byte.
    public var delimiter: UInt8
    /// Whether the first line was Excel's `sep=X` directive (not data).
    public var hasSeparatorHint: Bool

    /// Delimiters tried when sniffing, in order of preference on ties.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"), 0x1E, 0x1F]

    /// Finds the dialect from the first lines of UTF-8 text.
    ///
    /// An explicit delimiter wins; then an Excel `sep=X` first line; otherwise the candidate (`,` `;` tab `|` and the ASCII record/unit separators) that
    /// splits the most of the first 20 lines into the same, non-zero number of fields (quotes respected).
    /// `decimalComma` prefers `;` on ties, because a decimal comma cannot also delimit fields.
    public static func detect(_ text: [UInt8], explicit: UInt8?, decimalComma: Bool) -> CSVDialect {
        if text.count >= 5, text[0] | 0x20 == UInt8(ascii: "s"), text[1] | 0x20 == UInt8(ascii: "e"),
           text[2] | 0x20 == UInt8(ascii: "p"), text[3] == UInt8(ascii: "="), text.count == 5 || isLineEnd(text[5]) {
            return CSVDialect(delimiter: explicit ?? text[4], hasSeparatorHint: true)
        }
        if let explicit { return CSVDialect(delimiter: explicit, hasSeparatorHint: false) }
        let counts = fieldCounts(text, lines: 20)
        var best = decimalComma ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var bestScore = (0, 0)
        let order = decimalComma ? [UInt8(ascii: ";")] + candidates.filter { $0 != UInt8(ascii: ";") } : candidates
        for candidate in order {
            let perLine = counts.map { $0[candidate] ?? 0 }
            guard let first = perLine.first, first > 0 else { continue }
            let consistent = perLine.filter { $0 == first }.count
            let score = (consistent, first)
            if score > bestScore { best = candidate; bestScore = score }
        }
        return CSVDialect(delimiter: best, hasSeparatorHint: false)
    }

    private static func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// Occurrences of each candidate outside quotes, per non-blank line, for the first `lines` lines.
    private static func fieldCounts(_ text: [UInt8], lines: Int) -> [[UInt8: Int]] {
        var result: [[UInt8: Int]] = []
        var current: [UInt8: Int] = [:]
        var inQuotes = false
        var lineHasContent = false
        for byte in text.prefix(64 * 1024) {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && isLineEnd(byte) {
                if lineHasContent { result.append(current) }
                current = [:]
                lineHasContent = false
                if result.count >= lines { break }
                continue
            }
            lineHasContent = true
            if !inQuotes, candidates.contains(byte) { current[byte, default: 0] += 1 }
        }
        if lineHasContent && result.count < lines { result.append(current) }
        return result
    }
}
