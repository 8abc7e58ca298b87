import Foundation
import Testing
@testable import Formats

/// Every CSV written by other tools in `Fixtures/conformance/csv` parses to its expected records.
@Suite struct CSVConformanceTests {
    static let expectations = Fixtures.files(under: "conformance/csv", suffix: ".expected.json")

    @Test func thereAreConformanceFiles() {
        #expect(Self.expectations.count >= 40)
    }

    @Test(arguments: expectations)
    func fileParsesToItsExpectedRecords(_ expectationPath: String) throws {
        let expectation = try #require(try Fixtures.json(expectationPath) as? [String: Any])
        let dialect = expectation["dialect"] as? [String: Any] ?? [:]
        let dataPath = String(expectationPath.dropLast(".expected.json".count))
        var expected = (expectation["records"] as? [[String]] ?? []).filter { !$0.isEmpty }
        if dialect["sep_hint_line"] as? Bool == true { expected.removeFirst() }
        let bytes = try Fixtures.bytes(dataPath)
        var records = try CSVReader.records(bytes: bytes, file: dataPath).map(\.fields)
        if (expectation["notes"] as? String ?? "").hasPrefix("Not RFC 4180") {
            // Python keeps spaces after a closing quote; we drop them (the README's documented alternative).
            let trim = { (rows: [[String]]) in rows.map { $0.map { $0.trimmingCharacters(in: .whitespaces) } } }
            records = trim(records)
            expected = trim(expected)
        }
        #expect(records == expected, "\(dataPath)")
        if let delimiter = dialect["delimiter"] as? String, let byte = delimiter.utf8.first, expected.first?.count ?? 0 > 1 {
            let sniffed = CSVDialect.detect(TextDecoding.utf8Bytes(of: bytes).bytes, explicit: nil, decimalComma: false)
            #expect(sniffed.delimiter == byte, "\(dataPath): sniffed \(Character(Unicode.Scalar(sniffed.delimiter)))")
        }
    }

    @Test func papaParseCasesWithBasicConfig() throws {
        let suite = try #require(try Fixtures.json("\(Fixtures.root)/conformance/csv/papaparse/cases.public.json") as? [String: Any])
        let cases = try #require(suite["cases"] as? [[String: Any]])
        var checked = 0
        for item in cases where item["basic_config"] as? Bool == true && (item["config"] as? [String: Any])?.isEmpty ?? true {
            guard let input = item["input"] as? String, let expected = item["expected"] as? [String: Any],
                  let data = expected["data"] as? [[String]], (expected["errors"] as? [Any])?.isEmpty ?? true else { continue }
            // PapaParse keeps blank lines as [""]; we skip them, as Python's csv and most readers do.
            let rows = data.filter { $0 != [""] }
            let records = try CSVReader.records(bytes: Array(input.utf8), file: "case")
            #expect(records.map(\.fields) == rows, "\(item["id"] ?? "?"): \(item["description"] ?? "")")
            checked += 1
        }
        #expect(checked >= 30)
    }
}
