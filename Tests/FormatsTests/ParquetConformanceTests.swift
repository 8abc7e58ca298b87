import Foundation
import Testing
@testable import Formats

/// Reads every parquet-testing and parquet-matrix fixture and compares the cells with the expected outputs.
@Suite struct ParquetConformanceTests {
    /// One inventory entry: its file, category and expected output (if any).
    struct Entry {
        let file: String
        let category: String
        let expected: String?
    }

    static func inventory() throws -> [Entry] {
        guard let list = try ParquetFixtures.json("inventory.json") as? [[String: Any]] else { return [] }
        return list.map { Entry(file: $0["file"] as? String ?? "", category: $0["category"] as? String ?? "", expected: $0["expected"] as? String) }
    }

    @Test func parquetTestingFiles() throws {
        var passed: [String: Int] = [:]
        var total: [String: Int] = [:]
        var failures: [String] = []
        for entry in try Self.inventory() where !entry.category.hasPrefix("not-a-parquet") {
            let path = "\(ParquetFixtures.root)/\(entry.file)"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            total[entry.category, default: 0] += 1
            var outcome: String?
            do {
                let table = try ParquetReader.read(path: path)
                switch entry.category {
                case "nested": outcome = "read a nested file instead of refusing it"
                case "exotic:encrypted": outcome = "read an encrypted file"
                default:
                    if let expected = entry.expected {
                        outcome = firstDifference(table, try ExpectedParquet(path: "\(ParquetFixtures.root)/\(expected)"))
                    } else if entry.category == "bad-data" {
                        outcome = nil
                    }
                }
            } catch let error as FormatError {
                switch entry.category {
                case "nested": outcome = error.message.contains("unsupported: nested") ? nil : "error \(error)"
                case "exotic:encrypted": outcome = error.message.contains("encrypted Parquet is not supported") ? nil : "error \(error)"
                case "bad-data": outcome = entry.expected == nil ? nil : "error \(error)"
                default: outcome = "error \(error)"
                }
            }
            if let outcome { failures.append("\(entry.file) [\(entry.category)]: \(outcome)") } else { passed[entry.category, default: 0] += 1 }
        }
        for category in total.keys.sorted() {
            print("parquet-testing \(category): \(passed[category, default: 0])/\(total[category]!)")
        }
        for failure in failures { print("FAIL \(failure)") }
        for core in ["flat-core", "nested", "exotic:encrypted", "bad-data"] {
            #expect(passed[core, default: 0] == total[core, default: 0], "\(core) files must all pass")
        }
    }

    @Test func parquetMatrixFiles() throws {
        guard let manifest = try ParquetFixtures.json("matrix/manifest.json") as? [[String: Any]] else {
            Issue.record("no manifest")
            return
        }
        var expectations: [String: ExpectedParquet] = [:]
        var passed = 0
        var failures: [String] = []
        for entry in manifest {
            guard let file = entry["file"] as? String, let expectedName = entry["expected"] as? String else { continue }
            do {
                let expected = try expectations[expectedName] ?? ExpectedParquet(path: "\(ParquetFixtures.root)/matrix/\(expectedName)")
                expectations[expectedName] = expected
                let table = try ParquetReader.read(path: "\(ParquetFixtures.root)/matrix/\(file)")
                if let difference = firstDifference(table, expected) {
                    failures.append("\(file): \(difference)")
                } else {
                    passed += 1
                }
            } catch {
                failures.append("\(file): error \(error)")
            }
        }
        print("parquet-matrix: \(passed)/\(manifest.count)")
        for failure in failures.prefix(40) { print("FAIL \(failure)") }
        #expect(failures.isEmpty)
    }
}
