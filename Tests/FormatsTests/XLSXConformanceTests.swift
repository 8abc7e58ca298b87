import Foundation
import Testing
@testable import Formats

/// Compares every cell of the shared conformance workbooks (Tests/Fixtures/xlsx, copied from
/// /work/shared/conformance/xlsx) with the reference readers' `*.expected.json`.
///
/// Cells marked `"agree": false` (the reference readers disagree and no rule decides) are skipped and counted.
@Suite struct XLSXConformanceTests {
    struct Expected: Decodable {
        var source: String
        var sheets: [Sheet]
        struct Sheet: Decodable {
            var name: String
            var cells: [ExpectedCell]
        }
    }

    struct ExpectedCell: Decodable {
        var ref: String
        var t: String?
        var fmt: String?
        var value: ExpectedValue
        var agree: Bool?
    }

    enum ExpectedValue: Decodable, CustomStringConvertible {
        case string(String)
        case number(Double)
        case bool(Bool)
        case error(String)
        case date(String)
        case time(String)
        case duration(Double)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) { self = .bool(value); return }
            if let value = try? container.decode(Double.self) { self = .number(value); return }
            if let value = try? container.decode(String.self) { self = .string(value); return }
            let object = try container.decode([String: Scalar].self)
            if case .text(let code)? = object["error"] { self = .error(code) }
            else if case .text(let date)? = object["date"] { self = .date(date) }
            else if case .text(let time)? = object["time"] { self = .time(time) }
            else if case .number(let seconds)? = object["duration_seconds"] { self = .duration(seconds) }
            else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown value object \(object)") }
        }

        enum Scalar: Decodable {
            case text(String), number(Double)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
        }

        var description: String {
            switch self {
            case .string(let text): return "string \(text.debugDescription)"
            case .number(let number): return "number \(number)"
            case .bool(let flag): return "bool \(flag)"
            case .error(let code): return "error \(code)"
            case .date(let text): return "date \(text)"
            case .time(let text): return "time \(text)"
            case .duration(let seconds): return "duration \(seconds)s"
            }
        }
    }

    /// Whether `actual` is what the reference readers report as `expected`.
    static func matches(_ actual: XLSXCell, _ expected: ExpectedValue) -> Bool {
        switch (expected, actual.value) {
        case (.string(let text), .string(let mine)): return text == mine
        case (.number(let number), .integer(let mine)): return Double(mine) == number
        case (.number(let number), .double(let mine)): return mine == number || abs(mine - number) <= 1e-12 * abs(number)
        case (.bool(let flag), .bool(let mine)): return flag == mine
        case (.error(let code), .error(let mine)): return code == mine
        case (.date(let text), .date), (.date(let text), .timestamp):
            return normalizedDateTime(text) == normalizedDateTime(XLSXCellText.iso(actual.value) ?? "")
        case (.time(let text), .time):
            return normalizedDateTime(text) == normalizedDateTime(XLSXCellText.iso(actual.value) ?? "")
        case (.duration(let seconds), _):
            guard let serial = actual.number else { return false }
            return abs(serial * 86_400 - seconds) < 0.001
        default: return false
        }
    }

    /// `YYYY-MM-DD` → `YYYY-MM-DDT00:00:00`; drops an all-zero fraction.
    static func normalizedDateTime(_ text: String) -> String {
        var result = text.count == 10 ? text + "T00:00:00" : text
        if let dot = result.firstIndex(of: "."), result[result.index(after: dot)...].allSatisfy({ $0 == "0" }) {
            result = String(result[..<dot])
        }
        return result
    }

    static func expectationFiles() throws -> [String] {
        let root = BinaryFixtures.root.appendingPathComponent("xlsx")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".xlsx.expected.json") { files.append(relative) }
        }
        return files.sorted()
    }

    struct Tally {
        var files = 0, filesPassing = 0, cells = 0, passed = 0, skipped = 0, skippedButMatching = 0, extra = 0
        var failures: [String] = []
    }

    static func check(_ expectationFile: String, into tally: inout Tally) throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: BinaryFixtures.root.appendingPathComponent("xlsx/\(expectationFile)")))
        let xlsxPath = BinaryFixtures.path("xlsx/" + String(expectationFile.dropLast(".expected.json".count)))
        tally.files += 1
        var fileOK = true
        let workbook: XLSXWorkbook
        do { workbook = try XLSXWorkbook.open(path: xlsxPath) } catch {
            tally.failures.append("\(expected.source): cannot open: \(error)")
            tally.cells += expected.sheets.reduce(0) { $0 + $1.cells.count }
            return
        }
        for sheet in expected.sheets {
            let cells: [XLSXCell]
            do { cells = try workbook.sheet(named: sheet.name).cells } catch {
                tally.failures.append("\(expected.source) [\(sheet.name)]: \(error)")
                tally.cells += sheet.cells.count
                fileOK = false
                continue
            }
            let byReference = Dictionary(cells.map { ($0.reference, $0) }, uniquingKeysWith: { _, last in last })
            var seen = Set<String>()
            for cell in sheet.cells {
                seen.insert(cell.ref)
                tally.cells += 1
                if cell.agree == false {
                    tally.skipped += 1
                    if let mine = byReference[cell.ref], matches(mine, cell.value) { tally.skippedButMatching += 1 }
                    continue
                }
                guard let mine = byReference[cell.ref] else {
                    tally.failures.append("\(expected.source) [\(sheet.name)] \(cell.ref): missing; expected \(cell.value)")
                    fileOK = false
                    continue
                }
                if matches(mine, cell.value) {
                    tally.passed += 1
                } else {
                    tally.failures.append("\(expected.source) [\(sheet.name)] \(cell.ref) fmt=\(cell.fmt ?? "-"): got \(mine.value) (number \(mine.number.map { "\($0)" } ?? "-")), expected \(cell.value)")
                    fileOK = false
                }
            }
            if sheet.cells.count < 4000 {
                for cell in cells where !seen.contains(cell.reference) && !cell.value.isEmpty {
                    tally.extra += 1
                    tally.failures.append("\(expected.source) [\(sheet.name)] \(cell.reference): extra cell \(cell.value) not in the expectation")
                    fileOK = false
                }
            }
        }
        if fileOK { tally.filesPassing += 1 }
    }

    @Test func everyConformanceWorkbookMatchesItsExpectation() throws {
        var tally = Tally()
        for file in try Self.expectationFiles() { try Self.check(file, into: &tally) }
        let compared = tally.cells - tally.skipped
        print("XLSX conformance: \(tally.filesPassing)/\(tally.files) files fully pass; \(tally.passed)/\(compared) compared cells pass; \(tally.skipped) cells skipped (agree: false; \(tally.skippedButMatching) of them match the recorded value anyway); \(tally.extra) extra cells")
        for failure in tally.failures.prefix(60) { print("  " + failure) }
        #expect(tally.files >= 40)
        #expect(tally.failures.isEmpty, "\(tally.failures.count) conformance mismatches")
    }
}
