import Foundation
import Testing
@testable import Formats

/// `ParquetRowGroupScanner` gives the table reader's cells on every file of the writer matrix.
@Suite struct ParquetRowGroupScannerTests {
    static let matrixFiles: [String] = {
        let manifest = (try? ParquetFixtures.json("matrix/manifest.json")) as? [[String: Any]] ?? []
        return manifest.compactMap { $0["file"] as? String }.map { "\(ParquetFixtures.root)/matrix/\($0)" }
    }()

    /// All rows of the chosen columns, rebuilt from the row groups in order.
    static func scannedRows(_ path: String, columns: [String], threads: Int) throws -> [[Cell]] {
        let parts = try ParquetRowGroupScanner.scan(path: path, columns: columns, threads: threads, initial: { [[Cell]]() }) { rows, group in
            #expect(group.columns.allSatisfy { $0.count == group.rowCount })
            for row in 0..<group.rowCount { rows.append(group.columns.map { $0.cell(at: row) }) }
        }
        return parts.flatMap { $0 }
    }

    @Test func thereAreMatrixFiles() {
        #expect(Self.matrixFiles.count >= 200)
    }

    @Test(arguments: matrixFiles)
    func matchesTheTableReader(_ path: String) throws {
        let table = try ParquetReader.read(path: path)
        for threads in [1, 2] {
            let rows = try Self.scannedRows(path, columns: table.columnNames, threads: threads)
            #expect(rows == table.rows, "\(path) with \(threads) threads")
        }
        let reversed = Array(table.columnNames.reversed())
        let picked = try Self.scannedRows(path, columns: reversed, threads: 2)
        #expect(picked == table.rows.map { Array($0.reversed()) })
    }

    @Test func typedLayoutsAreUsedForTheCommonColumns() throws {
        let path = try #require(Self.matrixFiles.first { $0.contains("pyarrow_d32_q32_n_snappy_dict") })
        let parts = try ParquetRowGroupScanner.scan(path: path, columns: ["sku", "quantity", "price"], initial: { [String]() }) { kinds, group in
            kinds = group.columns.map {
                switch $0 {
                case .integers: return "integers"
                case .doubles: return "doubles"
                case .dictionary: return "dictionary"
                case .cells: return "cells"
                }
            }
        }
        #expect(parts.first == ["dictionary", "integers", "doubles"])
    }

    @Test func aMissingColumnIsNamedWithTheFileColumns() throws {
        let path = try #require(Self.matrixFiles.first)
        let error = try #require(throws: FormatError.self) {
            _ = try ParquetRowGroupScanner.scan(path: path, columns: ["qty"], initial: { 0 }) { _, _ in }
        }
        #expect(error.description.hasSuffix("column 'qty': no column named 'qty'; the file has sku, date, quantity, price, category"))
    }

    @Test func aFileThatIsNotParquetIsRefusedByName() throws {
        let path = NSTemporaryDirectory() + "not-parquet-\(UUID().uuidString).parquet"
        try Data("sku,date\nA,2024-01-01\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: FormatError(file: path, message: "not a Parquet file: it does not start with the magic PAR1")) {
            _ = try ParquetRowGroupScanner.scan(path: path, columns: ["sku"], initial: { 0 }) { _, _ in }
        }
    }
}
