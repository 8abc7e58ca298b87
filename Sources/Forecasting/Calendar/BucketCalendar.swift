/// Equal buckets of N weeks starting on a chosen weekday, numbered from the one containing 1970-01-01.
///
/// Days are counted from 1970-01-01 (a Thursday). Bucket `i` starts on `anchorDay + i * bucketDays`,
/// where `anchorDay` is the first anchor weekday on or after 1970-01-01, so every run and every SKU
/// agrees on bucket numbers without storing dates.
public struct BucketCalendar: Sendable, Equatable, Codable {
    /// Weeks per bucket (1 = weekly).
    public var weeksPerBucket: Int
    /// The weekday buckets start on: 0 = Monday … 6 = Sunday.
    public var anchorWeekday: Int

    /// Creates a calendar of `weeksPerBucket`-week buckets starting on `anchorWeekday` (0 = Monday).
    public init(weeksPerBucket: Int, anchorWeekday: Int) {
        self.weeksPerBucket = max(1, weeksPerBucket)
        self.anchorWeekday = ((anchorWeekday % 7) + 7) % 7
    }

    /// Days in one bucket.
    public var bucketDays: Int { 7 * weeksPerBucket }

    /// Day number of the first anchor weekday on or after 1970-01-01 (1970-01-05 was a Monday).
    var anchorDay: Int { (4 + anchorWeekday) % 7 }

    /// The bucket containing a day (days since 1970-01-01; negative days work too).
    public func index(ofDay day: Int) -> Int {
        let offset = day - anchorDay
        return offset >= 0 ? offset / bucketDays : -((-offset + bucketDays - 1) / bucketDays)
    }

    /// The first day of bucket `index`.
    public func startDay(ofIndex index: Int) -> Int { anchorDay + index * bucketDays }
}
