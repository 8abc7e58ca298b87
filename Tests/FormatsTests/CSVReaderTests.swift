import Foundation
import Testing
@testable import Formats

/// The table view of CSV files: headers, padding, errors that name the line.
@Suite struct CSVReaderTests {
    func table(_ text: String, _ options: ReadOptions = ReadOptions()) throws -> Table {
        try CSVReader.table(bytes: Array(text.utf8), file: "vendor.csv", options: options)
    }

    @Test func bomAndCRLFDoNotLeakIntoNamesOrValues() throws {
        let table = try CSVReader.table(bytes: [0xEF, 0xBB, 0xBF] + Array("sku,qty\r\nA,1\r\nB,2\r\n".utf8), file: "f.csv")
        #expect(table.columnNames == ["sku", "qty"])
        #expect(table.rows == [[.string("A"), .string("1")], [.string("B"), .string("2")]])
        #expect(table.rowOrigins == [2, 3])
    }

    @Test func excelSeparatorHintAndSemicolonsAreHonoured() throws {
        let table = try self.table("sep=;\nsku;qty\nA;1,5\n")
        #expect(table.columnNames == ["sku", "qty"])
        #expect(table.rows == [[.string("A"), .string("1,5")]])
        #expect(table.rowOrigins == [3])
    }

    @Test func quotedNewlinesKeepLineNumbersOfLaterRows() throws {
        let table = try self.table("sku,name\nA,\"two\nlines\"\nB,x\n")
        #expect(table.rows[0][1] == .string("two\nlines"))
        #expect(table.rowOrigins == [2, 4])
    }

    @Test func shortRowsArePaddedWithNulls() throws {
        let table = try self.table("a,b,c\n1,2\n")
        #expect(table.rows == [[.string("1"), .string("2"), .null]])
    }

    @Test func aLongRowIsAnErrorNamingItsLine() throws {
        #expect {
            try self.table("a,b\n1,2\n3,4,5\n")
        } throws: { error in
            (error as? FormatError)?.description == "vendor.csv:3: expected 2 fields as in the header, found 3; check the delimiter and quoting of this line"
        }
    }

    @Test func anUnclosedQuoteIsAnErrorNamingWhereItOpened() throws {
        #expect {
            try self.table("a,b\n1,\"open\n2,3\n")
        } throws: { error in
            let description = (error as? FormatError)?.description ?? ""
            return description.hasPrefix("vendor.csv:2: a quoted field starting on this line never ends")
        }
    }

    @Test func emptyAndRepeatedHeaderNamesBecomeAddressable() throws {
        let table = try self.table("price,,price,\n1,2,3,4\n")
        #expect(table.columnNames == ["price", "column_2", "price_2", "column_4"])
    }

    @Test func windows1252BytesAreDecoded() throws {
        let bytes: [UInt8] = Array("sku;price\nGr".utf8) + [0xF6, 0xDF, 0x65, 0x3B, 0x80] + Array(" 7,50\n".utf8)
        let table = try CSVReader.table(bytes: bytes, file: "de.csv")
        #expect(table.rows == [[.string("Größe"), .string("€ 7,50")]])
    }

    @Test func utf16WithBOMIsTranscoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a\tb\n1\t2\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let table = try CSVReader.table(bytes: bytes, file: "u.txt")
        #expect(table.columnNames == ["a", "b"])
        #expect(table.rows == [[.string("1"), .string("2")]])
    }

    @Test func writerQuotesOnlyWhereNeededAndRoundTrips() throws {
        let text = CSVWriter.render(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["plain", "two\nlines"]])
        #expect(text == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\nplain,\"two\nlines\"\n")
        let back = try self.table(text)
        #expect(back.rows == [[.string("x,y"), .string("say \"hi\"")], [.string("plain"), .string("two\nlines")]])
    }
}

/// Reading only some columns, and the header alone.
@Suite struct CSVColumnSelectionTests {
    @Test func unselectedColumnsKeepTheirNamesButHoldNulls() throws {
        let text = "sku,description,qty\nA,\"long, quoted text\",1\nB,x\n"
        let table = try CSVReader.table(bytes: Array(text.utf8), file: "vendor.csv", options: ReadOptions(columns: ["sku", "qty"]))
        #expect(table.columnNames == ["sku", "description", "qty"])
        #expect(table.rows == [[.string("A"), .null, .string("1")], [.string("B"), .null, .null]])
        #expect(table.rowOrigins == [2, 3])
    }

    @Test func aRowWiderThanTheHeaderIsStillAnErrorWhenItsColumnIsNotRead() throws {
        #expect(throws: FormatError.self) {
            try CSVReader.table(bytes: Array("sku,qty\nA,1,extra\n".utf8), file: "vendor.csv", options: ReadOptions(columns: ["sku"]))
        }
    }

    @Test func blocksHoldTheTableRowsInOrderWithTheirLines() throws {
        let bytes = Array("sku,qty\nA,1\n\nB,\"2\n\"\nC,3\nD,4\nE,5\n".utf8)
        var blocks: [Table] = []
        try CSVReader.forEachBlock(bytes: bytes, file: "vendor.csv", rowsPerBlock: 2) { blocks.append($0) }
        let whole = try CSVReader.table(bytes: bytes, file: "vendor.csv")
        #expect(blocks.map(\.rows.count) == [2, 2, 1])
        #expect(blocks.allSatisfy { $0.columnNames == ["sku", "qty"] })
        #expect(blocks.flatMap(\.rows) == whole.rows)
        #expect(blocks.flatMap(\.rowOrigins) == [2, 4, 6, 7, 8])
        var empty: [Table] = []
        try CSVReader.forEachBlock(bytes: Array("sku,qty\n".utf8), file: "vendor.csv", rowsPerBlock: 2) { empty.append($0) }
        #expect(empty.count == 1 && empty[0].rows.isEmpty && empty[0].columnNames == ["sku", "qty"])
    }

    @Test func columnNamesOfAUTF16FileMatchAFullRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "unique_id\tds\ty\nA\t2024-01-01\t3\n"
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        #expect(try TableFile.columnNames(path: path) == ["unique_id", "ds", "y"])
        #expect(try TableFile.read(path: path).columnNames == ["unique_id", "ds", "y"])
    }

    @Test func columnNamesReadTheHeaderOfALongFileAlone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Longer than the bytes read for a header: a full read would also find the broken last line.
        let body = String(repeating: "A;1\n", count: TableFile.headerBytes / 4 + 10) + "\"unclosed\n"
        try ("sku;qty\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TableFile.columnNames(path: path) == ["sku", "qty"])
        #expect(throws: FormatError.self) { try TableFile.read(path: path) }
    }
}
