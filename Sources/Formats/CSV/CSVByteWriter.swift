/// Builds RFC 4180 CSV straight into bytes, one field at a time — `\n` line ends, fields quoted only where
/// needed — without an array of fields per row or a growing `String` (writing a master table of tens of
/// millions of rows was mostly those). `CSVWriter.render` writes through it.
public struct CSVByteWriter {
    /// The CSV written so far.
    public private(set) var bytes: [UInt8] = []
    private var lineHasFields = false

    /// Starts empty, with room for about `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a text field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    public mutating func field(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: Self.needsQuotes) else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends an integer field in decimal.
    public mutating func field(_ value: Int64) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // up to 20 digits, filled from the end
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[32 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(32 - count)...])
        }
    }

    /// Appends an empty field.
    public mutating func emptyField() {
        separate()
    }

    /// Appends the fields as one line.
    public mutating func line(_ fields: [String]) {
        for field in fields { self.field(field) }
        endLine()
    }

    /// Ends the current line.
    public mutating func endLine() {
        bytes.append(0x0A)
        lineHasFields = false
    }

    private mutating func separate() {
        if lineHasFields { bytes.append(UInt8(ascii: ",")) }
        lineHasFields = true
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }
}
