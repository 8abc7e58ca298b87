import Foundation
import Testing
@testable import Pipeline

/// Interval widths follow how much a SKU moves, not only how much it sells, and how much last season
/// rose into the buckets being forecast.
@Suite struct IntervalWidthTests {
    /// Acme's weekly file (`dd/MM/yyyy`, decimal comma) from 2022-01-03 with one row per SKU and week where `quantity` is not 0.
    static func weeklyFile(weeks: Int, _ quantities: [String: (Int) -> Int]) throws -> String {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for (week, day) in WeeklyDates.strings(fromYear: 2022, month: 1, day: 3, weeks: weeks, format: "dd/MM/yyyy").enumerated() {
            for sku in quantities.keys.sorted() where quantities[sku]!(week) != 0 { lines.append("\(sku);\(day);\(quantities[sku]!(week));1,0") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs the file and returns each SKU's first-step upper 80 % bound minus its point forecast, and the residuals log.
    static func halfWidths(_ file: String, config: String = TestRoot.configJSON) throws -> (widths: [String: Double], residualsLog: String) {
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try root.drop(text: file, as: "acme/acme_weeks.csv")
        let run = try root.succeedingRun().folder
        let rows = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.first?.prefix(7).joined(separator: ",") == "sku,step,bucket,model,forecast,lower_80,upper_80")
        var widths: [String: Double] = [:]
        for row in rows.dropFirst() where row[1] == "1" { widths[String(row[0])] = (Double(row[6]) ?? .nan) - (Double(row[4]) ?? .nan) }
        return (widths, try FileSystem.readText("\(run)/logs/residuals-attempt1.jsonl"))
    }

    @Test func aLumpySKUGetsWiderIntervalsThanASteadyOneOfTheSameVolume() throws {
        let file = try Self.weeklyFile(weeks: 60, [
            "STEADY": { 9 + $0 % 3 },             // 9, 10, 11, …: mean 10, moves by 1–2
            "LUMPY": { $0 % 2 == 0 ? 20 : 0 },    // 20, 0, 20, …: mean 10, moves by 20
        ])
        let widths = try Self.halfWidths(file).widths
        let steady = try #require(widths["STEADY"]), lumpy = try #require(widths["LUMPY"])
        #expect(steady > 0 && lumpy > 5 * steady, "steady ±\(steady), lumpy ±\(lumpy)")
    }

    /// Last season doubled its demand over the weeks the forecast covers: the forecast's intervals widen
    /// by the logged factor against `intervals.seasonalWidth` off.
    @Test func intervalsWidenByLastSeasonsRiseIntoTheForecastWeeks() throws {
        // 110 weeks; the forecast covers weeks 110–113, last season's twins are weeks 58–61 (20 instead of 10).
        let file = try Self.weeklyFile(weeks: 110, ["PEAKY": { week in (58...61).contains(week) ? 20 : 9 + week % 3 }])
        let (on, log) = try Self.halfWidths(file)
        let off = try Self.halfWidths(file, config: TestRoot.configJSON.replacingOccurrences(of: #""backtestWindows": 3"#,
                                                                                          with: #""backtestWindows": 3, "seasonalWidth": false"#))
        // The peak is capped as an outlier by clean, so the factor is under 80/39 but well above 1.
        let logged = try #require(log.firstMatch(of: /seasonal width: forecast intervals × ([0-9.]+)/)?.1)
        let factor = try #require(Double(logged))
        #expect(factor > 1.5 && factor < 2.1, "\(log)")
        #expect(!off.residualsLog.contains("seasonal width"))
        // The calibration windows' own factors (about 1) move the calibrated width a little.
        let widened = try #require(on["PEAKY"]), plain = try #require(off.widths["PEAKY"])
        #expect(abs(widened / plain / factor - 1) < 0.1, "±\(widened) with, ±\(plain) without, factor \(factor)")
    }

    /// Four SKUs at levels 4–256 that swing by the square root of their level, as counts of independent
    /// sales do, and sold twice as much over last season's twins of the forecast weeks: the forecast's
    /// intervals widen by that rise to the power ½, not by the whole of it.
    @Test func intervalsOfCountLikeDemandWidenByTheSquareRootOfLastSeasonsRise() throws {
        let levels = ["A": 4, "B": 16, "C": 64, "D": 256]
        let file = try Self.weeklyFile(weeks: 110, levels.mapValues { level in { week in
            let swing = Int(Double(level).squareRoot()) * (week % 2 == 0 ? 1 : -1)
            return ((58...61).contains(week) ? 2 : 1) * (level + swing)
        } })
        let log = try Self.halfWidths(file).residualsLog
        let match = try #require(log.firstMatch(of: /seasonal width: forecast intervals × ([0-9.]+) \(last season's rise into the forecast buckets, ([0-9.]+), to the power ([0-9.]+)/), "\(log)")
        let factor = try #require(Double(match.1)), rise = try #require(Double(match.2)), exponent = try #require(Double(match.3))
        #expect(exponent > 0.4 && exponent < 0.6 && rise > 1.3, "\(log)")
        #expect(abs(factor - pow(rise, exponent)) < 0.002, "\(log)")
    }
}
