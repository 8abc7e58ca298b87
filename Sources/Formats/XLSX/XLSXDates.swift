/// Conversions between spreadsheet date serials, ISO-8601 text and `Cell` dates.
public enum XLSXDates {
    /// Days from 1970-01-01 back to 1899-12-30, the day before serial 1 in the 1900 system (after its fake 1900-02-29).
    static let epoch1900 = -25_569
    /// Days from 1970-01-01 back to 1904-01-01, serial 0 of the 1904 system.
    static let epoch1904 = -24_107
    /// Milliseconds in a day.
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The cell for a date-formatted serial: `.date` for whole days, `.timestamp` (milliseconds, local) otherwise,
    /// `.time` for serials in [0, 1) (a time of day with no date), or `nil` when the serial is no plausible date.
    ///
    /// The 1900 system repeats Lotus 1-2-3's leap-year bug: serial 60 is the non-existent 1900-02-29, so
    /// serials 1–59 are shifted by one day to land on the real dates 1900-01-01...1900-02-28.
    public static func cell(serial: Double, date1904: Bool) -> Cell? {
        guard serial.isFinite, abs(serial) < 3_000_000 else { return nil }
        var days = serial.rounded(.down)
        var milliseconds = Int64(((serial - days) * Double(millisecondsPerDay)).rounded())
        if milliseconds >= millisecondsPerDay {
            days += 1
            milliseconds -= millisecondsPerDay
        }
        if serial >= 0 && serial < 1 && days == 0 {
            return .time(milliseconds, unit: .milliseconds)
        }
        var epochDays = Int(days) + (date1904 ? epoch1904 : epoch1900)
        if !date1904 && serial > 0 && serial < 60 { epochDays += 1 }
        if milliseconds == 0 { return .date(days: Int32(epochDays)) }
        return .timestamp(Int64(epochDays) * millisecondsPerDay + milliseconds, unit: .milliseconds, isUTC: false)
    }

    /// Parses the ISO-8601 text of a `t="d"` cell: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`, or a bare `HH:MM:SS[.fff]` time.
    ///
    /// A zone designator is honoured by converting to UTC (`isUTC: true`); without one the time is local.
    public static func cell(iso text: String) -> Cell? {
        let trimmed = text.trimmingXMLSpace
        if trimmed.count >= 5, trimmed.dropFirst(2).first == ":" {
            guard let (milliseconds, rest) = parseTime(Substring(trimmed)), rest.isEmpty else { return nil }
            return .time(milliseconds, unit: .milliseconds)
        }
        let parts = trimmed.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let dateFields = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard dateFields.count == 3, let year = Int(dateFields[0]), let month = Int(dateFields[1]), let day = Int(dateFields[2]),
              (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        guard parts.count == 2 else { return .date(days: Int32(days)) }
        guard let (milliseconds, zone) = parseTime(parts[1]) else { return nil }
        var offsetMinutes = 0
        var isUTC = false
        if !zone.isEmpty {
            isUTC = true
            if zone != "Z" {
                let sign = zone.first == "-" ? -1 : 1
                let digits = zone.dropFirst().split(separator: ":")
                guard zone.first == "+" || zone.first == "-", let hours = digits.first.flatMap({ Int($0) }) else { return nil }
                offsetMinutes = sign * (hours * 60 + (digits.count > 1 ? Int(digits[1]) ?? 0 : 0))
            }
        }
        if !isUTC && milliseconds == 0 { return .date(days: Int32(days)) }
        let total = Int64(days) * millisecondsPerDay + milliseconds - Int64(offsetMinutes) * 60_000
        return .timestamp(total, unit: .milliseconds, isUTC: isUTC)
    }

    /// Parses `HH:MM[:SS[.fff]]` and returns milliseconds since midnight plus the unparsed rest (a zone designator).
    private static func parseTime(_ text: Substring) -> (Int64, Substring)? {
        var end = text.startIndex
        while end < text.endIndex, text[end].isNumber || text[end] == ":" || text[end] == "." || text[end] == "," { end = text.index(after: end) }
        let fields = text[..<end].split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields.count <= 3, let hours = Int(fields[0]), let minutes = Int(fields[1]),
              (0...24).contains(hours), (0...59).contains(minutes) else { return nil }
        var milliseconds = Int64(hours * 3_600_000 + minutes * 60_000)
        if fields.count == 3 {
            guard let seconds = Double(fields[2].replacingOccurrences(of: ",", with: ".")), seconds >= 0, seconds < 61 else { return nil }
            milliseconds += Int64((seconds * 1000).rounded())
        }
        return (milliseconds, text[end...])
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        DateParsing.daysFromCivil(year: year, month: month, day: day)
    }

    /// The proleptic Gregorian date of a count of days since 1970-01-01.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        DateParsing.civil(fromDays: days)
    }

    private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// XML whitespace trimming for cell text.
extension String {
    /// The string without leading/trailing XML whitespace.
    var trimmingXMLSpace: String { XLSXStringEscapes.trimmingXMLWhitespace(self) }
}
