import Foundation
import Glibc

/// Dates in the RFC 5322 section 3.3 form, `Tue, 01 Jul 2025 14:05:09 +0200`.
public enum MailDate {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` formatted for a Date: header, in the machine's local zone or at `utcOffsetSeconds` east of UTC.
    public static func format(_ date: Date, utcOffsetSeconds: Int? = nil) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        let offset: Int
        if let utcOffsetSeconds {
            seconds += time_t(utcOffsetSeconds)
            gmtime_r(&seconds, &parts)
            offset = utcOffsetSeconds
        } else {
            localtime_r(&seconds, &parts)
            offset = parts.tm_gmtoff
        }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d %@%02d%02d",
                      dayNames[Int(parts.tm_wday)], Int(parts.tm_mday), monthNames[Int(parts.tm_mon)], Int(parts.tm_year) + 1900,
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), sign, minutes / 60, minutes % 60)
    }
}
