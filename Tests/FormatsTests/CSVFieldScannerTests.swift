import Foundation
import Testing
@testable import Formats

/// `CSVFieldScanner` gives exactly the table reader's fields, on every conformance file and with any partitioning.
@Suite struct CSVFieldScannerTests {
    static let dataFiles = Fixtures.files(under: "conformance/csv", suffix: ".expected.json").map { String($0.dropLast(".expected.json".count)) }

    /// Every field of every record through the scanner, as strings (`nil` for padded fields).
    static func scanned(_ bytes: [UInt8], file: String, columns: [String], partitions: Int) throws -> [[String?]] {
        let parts = try CSVFieldScanner.scan(bytes: bytes, file: file, columns: columns, partitions: partitions,
                                             initial: { [[String?]]() }) { rows, record in
            rows.append((0..<record.count).map { record.string($0) })
        }
        return parts.flatMap { $0 }
    }

    /// The table reader's rows as strings (`nil` for null cells).
    static func generic(_ table: Table) -> [[String?]] {
        table.rows.map { $0.map { if case .string(let text) = $0 { return text } else { return nil } } }
    }

    @Test(arguments: dataFiles)
    func matchesTheTableReader(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        let expected: Result<Table, FormatError>
        do { expected = .success(try CSVReader.table(bytes: bytes, file: path)) } catch let error as FormatError { expected = .failure(error) }
        switch expected {
        case .success(let table):
            for partitions in [1, 2, 3] {
                let rows = try Self.scanned(bytes, file: path, columns: table.columnNames, partitions: partitions)
                #expect(rows == Self.generic(table), "\(path) with \(partitions) partitions")
            }
        case .failure(let error):
            let columns = try CSVReader.records(bytes: bytes, file: path).first.map { CSVReader.uniqueNames($0.fields) } ?? []
            #expect(throws: error) { _ = try Self.scanned(bytes, file: path, columns: columns, partitions: 1) }
        }
    }

    @Test func chosenColumnsComeInTheAskedOrderWithLines() throws {
        let text = "a,b,c\n1,2,3\n\n4,\"5\n5\",6\n7\n"
        var lines: [Int] = []
        let parts = try CSVFieldScanner.scan(bytes: Array(text.utf8), file: "t.csv", columns: ["c", "a"],
                                             initial: { [[String?]]() }) { rows, record in
            rows.append([record.string(0), record.string(1), String(record.line)])
        }
        lines = parts[0].compactMap { $0[2].flatMap { Int($0) } }
        #expect(parts[0].map { [$0[0], $0[1]] } == [["3", "1"], ["6", "4"], [nil, "7"]])
        #expect(lines == [2, 4, 6])
    }

    @Test func aCutInsideAQuotedLineBreakIsRescanned() throws {
        // The middle of the text falls inside a quoted field that spans many lines.
        var text = "id,note\n1,a\n2,\""
        text += String(repeating: "x\n", count: 50)
        text += "\"\n3,b\n4,c\n"
        let bytes = Array(text.utf8)
        let table = try CSVReader.table(bytes: bytes, file: "q.csv")
        for partitions in 2...4 {
            let rows = try Self.scanned(bytes, file: "q.csv", columns: ["id", "note"], partitions: partitions)
            #expect(rows == Self.generic(table), "\(partitions) partitions")
        }
    }

    @Test func mappedFileMatchesBytesAndLinesAcrossParts() throws {
        let path = NSTemporaryDirectory() + "scanner-\(UUID().uuidString).csv"
        var text = "sku,qty\r\n"
        for index in 0..<5000 { text += "S\(index % 37),\(index)\r\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts = try CSVFieldScanner.scan(path: path, columns: ["qty"], partitions: 2, initial: { [Int]() }) { lines, record in
            #expect(record.string(0) == String(record.line - 2))
            lines.append(record.line)
        }
        #expect(parts.count == 2)
        #expect(parts.flatMap { $0 } == Array(2..<5002))
    }

    @Test func aMissingColumnIsNamedWithTheHeader() throws {
        #expect(throws: FormatError(file: "m.csv", line: 1, column: "qty", message: "no column named 'qty'; the header has sku, date")) {
            _ = try Self.scanned(Array("sku,date\nA,2024-01-01\n".utf8), file: "m.csv", columns: ["qty"], partitions: 1)
        }
    }

    @Test func aRowWiderThanTheHeaderNamesItsLine() throws {
        #expect(throws: FormatError(file: "w.csv", line: 3, message: "expected 2 fields as in the header, found 3; check the delimiter and quoting of this line")) {
            _ = try Self.scanned(Array("a,b\n1,2\n3,4,5\n".utf8), file: "w.csv", columns: ["a"], partitions: 2)
        }
    }

    @Test func anUnclosedQuoteNamesTheLineItOpensOn() throws {
        #expect(throws: FormatError(file: "u.csv", line: 3, message: "a quoted field starting on this line never ends; a closing '\"' is missing")) {
            _ = try Self.scanned(Array("a,b\n1,2\n3,\"4\n5\n".utf8), file: "u.csv", columns: ["b"], partitions: 1)
        }
    }
}
