import Testing
@testable import Pipeline

@Suite struct CleanStateTests {
    /// 2024-01-01 is a Monday. Sales every day from Wednesday 2024-01-03 to Thursday 2024-03-07.
    func dailyRows(_ sku: String, quantity: Double, spikeDay: Int? = nil) -> [(String, String, Double)] {
        (0..<65).map { offset in
            let day = 19_725 + offset  // 2024-01-03
            let value = offset == spikeDay ? quantity * 400 : quantity
            return (sku, DateText.iso(day), value)
        }
    }

    @Test func bucketsWeeksDropsPartialEdgesAndFillsZeros() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        harness.config.clean.outlierZ = 0
        var rows = dailyRows("A", quantity: 1)
        rows.append(("B", "2024-02-14", 5))
        try harness.write(.ingest, "transactions.csv", transactionsCSV(rows))
        try harness.run(CleanState())
        let series = try harness.read(.clean, "series.csv").split(separator: "\n")
        #expect(series.first == "sku,bucket,quantity,raw_quantity")
        let a = series.filter { $0.hasPrefix("A,") }
        #expect(a.first == "A,2024-01-08,7,7")
        #expect(a.last == "A,2024-02-26,7,7")
        #expect(a.count == 8)
        #expect(series.filter { $0.hasPrefix("B,") } == ["B,2024-02-12,5,5", "B,2024-02-19,0,0", "B,2024-02-26,0,0"])
        let grid = try harness.read(.clean, "calendar.json")
        #expect(grid.contains("\"weeksPerBucket\" : 1"))
    }

    @Test func twoWeekBucketsAnchoredOnSunday() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        harness.config.clean.bucketWeeks = 2
        harness.config.clean.anchorWeekday = "sunday"
        harness.config.clean.dropPartialEdgeBuckets = false
        harness.config.clean.outlierZ = 0
        try harness.write(.ingest, "transactions.csv", transactionsCSV(dailyRows("A", quantity: 1)))
        try harness.run(CleanState())
        let lines = try harness.read(.clean, "series.csv").split(separator: "\n").dropFirst()
        let starts = lines.map { $0.split(separator: ",")[1] }
        for start in starts { #expect(DateText.weekday(String(start)) == 6, "\(start) should be a Sunday") }
        let total = lines.map { Double($0.split(separator: ",")[2])! }.reduce(0, +)
        #expect(total == 65)
    }

    @Test func monthlyBucketsAreCalendarMonths() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        harness.config.clean.bucket = "month"
        harness.config.clean.outlierZ = 0
        // Every day from 2024-01-03 to 2024-03-07: January and March are partial and dropped.
        try harness.write(.ingest, "transactions.csv", transactionsCSV(dailyRows("A", quantity: 1)))
        try harness.run(CleanState())
        #expect(try harness.read(.clean, "series.csv").split(separator: "\n").dropFirst() == ["A,2024-02-01,29,29"])
        harness.config.clean.dropPartialEdgeBuckets = false
        try harness.run(CleanState())
        #expect(try harness.read(.clean, "series.csv").split(separator: "\n").dropFirst() == ["A,2024-01-01,29,29", "A,2024-02-01,29,29", "A,2024-03-01,7,7"])
        #expect(try harness.read(.clean, "calendar.json").contains("\"months\" : true"))
    }

    @Test func aMonthGridCountsMonthsFrom1970() {
        let grid = BucketGrid(weeksPerBucket: 1, anchorWeekday: 0, firstBucket: 0, lastBucket: 0, months: true)
        #expect(grid.index(ofDay: 0) == 0 && grid.index(ofDay: 31) == 1)                  // 1970-01-01, 1970-02-01
        #expect(grid.index(ofDay: 19_782) == 649 && grid.label(650) == "2024-03-01")       // 2024-02-29: February of year 54
        #expect(grid.label(649) == "2024-02-01" && grid.days(649) == 19_754...19_782)       // 29 days in February 2024
        #expect(grid.label(-1) == "1969-12-01" && grid.index(ofDay: -1) == -1)
        let weekly = BucketGrid(weeksPerBucket: 1, anchorWeekday: 0, firstBucket: 0, lastBucket: 0)
        #expect(weekly.days(0) == 4...10 && weekly.index(ofDay: 11) == 1)                  // 1970-01-05 was a Monday
    }

    @Test func capsOutliersAndListsEveryCappedValue() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        harness.config.clean.outlierZ = 2
        try harness.write(.ingest, "transactions.csv", transactionsCSV(dailyRows("A", quantity: 1, spikeDay: 20)))
        try harness.run(CleanState())
        let capped = try harness.read(.clean, "capped.csv").split(separator: "\n")
        #expect(capped.count == 2)
        #expect(capped[1].hasPrefix("A,2024-01-22,406,"))
        let series = try harness.read(.clean, "series.csv")
        #expect(series.contains("A,2024-01-22,") && series.contains(",406\n"))
        #expect(!series.contains("A,2024-01-22,406,"))
    }

    @Test func removesLowVolumeSkusUnlessKept() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        harness.config.clean.minTotalQuantity = 50
        harness.config.clean.keepSkus = ["KEEP"]
        let rows = dailyRows("BIG", quantity: 1) + [("SMALL", "2024-01-10", 3), ("KEEP", "2024-01-10", 2)]
        try harness.write(.ingest, "transactions.csv", transactionsCSV(rows))
        try harness.run(CleanState())
        let series = try harness.read(.clean, "series.csv")
        #expect(series.contains("BIG,"))
        #expect(series.contains("KEEP,"))
        #expect(!series.contains("SMALL,"))
        #expect(try harness.read(.clean, "removed.csv").contains("SMALL,3,1,total below clean.minTotalQuantity"))
    }
}

/// ISO dates for test data, independent of the code under test.
enum DateText {
    static func iso(_ days: Int) -> String {
        let date = Date(timeIntervalSince1970: Double(days) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// 0 = Monday … 6 = Sunday.
    static func weekday(_ iso: String) -> Int {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let date = formatter.date(from: iso)!
        let days = Int(date.timeIntervalSince1970 / 86_400)
        return (days + 3) % 7
    }
}

import Foundation
