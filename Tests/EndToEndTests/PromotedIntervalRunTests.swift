import Foundation
import Testing
import Forecasting
@testable import Pipeline

/// A run whose plan puts a SKU on deal and feature ad at a discount in two of its forecast weeks gives
/// those weeks the intervals of promoted weeks, calibrated on the history's promoted weeks.
@Suite(.serialized) struct PromotedIntervalRunTests {
    @Test func plannedPromotionWeeksGetThePromotedWeeksIntervals() throws {
        let root = try TestRoot(config: try CovariateForecastTests.exampleConfig(horizon: 4, plans: "config/calendars/plans.csv"))
        defer { root.remove() }
        try FileSystem.copy(CovariateForecastTests.slice, to: "\(root.path)/landing/dominicks/orangeJuice_yx_slice.csv")
        // Store 2's brand 1 on deal with a feature ad at half its usual price in forecast weeks 2 and 3.
        let planned = ["1992-10-15", "1992-10-22"].map { "2-1,\($0),0.02,1,1" }
        try FileSystem.writeAtomically((["sku,date,price,deal,feat"] + planned).joined(separator: "\n") + "\n",
                                       to: "\(root.path)/config/calendars/plans.csv")
        try FileSystem.writeAtomically("date,name\n", to: "\(root.path)/config/calendars/holidays.csv")
        try FileSystem.writeAtomically("sku,start,end\n", to: "\(root.path)/config/calendars/promotions.csv")
        let run = try root.succeedingRun(["--quiet"]).folder
        let log = try FileSystem.readText("\(run)/logs/residuals-attempt1.jsonl")
        #expect(log.contains("covariates moved demand by 20 % or more in ") && log.contains("calibrated apart, and such buckets take the wider"),
                "\(log)")
        let artifact = try JSONDecoder().decode(IntervalArtifact.self, from: Data(FileSystem.read("\(run)/residuals/intervals.json")))
        #expect(artifact.interval.shifted != nil)
        let lifts = try #require(artifact.lifts?["2-1"], "\(artifact.lifts ?? [:])")
        #expect(lifts.count == 4 && CovariateLift.isShifted(lifts[1]) && CovariateLift.isShifted(lifts[2]) && lifts[1] > 1.5, "\(lifts)")
        // The forecast's bounds are the calibrated model's for the promoted weeks' lifts, and wider than an
        // ordinary week's would be.
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows[0].map(String.init)
        #expect(Array(header.prefix(9)) == ["sku", "step", "bucket", "model", "forecast", "lower_80", "upper_80", "lower_95", "upper_95"])
        let scale = try #require(artifact.scales["2-1"])
        var wider = 0
        for step in [2, 3] {
            let row = try #require(rows.first { $0[0] == "2-1" && $0[1] == Substring(String(step)) })
            let point = try #require(Double(row[4]))
            for level in 0..<2 {
                let promoted = artifact.interval.bounds(point: point, step: step - 1, scale: scale, level: level, lift: lifts[step - 1])
                let ordinary = artifact.interval.bounds(point: point, step: step - 1, scale: scale, level: level)
                #expect(abs(Double(row[5 + 2 * level])! - promoted.lower) < 1e-3 && abs(Double(row[6 + 2 * level])! - promoted.upper) < 1e-3, "\(row)")
                #expect(promoted.upper >= ordinary.upper && promoted.lower <= ordinary.lower)
                if promoted.upper > ordinary.upper + 1e-9 { wider += 1 }
            }
        }
        #expect(wider > 0)
        let replay = try DemandCLI.run(["replay", "\(run)/manifest.json"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }
}
