import Foundation
import Testing
@testable import Pipeline

/// New actuals are compared with the forecasts made for them; a sustained miss raises a drift alert.
@Suite(.serialized) struct DriftEndToEndTests {
    /// Daily rows for every SKU of the acme fixture from `start` for `days` days.
    func actuals(from start: Int, days: Int, quantity: Int) -> String {
        var text = "item_code;sold_on;qty_sold\n"
        for day in start..<(start + days) {
            let date = DateText.dmy(day)
            for sku in ["A100", "A200", "B300", "C500", "C600"] { text += "\(sku);\(date);\(quantity)\n" }
        }
        return text
    }

    @Test func aSustainedMissRaisesDriftAndTheRunReplaysIdentically() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        #expect(try root.demand(["run", "--quiet"]).status == 0)
        let firstRun = try #require(try root.runs().first)
        let forecast = try FileSystem.readText("\(firstRun)/forecast/forecast.csv")
        #expect(forecast.contains(",2023-05-01,") && forecast.contains(",2023-05-22,"))
        #expect(FileSystem.exists("\(root.path)/processed/master/forecast.csv"))
        // Four weeks of actuals far above anything forecast: 2023-05-01 (day 19478) to 2023-05-28.
        try root.drop(text: actuals(from: 19_478, days: 28, quantity: 400), as: "acme/acme_may.csv")
        let secondRun = try root.succeedingRun().folder
        let manifest = try root.manifest(secondRun)
        #expect(manifest.inputs.contains { $0.producer == ReservedInputs.previousForecast })
        let drift = try FileSystem.readText("\(secondRun)/alert/drift.json")
        #expect(drift.contains("\"event\" : \"raised\""))
        #expect(drift.contains("\"bucket\" : \"2023-05-22\""))
        let alerts = try FileSystem.readText("\(secondRun)/alert/alerts.json")
        #expect(alerts.contains("\"kind\" : \"drift\""))
        #expect(alerts.contains("forecast accuracy drifted"))
        #expect(try FileSystem.readText("\(secondRun)/alert/drift-skus.csv").contains("A100,2023-05-01,"))
        let bySku = try FileSystem.readText("\(secondRun)/alert/drift-by-sku.csv")
        #expect(bySku.hasPrefix("sku,buckets,wape,mape\nA100,4,"))
        let replay = try DemandCLI.run(["replay", "\(secondRun)/manifest.json"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        // Actuals in line with the forecast clear the alert (hysteresis: below threshold × clearRatio).
        let thirdForecast = try FileSystem.readText("\(root.path)/processed/master/forecast.csv")
        let lines = thirdForecast.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        var text = "item_code;sold_on;qty_sold\n"
        for line in lines where line[1] == "1" {
            // Spread the forecast week's quantity over its seven days (bucket 2023-05-29 = day 19506).
            let perDay = (Double(line[4]) ?? 0) / 7
            for day in 19_506..<19_513 { text += "\(line[0]);\(DateText.dmy(day));\(String(format: "%.3f", perDay).replacingOccurrences(of: ".", with: ","))\n" }
        }
        try root.drop(text: text, as: "acme/acme_june.csv")
        #expect(try root.demand(["run", "--quiet"]).status == 0)
        let thirdRun = try #require(try root.runs().last)
        let cleared = try FileSystem.readText("\(thirdRun)/alert/drift.json")
        #expect(cleared.contains("\"event\" : \"cleared\""), "\(cleared)")
    }
}

/// Dates as the acme producer writes them.
enum DateText {
    /// `dd/MM/yyyy` for a day count since 1970-01-01.
    static func dmy(_ days: Int) -> String {
        let date = Date(timeIntervalSince1970: Double(days) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d/%02d/%04d", parts.day!, parts.month!, parts.year!)
    }
}
