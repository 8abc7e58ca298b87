import Foundation
import Testing
@testable import Pipeline

/// Interval widths follow how much a SKU moves, not only how much it sells: of two SKUs with the same
/// mean, the lumpy one gets much wider intervals than the steady one.
@Suite struct IntervalWidthTests {
    @Test func aLumpySKUGetsWiderIntervalsThanASteadyOneOfTheSameVolume() throws {
        let root = try TestRoot()
        defer { root.remove() }
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        let monday = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2022, month: 1, day: 3)
        let start = try #require(monday.date)
        let format = DateFormatter()
        format.dateFormat = "dd/MM/yyyy"
        format.timeZone = TimeZone(identifier: "UTC")
        for week in 0..<60 {
            let day = format.string(from: start.addingTimeInterval(Double(week) * 7 * 86_400))
            lines.append("STEADY;\(day);\(9 + week % 3);1,0")        // 9, 10, 11, …: mean 10, moves by 1–2
            if week % 2 == 0 { lines.append("LUMPY;\(day);20;1,0") }  // 20, 0, 20, …: mean 10, moves by 20
        }
        try root.drop(text: lines.joined(separator: "\n") + "\n", as: "acme/acme_weeks.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let run = try #require(try root.runs().first)
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.first?.prefix(7).joined(separator: ",") == "sku,step,bucket,model,forecast,lower_80,upper_80")
        func halfWidth(_ sku: String) throws -> Double {
            let row = try #require(rows.first { $0.first.map(String.init) == sku && $0[1] == "1" })
            return try #require(Double(row[6])) - (try #require(Double(row[4])))
        }
        let steady = try halfWidth("STEADY"), lumpy = try halfWidth("LUMPY")
        #expect(steady > 0 && lumpy > 5 * steady, "steady ±\(steady), lumpy ±\(lumpy)")
    }
}
