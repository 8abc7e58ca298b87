import Foundation
import Testing
@testable import Formats

/// Whole-file reads for the readers: exact bytes, empty files, the memory limit and missing files.
@Suite struct FileBytesTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bytes-\(UUID().uuidString).bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsEveryByteOfLargeAndEmptyFiles() throws {
        var rng = SystemRandomNumberGenerator()
        let content = (0..<(3 << 20) + 17).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let large = try temporaryFile(content), empty = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: large); try? FileManager.default.removeItem(atPath: empty) }
        #expect(try FileBytes.read(path: large) == content)
        #expect(try FileBytes.read(path: empty).isEmpty)
        #expect(try FileBytes.prefix(path: large, count: 100) == Array(content.prefix(100)))
    }

    @Test func theLimitAndAMissingFileAreClearErrors() throws {
        let path = try temporaryFile(Array(repeating: 7, count: 100))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: FormatError.self) { try FileBytes.read(path: path, limit: 99) }
        do {
            _ = try FileBytes.read(path: path + ".missing")
            Issue.record("a missing file must not read")
        } catch let error as FormatError {
            #expect(error.description.contains("cannot open the file"), "\(error)")
        }
    }
}
