import Foundation
import Testing
@testable import Pipeline

@Suite(.serialized) struct RunCommandTests {
    @Test func helpExplainsEveryCommand() throws {
        let overview = try DemandCLI.run(["--help"])
        #expect(overview.status == 0)
        for command in ["run", "replay", "dump", "config"] { #expect(overview.stdout.contains("  \(command) ")) }
        let run = try DemandCLI.run(["run", "--help"])
        #expect(run.stdout.contains("--resume"))
        let unknown = try DemandCLI.run(["run", "--colour"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown option --colour"))
    }

    @Test func malformedQuantityFailsIngestNamingFileLineAndColumn() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let text = "item_code;sold_on;qty_sold;unit_price\nA1;03/01/2022;4;1,5\nA1;04/01/2022;lots;1,5\nA1;05/01/2022;2;1,5\n"
        try root.drop(text: text, as: "acme/acme_bad.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("acme_bad.csv:3: column 'qty_sold': expected a number, found 'lots'"))
        let run = try #require(try root.runs().first)
        let manifest = try root.manifest(run)
        #expect(manifest.status == .failed)
        #expect(manifest.record(.ingest).attempts == 1)
        #expect(manifest.record(.ingest).status == .failed)
        let alerts = try FileSystem.readText("\(run)/alert/alerts.json")
        #expect(alerts.contains("state-failed"))
        #expect(alerts.contains("acme_bad.csv:3"))
        let archived = try FileSystem.readText("\(run)/\(manifest.inputs[0].archivedPath)")
        #expect(archived == text)
    }

    @Test func unknownDateFormatAndUnterminatedQuoteAreNamed() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.drop(text: "item_code;sold_on;qty_sold\nA1;2022/13/45;4\n", as: "acme_dates.csv")
        let dates = try root.demand(["run"])
        #expect(dates.stdout.contains("acme_dates.csv:2: column 'sold_on': expected a date as dd/MM/yyyy, found '2022/13/45'"))
        try root.drop(text: "item_code;sold_on;qty_sold\nA1;03/01/2022;4\n\"A2;04/01/2022;5\n", as: "acme_quote.csv")
        let quote = try root.demand(["run"])
        #expect(quote.status == 1)
        #expect(quote.stdout.contains("acme_quote.csv:3"))
        #expect(quote.stdout.lowercased().contains("quote"))
    }

    @Test func unmatchedFileIsQuarantinedWithAReason() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.drop(text: "x,y\n1,2\n", as: "mystery.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("no new files"))
        let reason = try FileSystem.readText("\(root.path)/processed/quarantine/mystery.csv.reason.txt")
        #expect(reason.contains("no producer matches"))
        #expect(try FileSystem.readText("\(root.path)/processed/quarantine/mystery.csv") == "x,y\n1,2\n")
    }
}
