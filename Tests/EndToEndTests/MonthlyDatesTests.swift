import Foundation
import Testing
@testable import Pipeline

/// A file with one row per SKU and month, every row dated the 1st: weekly buckets would hold each
/// month in one week and nothing in the others, and the user is told so.
@Suite struct MonthlyDatesTests {
    @Test func aMonthlyFileIsNamedAsSuchInTheLog() throws {
        let root = try TestRoot()
        defer { root.remove() }
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for month in 0..<30 {
            let date = String(format: "01/%02d/%04d", month % 12 + 1, 2021 + month / 12)
            for (sku, base) in [("A100", 40), ("B200", 90), ("C300", 15)] { lines.append("\(sku);\(date);\(base + month % 5);1,0") }
        }
        let file = "\(root.path)/acme_monthly.csv"
        try FileSystem.writeAtomically(lines.joined(separator: "\n") + "\n", to: file)
        let result = try root.demand(["backtest", "--input", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("every sale is dated day 1 of its month (30 months): the data looks monthly"), "\(result.stderr)")
    }

    @Test func onlyOneDayOfTheMonthOverThreeMonthsOrMoreCounts() {
        let firsts: Set<Int32> = [18993, 19024, 19052]  // 2022-01-01, 2022-02-01, 2022-03-01
        #expect(CleanState.monthlyDatesNote(days: firsts, bucketWeeks: 1)?.contains("day 1 of its month (3 months)") == true)
        #expect(CleanState.monthlyDatesNote(days: firsts, bucketWeeks: 4) == nil)
        #expect(CleanState.monthlyDatesNote(days: Set(firsts.prefix(2)), bucketWeeks: 1) == nil)
        #expect(CleanState.monthlyDatesNote(days: firsts.union([18994]), bucketWeeks: 1) == nil)
    }
}
