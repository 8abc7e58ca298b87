import Foundation
import Testing
@testable import Formats

/// JSONTestSuite's parsing cases and the JSON Lines quirks every vendor export may have.
@Suite struct JSONConformanceTests {
    static let suite = Fixtures.files(under: "conformance/json/JSONTestSuite/test_parsing", suffix: ".json")

    @Test func acceptsEveryYAndRejectsEveryNCase() throws {
        #expect(Self.suite.count >= 200)
        var wrong: [String] = []
        for path in Self.suite {
            let name = (path as NSString).lastPathComponent
            let bytes = try Fixtures.bytes(path)
            let parsed = (try? JSONParser.parse(bytes)) != nil
            if name.hasPrefix("y_") && !parsed { wrong.append("\(name) should parse") }
            if name.hasPrefix("n_") && parsed { wrong.append("\(name) should be rejected") }
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test(arguments: Fixtures.files(under: "conformance/json/jsonl-quirks", suffix: ".expected.json"))
    func quirkFileReadsToItsRecords(_ expectationPath: String) throws {
        let expectation = try #require(try Fixtures.json(expectationPath) as? [String: Any])
        let records = try #require(expectation["records"] as? [[String: Any]])
        let table = try TableFile.read(path: String(expectationPath.dropLast(".expected.json".count)))
        #expect(table.rows.count == records.count)
        for (row, record) in zip(table.rows, records) {
            for (key, value) in record {
                let column = try #require(table.columnIndex(key), "column \(key)")
                #expect(Self.matches(row[column], value), "\(expectationPath): \(key) = \(row[column]) vs \(value)")
            }
        }
    }

    static func matches(_ cell: Cell, _ expected: Any) -> Bool {
        if expected is NSNull { return cell == .null }
        if let object = expected as? [String: Any], let number = object["number"] as? String {
            switch cell {
            case .integer(let value): return String(value) == number
            case .unsignedInteger(let value): return String(value) == number
            case .double(let value): return value == Double(number)
            default: return false
            }
        }
        if let text = expected as? String { return cell == .string(text) }
        if let number = expected as? NSNumber {
            if String(cString: number.objCType) == "c" { return cell == .bool(number.boolValue) }
            switch cell {
            case .integer(let value): return Double(value) == number.doubleValue
            case .double(let value): return value == number.doubleValue
            case .bool(let value): return value == number.boolValue
            default: return false
            }
        }
        return false
    }
}
