import Formats

/// Rows that stand for more than their day, spread evenly over the days they stand for before bucketing.
///
/// A file that dates every week on one weekday (Walmart's Fridays, dunnhumby's Wednesdays) summed by
/// the month its dates fall in gives months of four or five whole weeks, and the five-week months sell a
/// quarter more for no reason a model can see: on Walmart's stores by month every model trailed naive.
/// Files do not say whether they date a week by its first or its last day, so in monthly buckets a weekly
/// row stands for its date and three days either side. A file of longer periods on one weekday — four-
/// and five-week fiscal months, four-weekly reports — would put each period's sales in one week and none
/// in the others; each row stands for the days since the file's previous date (a period dated by its last day).
/// Periods are told from a weekly file's sparse sales by their regular spacing: two weeks or more, the
/// longest (but a tenth) at most twice the shortest (but a tenth).
enum RowSpreading: Equatable {
    /// Weekly rows in monthly buckets: each row's date and three days either side.
    case weeksInMonths
    /// Rows of periods of two weeks or more: the first day each date's period covers.
    case periods(firstDays: [Int32: Int32])

    /// How a file dated on `days` is spread, or nil when each row stays in the bucket of its date:
    /// monthly files (`sharedDayOfMonth`), daily ones and weekly ones in weekly buckets. `weekly` says
    /// whether the dates share a weekday (`CleanState.sharesOneWeekday`).
    static func of(days: Set<Int32>, weekly: Bool, monthlyBuckets: Bool, sharedDayOfMonth: Int?) -> RowSpreading? {
        guard sharedDayOfMonth == nil, weekly else { return nil }
        let dates = days.sorted()
        let gaps = zip(dates.dropFirst(), dates).map { $0 - $1 }
        // Periods are regular (4, 4, 5 weeks); a weekly file's sparse sales leave gaps of one week among
        // longer ones, and stay in their weeks.
        let sorted = gaps.sorted(), short = sorted[gaps.count / 10], long = sorted[gaps.count * 9 / 10]
        if short >= 14 && long <= 2 * short {
            var firstDays: [Int32: Int32] = [dates[0]: dates[0] - gaps[0] + 1]
            for (previous, date) in zip(dates, dates.dropFirst()) { firstDays[date] = previous + 1 }
            return .periods(firstDays: firstDays)
        }
        return monthlyBuckets ? .weeksInMonths : nil
    }

    /// The days a row dated `day` stands for.
    func days(of day: Int32) -> ClosedRange<Int32> {
        switch self {
        case .weeksInMonths: return (day - 3)...(day + 3)
        case .periods(let firstDays): return (firstDays[day] ?? day)...day
        }
    }

    /// The buckets a row dated `day` falls in, with the share of its days in each.
    func shares(day: Int32, grid: BucketGrid) -> [(bucket: Int, share: Double)] {
        let span = days(of: day)
        let first = grid.index(ofDay: Int(span.lowerBound)), last = grid.index(ofDay: Int(span.upperBound))
        guard first != last else { return [(first, 1)] }
        let length = Double(span.count)
        return (first...last).map { bucket in
            let bucketDays = grid.days(bucket)
            let overlap = min(span.upperBound, bucketDays.upperBound) - max(span.lowerBound, bucketDays.lowerBound) + 1
            return (bucket, Double(overlap) / length)
        }
    }

    /// The clean log's note, for a file of `dates` dates, `dated` as `CleanState.datedPhrase` says.
    func note(dated: String, dates: Int, monthlyBuckets: Bool) -> String {
        switch self {
        case .weeksInMonths:
            return "\(dated) (\(dates) weeks): a weekly file in monthly buckets, so each week's sales "
                + "are spread over its seven days (its date and three days either side) and a month holds its share of the weeks it overlaps, "
                + "not four or five whole weeks"
        case .periods(let firstDays):
            let weeks = Set(firstDays.map { ($0.key - $0.value + 1) / 7 }).sorted().map(String.init)
            let spacing = weeks.count == 1 ? "\(weeks[0]) weeks" : "\(weeks.dropLast().joined(separator: ", ")) or \(weeks.last ?? "") weeks"
            return "\(dated), \(spacing) apart (\(dates) dates): a file of periods, so each row's sales are spread "
                + "over the days since the file's previous date (a period dated by its last day) into \(monthlyBuckets ? "monthly" : "weekly") buckets, "
                + "not put in the one \(monthlyBuckets ? "month" : "week") of its date"
        }
    }
}
