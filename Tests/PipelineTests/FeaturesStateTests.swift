import Testing
@testable import Pipeline

@Suite struct FeaturesStateTests {
    @Test func flagsHolidayAndPromotionBucketsAndNamesEveryFeature() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        harness.config.features.periods = [52]
        harness.config.features.rollingWindows = [2]
        try harness.write(.clean, "calendar.json", """
            {"anchorWeekday": 0, "firstBucket": 2817, "lastBucket": 2820, "weeksPerBucket": 1}
            """)
        try harness.write(.clean, "series.csv", "sku,bucket,quantity,raw_quantity\nA,2024-01-01,3,3\nA,2024-01-08,0,0\nA,2024-01-15,5,5\nB,2024-01-15,1,1\n")
        try writeFile("\(harness.root)/holidays.csv", "date,name\n2024-01-10,Test day\n")
        // One SKU's promotion, and one for every SKU (an empty sku).
        try writeFile("\(harness.root)/promotions.csv", "sku,start,end,name\nB,2024-01-14,2024-01-15,B promo\n,2023-12-30,2024-01-01,Sale\n")
        harness.inputs = [
            .init(originalName: "h", producer: ReservedInputs.holidays, size: 0, sha256: "", archivedPath: "../holidays.csv"),
            .init(originalName: "p", producer: ReservedInputs.promotions, size: 0, sha256: "", archivedPath: "../promotions.csv"),
        ]
        try harness.run(FeaturesState())
        let lines = try harness.read(.features, "features.csv").split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "sku" && header.last == "promotion")
        #expect(header.contains("sin_52") && header.contains("roll_mean_2") && header.contains("zero_run") && header.contains("holiday"))
        let holiday = header.firstIndex(of: "holiday")!, promotion = header.firstIndex(of: "promotion")!
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[holiday] } == ["0", "1", "0", "0"])
        #expect(rows.map { $0[promotion] } == ["1", "0", "0", "1"])
        let rollMean = header.firstIndex(of: "roll_mean_2")!
        #expect(rows[2][rollMean] == "1.5")
    }

    @Test func aMissingCalendarFileIsAConfigError() throws {
        var harness = try StateHarness()
        defer { harness.remove() }
        try harness.write(.clean, "calendar.json", #"{"anchorWeekday": 0, "firstBucket": 2817, "lastBucket": 2817, "weeksPerBucket": 1}"#)
        try harness.write(.clean, "series.csv", "sku,bucket,quantity,raw_quantity\nA,2024-01-01,3,3\n")
        harness.inputs = [.init(originalName: "h", producer: ReservedInputs.holidays, size: 0, sha256: "", archivedPath: "missing.csv")]
        #expect {
            try harness.run(FeaturesState())
        } throws: { error in
            String(describing: error).contains("missing.csv: calendar file not found")
        }
    }
}
