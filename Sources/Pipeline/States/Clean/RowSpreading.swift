import Formats

/// How a weekly file's rows fill monthly buckets: each week's sales spread evenly over its seven days.
///
/// A file that dates every week on one weekday (Walmart's Fridays, dunnhumby's Wednesdays) summed by
/// the month its dates fall in gives months of four or five whole weeks, and the five-week months sell a
/// quarter more for no reason a model can see: on Walmart's stores by month every model trailed naive.
/// Spread over its days, a week counts in each month by the days it has there. Files do not say whether
/// they date a week by its first or its last day, so a row stands for its date and three days either side.
enum WeekSpreading {
    /// Days a weekly row stands for on each side of its date.
    static let reach: Int32 = 3

    /// The buckets the week dated `day` falls in, with the share of its seven days in each (one or two entries).
    static func shares(day: Int32, grid: BucketGrid) -> [(bucket: Int, share: Double)] {
        let first = grid.index(ofDay: Int(day - reach)), last = grid.index(ofDay: Int(day + reach))
        guard first != last else { return [(first, 1)] }
        let daysInFirst = Double(grid.days(first).upperBound - (day - reach) + 1)
        let span = Double(2 * reach + 1)
        return [(first, daysInFirst / span), (last, 1 - daysInFirst / span)]
    }

    /// The clean log's note for a weekly file in monthly buckets.
    static func note(firstDay: Int32, weeks: Int) -> String {
        let weekday = Weekdays.name(ofDay: firstDay)
        return "every sale is dated on a \(weekday) (\(weeks) weeks): a weekly file in monthly buckets, so each week's sales "
            + "are spread over its seven days (its date and three days either side) and a month holds its share of the weeks it overlaps, "
            + "not four or five whole weeks"
    }
}
