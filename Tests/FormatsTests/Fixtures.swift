import Foundation

/// Paths of committed test fixtures and helpers to read their expectations.
enum Fixtures {
    /// `Tests/Fixtures`, found from this source file so tests run from any working directory.
    static let root: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    /// Every file under `folder` (relative to the fixtures root) whose name ends with `suffix`, sorted.
    static func files(under folder: String, suffix: String) -> [String] {
        let base = "\(root)/\(folder)"
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(suffix) { found.append("\(base)/\(relative)") }
        }
        return found.sorted()
    }

    /// A JSON fixture decoded with Foundation (independent of the parser under test).
    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)), options: [.fragmentsAllowed])
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
