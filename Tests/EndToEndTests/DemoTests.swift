import Foundation
import Testing
@testable import Pipeline

/// The README's first command, `demand run --demo`, on the repository's own config, calendars and sample
/// files: the bundled producers read the bundled samples and every SKU gets a forecast. The network is
/// left out of the candidates to keep the test quick; the rest of the bundled config stands.
@Suite struct DemoTests {
    static let repository = URL(fileURLWithPath: TestRoot.fixtures).deletingLastPathComponent().deletingLastPathComponent().path

    /// `config/demand.json` of the repository with `lstm` taken out of `model.candidates`.
    static func bundledConfigWithoutNetwork() throws -> String {
        let data = try Data(FileSystem.read("\(repository)/config/demand.json"))
        var config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var model = try #require(config["model"] as? [String: Any])
        let candidates = try #require(model["candidates"] as? [String])
        #expect(candidates.contains("lstm") && candidates.contains("holtWinters"))
        model["candidates"] = candidates.filter { $0 != "lstm" }
        config["model"] = model
        return String(decoding: try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theDemoRunsOnTheBundledSamples() throws {
        let root = try TestRoot(config: try Self.bundledConfigWithoutNetwork())
        defer { root.remove() }
        for folder in ["calendars", "samples"] {
            try FileSystem.copy("\(Self.repository)/config/\(folder)", to: "\(root.path)/config/\(folder)")
        }
        let result = try root.demand(["run", "--demo"])
        let output = result.stdout + result.stderr
        #expect(result.status == 0, "\(output)")
        #expect(output.contains("demo: copied 2 sample file(s) from config/samples/"), "\(output)")
        #expect(output.contains("forecast 198 SKUs × 13 buckets from 2011-12-05"), "\(output)")
        let run = try #require(try root.runs().first)
        #expect(result.stdout.contains("forecasts: \(run)/forecast.csv"), "\(result.stdout)")
        let rows = try FileSystem.readText("\(run)/forecast.csv").split(separator: "\n").dropFirst()
        #expect(Set(rows.map { $0.split(separator: ",")[0] }).count == 198)
        #expect(rows.count == 198 * 13)
    }
}
