import Foundation
import Testing
import Formats
@testable import Pipeline

/// A weekly file (every row dated on a Friday, as Walmart's) forecast by month: each week is spread over
/// its seven days, so a month holds its share of the weeks it overlaps instead of four or five whole ones.
@Suite struct WeeklyFileInMonthsTests {
    /// 130 weeks of Fridays from 2021-01-01: A sells 70 a week, B 14 a week plus 7 in its December weeks.
    static func weeklyFile() -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        let first = DateParsing.daysFromCivil(year: 2021, month: 1, day: 1)
        for week in 0..<130 {
            let (year, month, day) = DateParsing.civil(fromDays: first + 7 * week)
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
        let result = try root.demand(["run"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let run = try #require(try root.runs().first)
        let cleanLog = try FileSystem.readText("\(run)/logs/clean-attempt1.jsonl")
        #expect(cleanLog.contains("every sale is dated on a Friday (130 weeks): a weekly file in monthly buckets, so each week's sales are spread over its seven days"),
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
