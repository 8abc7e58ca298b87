import Foundation

/// Dates a fixed number of days apart, as vendor files write them.
enum VendorDates {
    /// `count` dates from `year-month-day` on, `stepDays` apart, formatted as `format` (UTC).
    static func strings(fromYear year: Int, month: Int, day: Int, count: Int, stepDays: Int, format: String) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let formatter = DateFormatter()
        formatter.dateFormat = format
        formatter.timeZone = calendar.timeZone
        return (0..<count).map { formatter.string(from: start.addingTimeInterval(Double($0 * stepDays) * 86_400)) }
    }
}

/// Dates one week apart, as vendor files write them.
enum WeeklyDates {
    /// `weeks` dates from `year-month-day` on, seven days apart, formatted as `format` (UTC).
    static func strings(fromYear year: Int, month: Int, day: Int, weeks: Int, format: String) -> [String] {
        VendorDates.strings(fromYear: year, month: month, day: day, count: weeks, stepDays: 7, format: format)
    }
}
