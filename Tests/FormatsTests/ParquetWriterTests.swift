import Foundation
import Testing
@testable import Formats

/// Files written by `ParquetWriter` read back through `ParquetReader` and, when available, pyarrow.
@Suite struct ParquetWriterTests {
    static func sampleColumns(rows: Int) -> [ParquetWriterColumn] {
        let categories = ["Apparel", "Home & Garden", "Sports", "Beauty", "Ünïcödé 🎉", ""]
        var keys: [String?] = [], days: [Int32?] = [], amounts: [Int64?] = [], prices: [Double?] = [], groups: [String?] = []
        for row in 0..<rows {
            keys.append(row % 17 == 3 ? nil : "K-\(row * 7919 % 1000)")
            days.append(row % 23 == 5 ? nil : Int32(19_000 + row % 400 - 200))
            let sign: Int64 = row % 2 == 0 ? 1 : -1
            amounts.append(row % 19 == 0 ? nil : Int64(row) * sign * 1_000_003)
            prices.append(row % 29 == 1 ? nil : Double(row) / 3)
            groups.append(categories[row % categories.count])
        }
        return [
            ParquetWriterColumn(name: "key", data: .string(keys)),
            ParquetWriterColumn(name: "day", data: .date(days)),
            ParquetWriterColumn(name: "amount", data: .int64(amounts)),
            ParquetWriterColumn(name: "price", data: .double(prices)),
            ParquetWriterColumn(name: "group", data: .string(groups)),
        ]
    }

    static func expectedCell(_ data: ParquetColumnData, _ row: Int) -> Cell {
        switch data {
        case .string(let v): return v[row].map { .string($0) } ?? .null
        case .int64(let v): return v[row].map { .integer($0) } ?? .null
        case .double(let v): return v[row].map { .double($0) } ?? .null
        case .date(let v): return v[row].map { .date(days: $0) } ?? .null
        }
    }

    @Test(arguments: [ParquetCompression.uncompressed, .snappy])
    func roundTripsThroughTheReader(compression: ParquetCompression) throws {
        let columns = Self.sampleColumns(rows: 2_500)
        let options = ParquetWriteOptions(compression: compression, rowGroupSize: 1_000, pageSize: 300)
        let bytes = try ParquetWriter.encode(columns: columns, options: options)
        let table = try ParquetReader.read(bytes: bytes, path: "memory.parquet")
        #expect(table.columnNames == columns.map(\.name))
        #expect(table.rows.count == 2_500)
        #expect(table.rowOrigins.first == 1 && table.rowOrigins.last == 2_500)
        for row in 0..<2_500 {
            for (index, column) in columns.enumerated() where table.rows[row][index] != Self.expectedCell(column.data, row) {
                Issue.record("row \(row) column \(column.name): \(table.rows[row][index])")
                return
            }
        }
        let metadata = try ParquetReader.readMetadata(bytes: bytes, path: "memory.parquet")
        #expect(metadata.rowGroups.count == 3)
        let amount = try #require(metadata.rowGroups[0].columns[2].metaData?.statistics)
        #expect(amount.nullCount == 53)
        // String minimum and maximum compare UTF-8 bytes, over the row group's present values.
        for (groupIndex, group) in metadata.rowGroups.enumerated() {
            for (columnIndex, column) in columns.enumerated() {
                guard case .string(let values) = column.data else { continue }
                let present = values[(groupIndex * 1_000)..<min(values.count, (groupIndex + 1) * 1_000)].compactMap { $0.map { Array($0.utf8) } }
                let statistics = try #require(group.columns[columnIndex].metaData?.statistics)
                #expect(statistics.minValue == present.min { $0.lexicographicallyPrecedes($1) }, "\(column.name) group \(groupIndex)")
                #expect(statistics.maxValue == present.max { $0.lexicographicallyPrecedes($1) }, "\(column.name) group \(groupIndex)")
            }
        }
        let dictionaryChunk = try #require(metadata.rowGroups[0].columns[4].metaData)
        #expect(dictionaryChunk.dictionaryPageOffset != nil)
        #expect(dictionaryChunk.encodings.contains(ParquetEncoding.rleDictionary.rawValue))
    }

    @Test func selectedColumnsOnly() throws {
        let bytes = try ParquetWriter.encode(columns: Self.sampleColumns(rows: 50))
        let table = try ParquetReader.read(bytes: bytes, path: "m", options: ReadOptions(columns: ["price", "key", "missing"]))
        #expect(table.columnNames == ["key", "price"])
        #expect(table.rows.count == 50)
    }

    @Test func emptyAndTableInput() throws {
        let empty = try ParquetReader.read(bytes: ParquetWriter.encode(columns: [ParquetWriterColumn(name: "a", data: .int64([]))]), path: "m")
        #expect(empty.columnNames == ["a"] && empty.rows.isEmpty)
        let source = Table(columnNames: ["s", "n", "d", "x"], rows: [
            [.string("a"), .integer(1), .date(days: 3), .double(1.5)],
            [.null, .integer(2), .null, .integer(2)],
        ])
        let path = ParquetFixtures.temporaryPath("table.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ParquetWriter.write(table: source, to: path)
        let back = try ParquetReader.read(path: path)
        #expect(back.rows == [[.string("a"), .integer(1), .date(days: 3), .double(1.5)], [.null, .integer(2), .null, .double(2)]])
    }

    @Test func mismatchedLengthsAreRejected() {
        #expect(throws: FormatError.self) {
            try ParquetWriter.encode(columns: [ParquetWriterColumn(name: "a", data: .int64([1])), ParquetWriterColumn(name: "b", data: .int64([]))])
        }
    }

    /// pyarrow (in `.venv`, when installed) reads the writer's output and agrees with the statistics.
    @Test func readableByPyarrow() throws {
        let python = URL(fileURLWithPath: ParquetFixtures.root).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            print("pyarrow check skipped: no \(python)")
            return
        }
        let path = ParquetFixtures.temporaryPath("pyarrow.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ParquetWriter.write(columns: Self.sampleColumns(rows: 2_500), to: path, options: ParquetWriteOptions(rowGroupSize: 1_000, pageSize: 300))
        let script = """
        import sys, json, pyarrow.parquet as pq
        f = pq.ParquetFile(sys.argv[1])
        t = f.read()
        s = f.metadata.row_group(0).column(2).statistics
        print(json.dumps({"rows": t.num_rows, "groups": f.metadata.num_row_groups,
          "types": [str(x) for x in t.schema.types], "nulls": [t.column(i).null_count for i in range(t.num_columns)],
          "key3": t.column(0)[4].as_py(), "day0": str(t.column(1)[0].as_py()), "amount1": t.column(2)[1].as_py(),
          "price2": t.column(3)[2].as_py(), "group4": t.column(4)[4].as_py(),
          "min": s.min, "max": s.max, "null_count": s.null_count, "has_min_max": s.has_min_max}))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(result["rows"] as? Int == 2_500)
        #expect(result["groups"] as? Int == 3)
        #expect(result["types"] as? [String] == ["string", "date32[day]", "int64", "double", "string"])
        #expect(result["nulls"] as? [Int] == [147, 109, 132, 87, 0])
        #expect(result["key3"] as? String == "K-676")
        #expect(result["day0"] as? String == "2021-06-22")
        #expect(result["amount1"] as? Int == -1_000_003)
        #expect(result["price2"] as? Double == 2.0 / 3)
        #expect(result["group4"] as? String == "Ünïcödé 🎉")
        #expect(result["has_min_max"] as? Bool == true)
        #expect(result["null_count"] as? Int == 53)
        #expect(result["min"] as? Int == -999_002_997)
        #expect(result["max"] as? Int == 998_002_994)
    }
}
