import Foundation
import Testing
@testable import Pipeline

/// Products that sell a unit or two on a few days a year: the network learns to forecast nothing, which
/// has the lowest validation WAPE but nothing a planner can stock from. The rule passes over it.
@Suite struct SparseDemandTests {
    static let config = TestRoot.configJSON.replacingOccurrences(of: TestRoot.modelJSON, with: #"""
        "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2, "lookback": 8,
                  "candidates": ["naive", "seasonalNaive", "tsb", "lstm"],
                  "lstm": {"hiddenUnits": 8, "epochs": 4, "windowsPerEpoch": 256, "batchSize": 32, "ensembleSize": 1, "patience": 1}}
        """#).replacingOccurrences(of: #""minTotalQuantity": 10"#, with: #""minTotalQuantity": 5"#)

    /// Acme's sales of 20 products over two years from 2022-01-03: each sells on about 1 day in 80.
    static func sparseFile() -> String {
        var state: UInt64 = 12345
        func draw() -> Double {
            state = (state &* 1_103_515_245 &+ 12345) % (1 << 31)
            return Double(state) / Double(1 << 31)
        }
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for date in VendorDates.strings(fromYear: 2022, month: 1, day: 3, count: 728, stepDays: 1, format: "dd/MM/yyyy") {
            for product in 0..<20 where draw() < 0.012 {
                lines.append(String(format: "P%03d;%@;%d;2,5", product, date, 1 + Int(draw() * 2)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theNetworkForecastingNothingDoesNotServe() throws {
        #expect(Self.config.contains(#""epochs": 4"#) && Self.config.contains(#""minTotalQuantity": 5"#))
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop(text: Self.sparseFile(), as: "acme/acme_sparse.csv")
        let run = try root.succeedingRun().folder
        let log = try FileSystem.readText("\(run)/logs/tune-attempt1.jsonl")
        // The network had the lowest validation WAPE of the segment and forecast under a tenth of its demand.
        #expect(log.contains("intermittent→blend") && log.contains("lstm left out: forecast under 10% of the demand"), "\(log)")
        let study = try FileSystem.readText("\(run)/tune/study.json")
        #expect(study.contains("\"tooLittle\""), "\(study.prefix(3000))")
        let models = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[3] }
        #expect(!models.isEmpty && !models.contains("lstm"), "\(Set(models))")
        #expect(models.contains { $0.hasPrefix("blend(lstm+") })
    }
}
