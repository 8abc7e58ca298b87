/// Calendar days from text by a `dd/MM/yyyy`-style pattern, and ISO text from days.
///
/// Days are counted from 1970-01-01 in the proleptic Gregorian calendar, with no time zone:
/// a sales date is a calendar day wherever it was recorded.
public enum DateParsing {
    /// The day a text names, using `format` (tokens `yyyy`, `yy`, `MM`/`M`, `dd`/`d`, `MMM` for
    /// English month names or abbreviations, `EEE` for weekday names; the time tokens `HH`/`H`,
    /// `hh`/`h`, `mm`/`m`, `ss`/`s`, `S…` (fraction), `a` (AM/PM) and `X`/`Z` (zone) are read and
    /// checked but do not move the day; text in single quotes, such as `'T'`, and other characters
    /// must match literally). A time after the date, separated by a space or `T`, is ignored even
    /// when the format does not mention it. A format without a day (`MMM-yy`, `yyyy-MM`: a monthly
    /// pivot's headers) names the first of the month. ISO 8601 weeks take `YYYY` (the week's year) and
    /// `ww` (its number), such as `YYYY-'W'ww` for `2019-W05`, and name the week's Monday. Without a format, ISO 8601 (`2024-01-31`,
    /// `2024-01-31T08:00:00Z`, the month `2024-01` as its first day and the week `2024-W05` as its Monday),
    /// `2024/01/31`, `20240131` and `31.01.2024` are accepted, and so are dates with an English month name,
    /// which cannot mix the day up with the month: `31-Jan-2024`, `31-JAN-24` (databases' DD-MON-YY),
    /// `31JAN2024`, `31 January 2024`, `January 31, 2024` and `Wed, 31 Jan 2024` — never the
    /// ambiguous `01/02/2024`, which needs a format saying which is the day — and so is an Excel serial
    /// day number (`45292`, or `45292.375` with a time: what a spreadsheet's date column turns into when
    /// saved as CSV in the General format), from 20000 (1954) to 80000 (2119), and a Unix time of ten
    /// digits (seconds) or thirteen (milliseconds) between 2000 and 2040, as the UTC day it falls on.
    public static func parseDay(_ text: String, format: String? = nil) -> Int32? {
        let bytes = Array(text.utf8.drop { $0 == 0x20 || $0 == 0x09 })
        let trimmed = bytes.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
        let input = Array(trimmed)
        if let format { return parse(input, pattern: Array(format.utf8)) }
        for pattern in defaultPatterns {
            if let day = parse(input, pattern: pattern) { return day }
        }
        return excelSerialDay(input) ?? unixTimeDay(input)
    }

    /// The UTC day a Unix time names — ten digits of seconds or thirteen of milliseconds since 1970, as
    /// web shops' event logs write them (`1433221332117`), optionally with a fraction — when it falls
    /// between 2000 and 2040 (other ten- and thirteen-digit numbers are not taken for dates).
    static func unixTimeDay(_ input: [UInt8]) -> Int32? {
        let whole = input.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard whole.count == 10 || whole.count == 13, let number = Int64(String(decoding: whole, as: UTF8.self)) else { return nil }
        let rest = input.dropFirst(whole.count)
        guard rest.isEmpty || (rest.first == UInt8(ascii: ".") && rest.count > 1 && rest.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let seconds = whole.count == 13 ? number / 1000 : number
        guard (946_684_800...2_208_988_800).contains(seconds) else { return nil }
        return Int32(seconds / 86_400)
    }

    /// The day an Excel serial number names (1900 date system: 25569 is 1970-01-01), when `input` is five
    /// digits from 20000 to 80000, optionally with a fraction (the time of day).
    static func excelSerialDay(_ input: [UInt8]) -> Int32? {
        let whole = input.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard whole.count == 5, let serial = Int(String(decoding: whole, as: UTF8.self)), (20_000...80_000).contains(serial) else { return nil }
        let rest = input.dropFirst(whole.count)
        guard rest.isEmpty || (rest.first == UInt8(ascii: ".") && rest.count > 1 && rest.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int32(serial - 25_569)
    }

    private static let defaultPatterns: [[UInt8]] = [
        "yyyy-MM-dd", "yyyy-MM", "YYYY-'W'ww", "yyyy/MM/dd", "yyyyMMdd", "dd.MM.yyyy",
        // A month name leaves no doubt which number is the day; the year comes last, as two digits
        // only in the day-month-year layouts databases and SAS write.
        "d-MMM-yyyy", "d-MMM-yy", "d/MMM/yyyy", "d MMM yyyy", "dMMMyyyy", "dMMMyy", "MMM d, yyyy", "MMM d yyyy",
        "EEE, d MMM yyyy", "EEE MMM d yyyy",
    ].map { Array($0.utf8) }
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }

    private static func parse(_ input: [UInt8], pattern: [UInt8]) -> Int32? {
        var year: Int?, month: Int?, day: Int?
        var weekYear: Int?, week: Int?
        var position = 0
        var index = 0
        while index < pattern.count {
            let token = pattern[index]
            var length = 1
            while index + length < pattern.count, pattern[index + length] == token { length += 1 }
            switch token {
            case UInt8(ascii: "y"):
                let digits = length == 2 ? 2 : 4
                guard let value = number(input, &position, min: digits, max: digits) else { return nil }
                year = length == 2 ? (value < 70 ? 2000 + value : 1900 + value) : value
            case UInt8(ascii: "Y"):
                let digits = length == 2 ? 2 : 4
                guard let value = number(input, &position, min: digits, max: digits) else { return nil }
                weekYear = length == 2 ? (value < 70 ? 2000 + value : 1900 + value) : value
            case UInt8(ascii: "w"):
                guard let value = number(input, &position, min: 1, max: 2) else { return nil }
                week = value
            case UInt8(ascii: "M") where length >= 3:
                guard position + 3 <= input.count else { return nil }
                let word = input[position..<position + 3].map { $0 | 0x20 }
                guard let found = months.firstIndex(where: { $0 == word }) else { return nil }
                month = found + 1
                position += 3
                while position < input.count, (input[position] | 0x20) >= UInt8(ascii: "a"), (input[position] | 0x20) <= UInt8(ascii: "z") { position += 1 }
            case UInt8(ascii: "M"):
                guard let value = number(input, &position, min: 1, max: 2) else { return nil }
                month = value
            case UInt8(ascii: "d"):
                guard let value = number(input, &position, min: 1, max: 2) else { return nil }
                day = value
            case UInt8(ascii: "H"), UInt8(ascii: "k"):
                guard let value = number(input, &position, min: 1, max: 2), value <= 24 else { return nil }
            case UInt8(ascii: "h"), UInt8(ascii: "K"):
                guard let value = number(input, &position, min: 1, max: 2), value <= 12 else { return nil }
            case UInt8(ascii: "m"):
                guard let value = number(input, &position, min: 1, max: 2), value <= 59 else { return nil }
            case UInt8(ascii: "s"):
                guard let value = number(input, &position, min: 1, max: 2), value <= 60 else { return nil }
            case UInt8(ascii: "S"):
                guard number(input, &position, min: 1, max: 9) != nil else { return nil }
            case UInt8(ascii: "a"):
                // AM or PM, any case, with or without dots (a.m.).
                let word = input[position...].prefix { $0 != UInt8(ascii: " ") }
                let letters = word.filter { $0 != UInt8(ascii: ".") }.map { $0 | 0x20 }
                guard letters == Array("am".utf8) || letters == Array("pm".utf8) else { return nil }
                position += word.count
            case UInt8(ascii: "E"):
                guard position < input.count, (input[position] | 0x20) >= UInt8(ascii: "a"), (input[position] | 0x20) <= UInt8(ascii: "z") else { return nil }
                while position < input.count, (input[position] | 0x20) >= UInt8(ascii: "a"), (input[position] | 0x20) <= UInt8(ascii: "z") { position += 1 }
            case UInt8(ascii: "X"), UInt8(ascii: "x"), UInt8(ascii: "Z"):
                // `Z`, or an offset such as +01, +0100 or -05:30.
                if position < input.count, input[position] == UInt8(ascii: "Z") {
                    position += 1
                } else {
                    guard position < input.count, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") else { return nil }
                    position += 1
                    guard number(input, &position, min: 2, max: 2) != nil else { return nil }
                    if position < input.count, input[position] == UInt8(ascii: ":") { position += 1 }
                    _ = number(input, &position, min: 2, max: 2)
                }
            case UInt8(ascii: "'"):
                // '' is one quote; 'text' is literal text, with '' inside for a quote.
                var literal: [UInt8] = []
                if length == 2 {
                    literal = [UInt8(ascii: "'")]
                } else {
                    guard length == 1 else { return nil }
                    var cursor = index + 1
                    while cursor < pattern.count {
                        if pattern[cursor] == UInt8(ascii: "'") {
                            guard cursor + 1 < pattern.count, pattern[cursor + 1] == UInt8(ascii: "'") else { break }
                            cursor += 1
                        }
                        literal.append(pattern[cursor])
                        cursor += 1
                    }
                    guard cursor < pattern.count else { return nil }
                    length = cursor + 1 - index
                }
                for byte in literal {
                    guard position < input.count, input[position] == byte else { return nil }
                    position += 1
                }
            default:
                for _ in 0..<length {
                    guard position < input.count, input[position] == token else { return nil }
                    position += 1
                }
            }
            index += length
        }
        if position < input.count {
            let next = input[position]
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "T") else { return nil }
        }
        if let weekYear, let week {
            guard year == nil, month == nil, day == nil else { return nil }
            return mondayOf(isoWeek: week, in: weekYear)
        }
        // Only a `d` token sets the day, and one that reads none has returned: no day means a month's first.
        let dayOfMonth = day ?? 1
        guard let year, let month, (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= daysIn(month: month, year: year) else { return nil }
        return Int32(daysFromCivil(year: year, month: month, day: dayOfMonth))
    }

    private static func number(_ input: [UInt8], _ position: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, position < input.count, input[position] >= 0x30, input[position] <= 0x39 {
            value = value * 10 + Int(input[position] - 0x30)
            position += 1
            count += 1
        }
        return count >= min ? value : nil
    }

    /// The Monday of ISO 8601 week `week` of `year` (week 1 holds 4 January), or nil past the year's
    /// last week (52 or 53).
    static func mondayOf(isoWeek week: Int, in year: Int) -> Int32? {
        func firstMonday(_ year: Int) -> Int {
            let fourth = daysFromCivil(year: year, month: 1, day: 4)
            return fourth - ((fourth + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
        }
        let weeks = (firstMonday(year + 1) - firstMonday(year)) / 7
        guard (1...weeks).contains(week) else { return nil }
        return Int32(firstMonday(year) + 7 * (week - 1))
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day count.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `yyyy-MM-dd` for a day count (years beyond 9999 get a `+` sign, as ISO 8601 expanded years).
    public static func isoString(days: Int32) -> String {
        let (year, month, day) = civil(fromDays: Int(days))
        let yearText = year > 9999 ? "+" + String(year) : year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return "\(yearText)-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `yyyy-MM-ddTHH:mm:ss` with 3, 6 or 9 fraction digits by unit (none for seconds).
    public static func isoString(timestamp value: Int64, unit: TimeUnit) -> String {
        let perDay = Int64(unit.rawValue) * 86_400
        let days = value >= 0 ? value / perDay : (value - perDay + 1) / perDay
        let within = value - days * perDay
        return isoString(days: Int32(clamping: days)) + "T" + timeString(within, unit: unit)
    }

    /// `HH:mm:ss` plus a fraction with the unit's digits.
    public static func timeString(_ value: Int64, unit: TimeUnit) -> String {
        let perSecond = Int64(unit.rawValue)
        let seconds = value / perSecond
        var text = "\(pad(Int(seconds / 3600), 2)):\(pad(Int(seconds / 60 % 60), 2)):\(pad(Int(seconds % 60), 2))"
        if unit != .seconds {
            let digits = unit == .milliseconds ? 3 : unit == .microseconds ? 6 : 9
            text += "." + pad(Int(value % perSecond), digits)
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
