import Formats

/// Turns raw field bytes into the job's numbers: quantities and day counts.
enum FieldParsing {
    /// A whole number with an optional sign; other text (decimals, blanks) via `NumberParsing`, `nil` when not whole.
    @inline(__always)
    static func quantity(_ text: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if text.count > 0, text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count, text.count - index <= 18 else { return slowQuantity(text) }
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- 0x30
            guard digit < 10 else { return slowQuantity(text) }
            value = value &* 10 &+ Int64(digit)
            index &+= 1
        }
        return negative ? -value : value
    }

    private static func slowQuantity(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard let value = NumberParsing.parseDecimal(String(decoding: text, as: UTF8.self)),
              value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int64(value)
    }

    /// An ISO `yyyy-MM-dd` day count since 1970-01-01; other forms through `DateParsing`.
    @inline(__always)
    static func day(_ text: UnsafeRawBufferPointer) -> Int32? {
        if text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") {
            let y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2)
            if y >= 0, m >= 1, m <= 12, d >= 1, d <= 31 {
                return Int32(DateParsing.daysFromCivil(year: y, month: m, day: d))
            }
        }
        return DateParsing.parseDay(String(decoding: text, as: UTF8.self))
    }

    @inline(__always)
    private static func digits(_ text: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(text[index]) - 0x30
            guard digit >= 0, digit < 10 else { return -1 }
            value = value * 10 + digit
        }
        return value
    }
}

/// Remembers the last date text and its day count: vendor files are usually sorted by date.
struct DayCache {
    private var last: (UInt64, UInt16, Int) = (0, 0, -1)
    private var lastDay: Int32 = 0

    /// The day of `text`, parsed only when it differs from the previous one.
    @inline(__always)
    mutating func day(_ text: UnsafeRawBufferPointer) -> Int32? {
        if text.count == 10 {
            let head = text.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let tail = text.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            if last.2 == 10, head == last.0, tail == last.1 { return lastDay }
            guard let day = FieldParsing.day(text) else { return nil }
            last = (head, tail, 10)
            lastDay = day
            return day
        }
        return FieldParsing.day(text)
    }
}
