import Foundation
import Testing
@testable import Pipeline

/// SKUs without any sales get a flagged forecast from the SKUs most like them.
@Suite(.serialized) struct ColdStartTests {
    static let config = TestRoot.configJSON.replacingOccurrences(
        of: TestRoot.modelJSON,
        with: #""model": {"horizon": 4, "seasonLength": 52, "cvOrigins": 2, "candidates": \#(TestRoot.baselineCandidates),"#
            + #" "newSkus": {"NEW-1": {"description": "Item A100; size M"}}}"#)
        .replacingOccurrences(of: #""keepSkus": ["B400"]"#, with: #""keepSkus": ["B400", "GHOST"]"#)

    @Test func newSkusAreForecastFromSimilarOnesAndFlagged() throws {
        #expect(Self.config.contains("NEW-1") && Self.config.contains("GHOST"))
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        let run = try root.succeedingRun(["--quiet"]).folder
        let lines = try FileSystem.readText("\(run)/forecast/forecast.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let a100 = lines.filter { $0[0] == "A100" }
        let new = lines.filter { $0[0] == "NEW-1" }
        #expect(new.count == 4)
        #expect(new.first?[3] == "cold-start(description=Item A100; size M)" || new.first?[3] == "\"cold-start(description=Item A100; size M)\"")
        #expect(new.map { $0[4] } == a100.map { $0[4] })
        let ghost = lines.filter { $0[0] == "GHOST" }
        #expect(ghost.count == 4 && ghost.allSatisfy { $0[3] == "cold-start(all SKUs)" })
        let log = try FileSystem.readText("\(run)/logs/forecast-attempt1.jsonl")
        #expect(log.contains("NEW-1 has no sales history: cold-start forecast from 1 SKU(s) with description=Item A100; size M"))
    }
}
