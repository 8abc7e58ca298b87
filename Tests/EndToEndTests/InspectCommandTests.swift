import Foundation
import Testing
@testable import Pipeline
import Formats

/// `demand dump`, `demand config check` and the ingest reject report, used as a vendor or an
/// engineer would when asking "what did you read from my file?".
@Suite(.serialized) struct InspectCommandTests {
    @Test func dumpPrintsTheParsedTableOfACSVAndAJSONLinesFile() throws {
        let csv = try DemandCLI.run(["dump", "\(TestRoot.fixtures)/vendor/acme_sales.csv", "--limit", "2"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "item_code,sold_on,qty_sold,unit_price,item_name,channel")
        #expect(lines[1] == "A100,03/01/2022,8,\"2,98\",Item A100; size M,store")
        let jsonl = try DemandCLI.run(["dump", "\(TestRoot.fixtures)/vendor/globex_sales.jsonl", "--limit", "1"])
        #expect(jsonl.stdout == "sku,date,units,region\nA100,2022-01-04,12,north\n")
    }

    @Test func dumpWithAProducerShowsWhatIngestKeepsAndWhy() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let file = "\(root.path)/acme_mixed.csv"
        try FileSystem.writeAtomically("item_code;sold_on;qty_sold\nA1;03/01/2022;2,5\nPOST;03/01/2022;1\nA2;04/01/2022;-3\n", to: file)
        let result = try root.demand(["dump", file, "--producer", "acme", "--mapped"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("sku,date,quantity"))
        #expect(result.stdout.contains("A1,2022-01-03,2.5"))
        #expect(!result.stdout.contains("POST"))
        #expect(result.stderr.contains("1 rows kept, 2 left out"))
        #expect(result.stderr.contains("excluded=1") && result.stderr.contains("non-positive-quantity=1"))
    }

    /// A producer's `dateFormat` may spell out the time, as UCI's Online Retail export has it
    /// (`12/01/2010 08:26`): the time is read and checked, and the row's day is the date.
    @Test func aDateFormatWithATimeOfDayReadsTheDay() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: #""dateFormat": "dd/MM/yyyy""#, with: #""dateFormat": "MM/dd/yyyy HH:mm""#)
        #expect(config != TestRoot.configJSON)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let file = "\(root.path)/acme_invoices.csv"
        try FileSystem.writeAtomically("item_code;sold_on;qty_sold\nA1;12/01/2010 08:26;6\nA2;12/31/2010 17:41;2\nA3;12/31/2010 24:61;1\n", to: file)
        let result = try root.demand(["dump", file, "--producer", "acme", "--mapped"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("A1,2010-12-01,6") && result.stdout.contains("A2,2010-12-31,2"), "\(result.stdout)")
        #expect(!result.stdout.contains("A3"), "\(result.stdout)")
    }

    @Test func dumpOfAMissingOrBrokenFileSaysWhatIsWrong() throws {
        let missing = try DemandCLI.run(["dump", "/nonexistent/sales.csv"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/sales.csv"))
        let broken = NSTemporaryDirectory() + "demand-broken-\(UUID().uuidString.prefix(6)).json"
        defer { try? FileSystem.remove(broken) }
        try FileSystem.writeAtomically("[{\"sku\": \"A\", \"units\": 1},\n {\"sku\": \"B\", \"units\": }]\n", to: broken)
        let result = try DemandCLI.run(["dump", broken])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(broken):2: expected a value"))
    }

    @Test func configCheckAcceptsTheBundledConfigAndNamesTheFaultyPath() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let good = try root.demand(["config", "check"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("valid (2 producer(s): acme, globex)"))
        let printed = try root.demand(["config", "check", "--print"])
        #expect(printed.stdout.contains("\"bucketWeeks\""))
        let bad = "\(root.path)/bad.json"
        try FileSystem.writeAtomically(#"{"producers": [{"name": "x", "patterns": [], "columns": {"sku": 5, "date": "d", "quantity": "q"}}]}"#, to: bad)
        let result = try DemandCLI.run(["config", "check", bad])
        #expect(result.status != 0)
        #expect(result.stderr.contains("$.producers[0].columns.sku"))
    }

    @Test func rejectedRowsAreListedWithFileLineAndReason() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        try root.drop(text: "item_code;sold_on;qty_sold\nA100;10/01/2022;0\nPOST;10/01/2022;3\nA100;11/01/2022;5\n", as: "acme/acme_extra.csv")
        let run = try root.succeedingRun(["--quiet"]).folder
        let rejects = try FileSystem.readText("\(run)/ingest/rejects.csv")
        #expect(rejects.hasPrefix("reason,source,column,detail\n"))
        #expect(rejects.contains("non-positive-quantity,acme_extra.csv:2,qty_sold,"))
        #expect(rejects.contains("excluded,acme_extra.csv:3,item_code,SKU 'POST' is in ingest.excludeSkus"))
        let summary = try FileSystem.readText("\(run)/ingest/summary.json")
        #expect(summary.contains("\"non-positive-quantity\" : 1"))
    }
}

/// Excel workbooks go through the same ingest as CSV and JSON.
@Suite(.serialized) struct WorkbookIngestTests {
    static let config = TestRoot.configJSON.replacingOccurrences(of: #""producers": ["#, with: """
        "producers": [
            {"name": "fabrikam", "patterns": ["*.xlsx"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity", "price": "price"},
             "attributes": {"category": "category"}},
        """).replacingOccurrences(of: #""maxBadRowShare": 0.0"#, with: #""maxBadRowShare": 0.1"#)

    @Test func aWorkbookDroppedInLandingIsIngestedAndDumpable() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let workbook = "\(TestRoot.fixtures)/xlsx/generated/xlsxwriter_transactions.xlsx"
        let dump = try DemandCLI.run(["dump", workbook, "--limit", "1"])
        #expect(dump.stdout == "sku,date,timestamp,quantity,price,category,in_stock,note,total\nSKU-1000,2024-01-01,2024-01-01,1,19.99,Grocery,false,,19.99\n")
        try root.drop("xlsx/generated/xlsxwriter_transactions.xlsx", as: "fabrikam/transactions.xlsx")
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        let result = try root.demand(["run", "--quiet"])
        let run = try #require(try root.runs().first)
        let transactions = try FileSystem.readText("\(run)/ingest/transactions.csv")
        #expect(transactions.contains("SKU-1000,2024-01-01,1,19.99"), "\(result.stdout)")
        #expect(try FileSystem.readText("\(run)/ingest/attributes.csv").contains("SKU-1000,Grocery"))
        let summary = try FileSystem.readText("\(run)/ingest/summary.json")
        #expect(summary.contains("\"producer\" : \"fabrikam\""))
    }

    @Test func theProducersSheetIsTheOneRead() throws {
        let config = Self.config.replacingOccurrences(of: #""patterns": ["*.xlsx"],"#, with: #""patterns": ["*.xlsx"], "sheet": "Summary","#)
        #expect(config.contains("\"sheet\": \"Summary\""))
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try root.drop("xlsx/generated/xlsxwriter_transactions.xlsx", as: "fabrikam/transactions.xlsx")
        let result = try root.demand(["run"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("transactions.xlsx: column 'sku' (the sku column of producer 'fabrikam') not found; the file has columns 'Total rows'"),
                "\(result.stdout)")
    }
}

/// Parquet files written by pyarrow go through the same ingest; the forecast is also written as Parquet.
@Suite(.serialized) struct ParquetIngestTests {
    static let config = TestRoot.configJSON.replacingOccurrences(of: #""producers": ["#, with: """
        "producers": [
            {"name": "lakehouse", "patterns": ["*.parquet"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity", "price": "price"}},
        """).replacingOccurrences(of: #""maxBadRowShare": 0.0"#, with: #""maxBadRowShare": 0.2, "dateFrom": "2021-01-01", "dateTo": "2024-12-31""#)

    @Test func aParquetFileIsIngestedAndTheForecastIsWrittenAsParquet() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let file = "\(TestRoot.fixtures)/parquet/matrix/pyarrow/pyarrow_d32_q32_n_gzip_dict_v1_rg100.parquet"
        let dump = try DemandCLI.run(["dump", file, "--limit", "2"])
        #expect(dump.status == 0)
        #expect(dump.stdout.hasPrefix("sku,date,quantity,price,category\n"))
        try root.drop("parquet/matrix/pyarrow/pyarrow_d32_q32_n_gzip_dict_v1_rg100.parquet", as: "lakehouse/sales.parquet")
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        let run = try root.succeedingRun(["--quiet"]).folder
        let summary = try FileSystem.readText("\(run)/ingest/summary.json")
        #expect(summary.contains("\"producer\" : \"lakehouse\""))
        let rejects = try FileSystem.readText("\(run)/ingest/rejects.csv")
        #expect(rejects.contains("sales.parquet:"))
        // Our own Parquet output reads back through the same reader.
        let forecast = try Formats.TableFile.read(path: "\(run)/forecast/forecast.parquet")
        let csv = try Formats.TableFile.read(path: "\(run)/forecast/forecast.csv")
        #expect(forecast.rows.count == csv.rows.count)
        #expect(forecast.rows.map { CSVWriter.text($0[0]) } == csv.rows.map { CSVWriter.text($0[0]) })
        #expect(forecast.columnNames.prefix(5) == ["sku", "step", "bucket", "model", "forecast"])
        let master = try Formats.TableFile.read(path: "\(root.path)/processed/master/transactions.parquet")
        #expect(master.rows.count == (try Formats.TableFile.read(path: "\(root.path)/processed/master/transactions.csv")).rows.count)
    }
}
