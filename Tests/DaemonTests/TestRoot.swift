import Foundation
@testable import Pipeline

/// A temporary root with a landing folder and two producers (acme by pattern, globex by folder).
struct TestRoot {
    let path: String
    let producers: [PipelineConfig.Producer]

    init(_ label: String = #function) throws {
        let name = label.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "demand-daemon-\(name)-\(UUID().uuidString.prefix(8))"
        try FileSystem.createDirectory("\(path)/landing")
        var acme = PipelineConfig.Producer(name: "acme", columns: .init(sku: "s", date: "d", quantity: "q"))
        acme.patterns = ["acme_*.csv"]
        producers = [acme, PipelineConfig.Producer(name: "globex", columns: .init(sku: "s", date: "d", quantity: "q"))]
    }

    /// Writes a file into landing.
    func drop(text: String, as name: String) throws {
        try FileSystem.writeAtomically(text, to: "\(path)/landing/\(name)")
    }

    func remove() { try? FileSystem.remove(path) }
}
