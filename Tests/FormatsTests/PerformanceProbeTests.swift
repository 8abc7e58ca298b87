import Foundation
import Testing
@testable import Formats

/// Times a large workbook when `XLSX_PERF_FILE` names one; skipped otherwise (keeps the suite fast).
@Test(.enabled(if: ProcessInfo.processInfo.environment["XLSX_PERF_FILE"] != nil))
func largeWorkbookTiming() throws {
    let path = ProcessInfo.processInfo.environment["XLSX_PERF_FILE"]!
    let clock = ContinuousClock()
    let archive = try ZipArchive(path: path)
    var bytes: [UInt8] = []
    let inflate = try clock.measure { bytes = try archive.data(named: "xl/worksheets/sheet1.xml") }
    var events = 0
    let tokenize = try clock.measure {
        var parser = XMLPullParser(bytes: bytes)
        while try parser.next() != .endOfDocument { events += 1 }
    }
    var table = Table(columnNames: [], rows: [])
    let read = try clock.measure { table = try XLSXReader.read(path: path) }
    print("PERF inflate \(bytes.count) bytes: \(inflate); tokenize \(events) events: \(tokenize); read \(table.rows.count) rows: \(read)")
}
