import Foundation
import Testing
import Formats
@testable import Pipeline

/// A weekly file (every row dated on a Friday, as Walmart's) forecast by month: each week is spread over
/// its seven days, so a month holds its share of the weeks it overlaps instead of four or five whole ones.
@Suite struct WeeklyFileInMonthsTests {
    /// 130 weeks of Fridays from 2021-01-01, Thanksgiving's dated on the Thursday: A sells 70 a week,
    /// B 14 a week plus 7 in its December weeks.
    static func weeklyFile() -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        let first = DateParsing.daysFromCivil(year: 2021, month: 1, day: 1)
        for week in 0..<130 {
            let (year, month, day) = DateParsing.civil(fromDays: first + 7 * week - (week == 47 ? 1 : 0))
            let date = String(format: "%02d/%02d/%04d", day, month, year)
            lines.append("A100;\(date);70;2,0")
            lines.append("B200;\(date);\(month == 12 ? 21 : 14);\(week < 65 ? "1,0" : "3,0")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aWeeklyFileByMonthSpreadsEachWeekOverItsDays() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: #""clean": {"minTotalQuantity": 10,"#, with: #""clean": {"bucket": "month", "minTotalQuantity": 10,"#)
            .replacingOccurrences(of: TestRoot.modelJSON, with: #""model": {"cvOrigins": 2, "candidates": \#(TestRoot.baselineCandidates)}"#)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try root.drop(text: Self.weeklyFile(), as: "acme/acme_weekly.csv")
        let run = try root.succeedingRun().folder
        let cleanLog = try FileSystem.readText("\(run)/logs/clean-attempt1.jsonl")
        #expect(cleanLog.contains("every sale but those of 1 date is dated on a Friday (130 weeks): a weekly file in monthly buckets, so each week's sales are spread over its seven days"),
                "\(cleanLog)")
        var quantities: [String: Double] = [:], prices: [String: Double] = [:]
        for line in try FileSystem.readText("\(run)/clean/series.csv").split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            quantities["\(fields[0]) \(fields[1])"] = Double(fields[3])
            prices["\(fields[0]) \(fields[1])"] = Double(fields[4])
        }
        // Ten a day: March 2021 (four Fridays) and April (five) sell by their days, 310 and 300, not 280 and 350.
        for (month, days) in [("2021-01-01", 31), ("2021-02-01", 28), ("2021-03-01", 31), ("2021-04-01", 30), ("2023-05-01", 31)] {
            let sold = try #require(quantities["A100 \(month)"], "\(month)")
            #expect(abs(sold - Double(10 * days)) < 1e-6, "\(month): \(sold)")
        }
        // December 2021's weeks sell more, and the one dated Friday 3 December starts on 30 November.
        #expect(abs((quantities["B200 2021-12-01"] ?? 0) - 93) < 1e-6 && abs((quantities["B200 2021-11-01"] ?? 0) - 61) < 1e-6,
                "\(quantities["B200 2021-11-01"] ?? -1), \(quantities["B200 2021-12-01"] ?? -1)")
        // A price rising in the week dated 2022-04-01 (29 March to 4 April) counts in March by its three days there.
        let march = try #require(prices["B200 2022-03-01"]), april = try #require(prices["B200 2022-04-01"])
        #expect(abs(march - 74.0 / 62) < 1e-4 && abs(april - 3) < 1e-9, "\(march), \(april)")
        // The partial months at either end (December 2020, the last days of June 2023) are dropped.
        #expect(quantities["A100 2020-12-01"] == nil && quantities["A100 2023-06-01"] == nil)
        #expect(quantities["A100 2023-05-01"] != nil)
    }
}

/// A file of four- and five-week fiscal periods, each row dated on the period's last Saturday: each
/// row's sales are spread over its period's days, by week or by month, not put in one bucket.
@Suite struct PeriodFileTests {
    /// 36 periods in a 4-4-5 pattern ending on Saturdays from 2021-01-30 (the first of four weeks);
    /// A sells 100 a week, B 250 a week.
    static func periodFile() -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        var day = DateParsing.daysFromCivil(year: 2021, month: 1, day: 30)
        let weeks = [4, 4, 5]
        for period in 0..<36 {
            let (year, month, dayOfMonth) = DateParsing.civil(fromDays: day)
            let date = String(format: "%02d/%02d/%04d", dayOfMonth, month, year)
            lines.append("A100;\(date);\(100 * weeks[period % 3]);2,0")
            lines.append("B200;\(date);\(250 * weeks[period % 3]);2,0")
            day += 7 * weeks[(period + 1) % 3]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["auto", "month"]) func aFileOfPeriodsIsSpreadOverTheirDays(bucket: String) throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: #""clean": {"minTotalQuantity": 10,"#, with: #""clean": {"bucket": "\#(bucket)", "minTotalQuantity": 10,"#)
            .replacingOccurrences(of: TestRoot.modelJSON, with: #""model": {"horizon": 4, "cvOrigins": 2, "candidates": ["naive", "movingAverage"]}"#)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try root.drop(text: Self.periodFile(), as: "acme/acme_periods.csv")
        let run = try root.succeedingRun().folder
        let cleanLog = try FileSystem.readText("\(run)/logs/clean-attempt1.jsonl")
        #expect(cleanLog.contains("every sale is dated on a Saturday, 4 or 5 weeks apart (36 dates): a file of periods, so each row's sales are spread"),
                "\(cleanLog)")
        var quantities: [String: Double] = [:]
        for line in try FileSystem.readText("\(run)/clean/series.csv").split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            quantities["\(fields[0]) \(fields[1])"] = Double(fields[3])
        }
        let a = quantities.filter { $0.key.hasPrefix("A100 ") }
        if bucket == "month" {
            // 100 a week is 100/7 a day: 31-day months hold 442.9, not one period's 400 or 500 (or two, or none).
            for (month, days) in [("2021-03-01", 31.0), ("2021-06-01", 30), ("2022-02-01", 28)] {
                let sold = try #require(a["A100 \(month)"], "\(month)")
                #expect(abs(sold - 100 * days / 7) < 1e-3, "\(month): \(sold)")
            }
        } else {
            // Every Monday-to-Sunday week between the first period's start and the last one's end sells 100.
            #expect(a.count > 140 && a.values.allSatisfy { abs($0 - 100) < 1e-6 }, "\(a.count): \(a.values.sorted().prefix(3)) … \(a.values.sorted().suffix(3))")
            let forecast = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").filter { $0.hasPrefix("A100,") }
            #expect(forecast.count == 4 && forecast.allSatisfy { abs((Double($0.split(separator: ",")[4]) ?? 0) - 100) < 1 }, "\(forecast)")
        }
    }
}

/// Which files are spread, and over which days.
@Suite struct RowSpreadingTests {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int32 { Int32(DateParsing.daysFromCivil(year: year, month: month, day: day)) }

    @Test func regularPeriodsAreSpreadAndSparseWeeksAreNot() {
        let saturday = Self.day(2021, 1, 30)
        let fiscal = Set((0..<12).map { saturday + Int32(7 * [0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47][$0]) })
        guard case .periods(let firstDays) = RowSpreading.of(days: fiscal, weekly: CleanState.sharesOneWeekday(fiscal), monthlyBuckets: false, sharedDayOfMonth: nil) else {
            Issue.record("a 4-4-5 file is a file of periods")
            return
        }
        #expect(firstDays[saturday + 28] == saturday + 1 && firstDays[saturday] == saturday - 27)
        // A weekly file whose few sales fall some weeks apart keeps them in their weeks, by week or by month.
        let sparse = Set([0, 1, 4, 9, 10, 16, 17, 23, 30].map { saturday + Int32(7 * $0) })
        #expect(RowSpreading.of(days: sparse, weekly: CleanState.sharesOneWeekday(sparse), monthlyBuckets: false, sharedDayOfMonth: nil) == nil)
        #expect(RowSpreading.of(days: sparse, weekly: CleanState.sharesOneWeekday(sparse), monthlyBuckets: true, sharedDayOfMonth: nil) == .weeksInMonths)
        // Monthly files (one day of the month) and daily ones are not spread.
        #expect(RowSpreading.of(days: fiscal, weekly: CleanState.sharesOneWeekday(fiscal), monthlyBuckets: true, sharedDayOfMonth: 1) == nil)
        let daily = Set((0..<60).map { saturday + Int32($0) })
        #expect(RowSpreading.of(days: daily, weekly: CleanState.sharesOneWeekday(daily), monthlyBuckets: true, sharedDayOfMonth: nil) == nil)
    }

    @Test func aRowSharesItsDaysWithTheBucketsTheyFallIn() {
        let grid = BucketGrid(weeksPerBucket: 1, anchorWeekday: 0, firstBucket: 0, lastBucket: 0, months: true)
        // Friday 2021-04-02 stands for 30 March to 5 April: two days in March, five in April.
        let shares = RowSpreading.weeksInMonths.shares(day: Self.day(2021, 4, 2), grid: grid)
        #expect(shares.map(\.bucket) == [grid.index(ofDay: Int(Self.day(2021, 3, 1))), grid.index(ofDay: Int(Self.day(2021, 4, 1)))])
        #expect(abs(shares[0].share - 2.0 / 7) < 1e-12 && abs(shares[1].share - 5.0 / 7) < 1e-12)
    }
}
