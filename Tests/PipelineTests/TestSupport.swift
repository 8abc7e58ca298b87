import Foundation
@testable import Pipeline

/// A fresh temporary folder per test, removed by the caller with `defer`.
func temporaryFolder(_ label: String = #function) -> String {
    let name = label.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "demand-tests-\(name)-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The repository's Tests/Fixtures folder.
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// Writes text to a file, creating folders.
func writeFile(_ path: String, _ text: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
