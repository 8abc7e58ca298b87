import Foundation

/// `ingest/rejects.csv`: every row left out, with reason, location, column and detail.
enum RejectsFile {
    static func render(_ rejects: [RejectedRow]) -> String {
        CSVTable.render(header: ["reason", "source", "column", "detail"],
                        rows: rejects.map { [$0.reason, $0.source, $0.column, $0.detail] })
    }
}

/// `ingest/summary.json`: per-file row counts and rejections by reason.
struct IngestSummary: Codable {
    struct File: Codable {
        var file: String
        var producer: String
        var rows: Int
        var kept: Int
        var rejectedByReason: [String: Int]
    }
    var files: [File]
    var transactions: Int
    var skus: Int
    var rejected: Int

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
