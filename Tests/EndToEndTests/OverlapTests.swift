import Foundation
import Testing
@testable import Pipeline

/// A vendor re-sends days an earlier run already took in (`producers[].overlap`).
@Suite struct OverlapTests {
    /// The acme fixture's rows of 2–6 May 2023 (13 rows), as a vendor re-sending its last days would send them.
    static func resent() throws -> String {
        let lines = try FileSystem.readText("\(TestRoot.fixtures)/vendor/acme_sales.csv").split(separator: "\n")
        return ([lines[0]] + lines.filter { $0.contains("/05/2023;") }).joined(separator: "\n") + "\n"
    }

    func rows(_ path: String) throws -> Int { try FileSystem.readText(path).split(separator: "\n").count - 1 }

    /// Runs on the acme fixture, then on its re-sent last days: the master table's rows after the first
    /// run, the second run's folder and its ingest log.
    func runTwice(_ root: TestRoot) throws -> (before: Int, run: String, log: String) {
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        #expect(try root.demand(["run", "--quiet"]).status == 0)
        let before = try rows("\(root.path)/processed/master/transactions.csv")
        try root.drop(text: try Self.resent(), as: "acme/acme_resent.csv")
        #expect(try root.demand(["run", "--quiet"]).status == 0)
        let run = try #require(try root.runs().last)
        return (before, run, try FileSystem.readText("\(run)/logs/ingest-attempt1.jsonl"))
    }

    @Test func reSentDaysAreKeptWithAWarningByDefault() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let (before, _, log) = try runTwice(root)
        #expect(log.contains("acme_resent.csv covers 2023-05-02 to 2023-05-06, where the master table already holds 13 rows of producer 'acme': both are kept"), "\(log)")
        #expect(try rows("\(root.path)/processed/master/transactions.csv") == before + 13)
    }

    @Test func replaceLetsAFileRestateTheDaysItCovers() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: #""dateFormat": "dd/MM/yyyy","#, with: #""dateFormat": "dd/MM/yyyy", "overlap": "replace","#)
        #expect(config != TestRoot.configJSON)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let (before, run, log) = try runTwice(root)
        #expect(log.contains("acme_resent.csv restates 2023-05-02 to 2023-05-06: 13 earlier rows of producer 'acme' on those days replaced"), "\(log)")
        #expect(try rows("\(root.path)/processed/master/transactions.csv") == before)
        let rejects = try FileSystem.readText("\(run)/ingest/rejects.csv")
        #expect(rejects.contains("restated,acme_sales.csv:") && rejects.contains("restated by acme_resent.csv, which covers 2023-05-02 to 2023-05-06"), "\(rejects.prefix(600))")
        let replay = try DemandCLI.run(["replay", "\(run)/manifest.json"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }
}
