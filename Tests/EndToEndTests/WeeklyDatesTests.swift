import Foundation
import Testing
@testable import Pipeline

/// A weekly export (one row per SKU and week, every row dated on the same weekday, as Walmart's store
/// sales are dated each Friday) keeps its first and last weeks: each row stands for its whole week.
@Suite struct WeeklyDatesTests {
    /// Acme's file with one row per SKU and week from Friday 2022-01-07, `weeks` weeks.
    static func fridayFile(weeks: Int) -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for (week, day) in WeeklyDates.strings(fromYear: 2022, month: 1, day: 7, weeks: weeks, format: "dd/MM/yyyy").enumerated() {
            for (sku, base) in [("A100", 40), ("B200", 90)] { lines.append("\(sku);\(day);\(base + week % 4);1,0") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aFridayFileForecastsFromTheWeekAfterItsLastRow() throws {
        let root = try TestRoot()
        defer { root.remove() }
        // 30 Fridays: 2022-01-07 … 2022-07-29, in the Monday weeks 2022-01-03 … 2022-07-25.
        try root.drop(text: Self.fridayFile(weeks: 30), as: "acme/acme_fridays.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("every sale is dated on a Friday (30 weeks): a weekly file, whose rows stand for their weeks, so its first and last buckets count as whole"),
                "\(result.stderr)")
        #expect(result.stderr.contains("2 series of 30 buckets (2022-01-03 to 2022-07-25)"), "\(result.stderr)")
        let run = try #require(try root.runs().first)
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let firstWeeks = Set(rows.filter { $0[1] == "1" }.map { String($0[2]) })
        #expect(firstWeeks == ["2022-08-01"], "\(rows.prefix(4))")
    }

    @Test func onlyOneWeekdayOverThreeWeeksOrMoreCounts() {
        let fridays: Set<Int32> = [18999, 19006, 19013]  // 2022-01-07, 2022-01-14, 2022-01-21
        #expect(CleanState.sharesOneWeekday(fridays))
        #expect(!CleanState.sharesOneWeekday(Set(fridays.prefix(2))))
        #expect(!CleanState.sharesOneWeekday(fridays.union([19014])))
        // Nine dates in ten on one weekday make a weekly file: a holiday week dated a day early.
        var tenWeeks = Set((0..<10).map { (week: Int) -> Int32 in Int32(18999 + 7 * week) })
        tenWeeks.remove(19041)
        tenWeeks.insert(19040)
        #expect(CleanState.weeklyDate(tenWeeks) == 18999 && CleanState.weeklyDate(tenWeeks.union([19000])) == nil)
        #expect(CleanState.datedPhrase(weekday: 18999, offWeekday: 1) == "every sale but those of 1 date is dated on a Friday")
        #expect(CleanState.weeklyDatesNote(firstDay: 18999, weeks: 3, keptFirst: false, keptLast: true)?.hasSuffix("on a Friday (3 weeks): a weekly file, whose rows stand for their weeks, so its last bucket counts as whole") == true)
        #expect(CleanState.weeklyDatesNote(firstDay: 18999, weeks: 3, keptFirst: false, keptLast: false) == nil)
    }
}
