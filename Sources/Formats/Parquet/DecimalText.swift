/// Renders unscaled decimal integers as text with exactly `scale` digits after the point.
public enum DecimalText {
    /// The text of `unscaled / 10^scale` for a 64-bit unscaled value.
    public static func text(_ unscaled: Int64, scale: Int) -> String {
        let negative = unscaled < 0
        return place(String(unscaled.magnitude), negative: negative, scale: scale)
    }

    /// The text of a big-endian two's complement unscaled value of any width divided by `10^scale`.
    public static func text(bigEndian bytes: some Collection<UInt8>, scale: Int) -> String {
        guard let first = bytes.first else { return place("0", negative: false, scale: scale) }
        let negative = first & 0x80 != 0
        var magnitude = Array(bytes)
        if negative {
            // Two's complement negation: invert, then add one.
            for index in magnitude.indices { magnitude[index] = ~magnitude[index] }
            var index = magnitude.count - 1
            while index >= 0 {
                let (sum, carry) = magnitude[index].addingReportingOverflow(1)
                magnitude[index] = sum
                if !carry { break }
                index -= 1
            }
        }
        return place(decimalDigits(magnitude), negative: negative, scale: scale)
    }

    /// The base-10 digits of a big-endian unsigned magnitude.
    static func decimalDigits(_ magnitude: [UInt8]) -> String {
        // Repeatedly divide the big-endian number by 10^9, collecting remainders.
        var words = magnitude.drop(while: { $0 == 0 }).map { UInt32($0) }
        if words.isEmpty { return "0" }
        var chunks: [UInt32] = []
        while !words.isEmpty {
            var remainder: UInt64 = 0
            var quotient: [UInt32] = []
            quotient.reserveCapacity(words.count)
            for byte in words {
                let current = remainder << 8 | UInt64(byte)
                let digit = current / 1_000_000_000
                remainder = current % 1_000_000_000
                if !quotient.isEmpty || digit != 0 { quotient.append(UInt32(digit)) }
            }
            chunks.append(UInt32(remainder))
            words = quotient
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    private static func place(_ digits: String, negative: Bool, scale: Int) -> String {
        var text: String
        if scale <= 0 {
            text = digits == "0" ? "0" : digits + String(repeating: "0", count: -scale)
        } else {
            let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
            let split = padded.index(padded.endIndex, offsetBy: -scale)
            text = padded[..<split] + "." + padded[split...]
        }
        if negative && digits != "0" { text = "-" + text }
        return text
    }
}
