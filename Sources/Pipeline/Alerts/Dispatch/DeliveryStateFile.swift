import Foundation
import Glibc

/// The dedup state file could not be read or written.
public struct DeliveryStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state file's path.
    public var path: String
    /// What failed and what to do.
    public var message: String

    /// Creates an error for `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

/// One remembered delivery: this kind and subject reached this channel at this time.
public struct DeliveryRecord: Sendable, Codable, Equatable {
    /// The alert kind.
    public var kind: String
    /// The alert subject.
    public var subject: String
    /// The channel's name (`AlertChannel.name`).
    public var channel: String
    /// When the delivery succeeded, as seconds since 1970 (UTC).
    public var deliveredAt: Double
    /// The id of the alert that was delivered.
    public var alertId: String

    /// Creates a record.
    public init(kind: String, subject: String, channel: String, deliveredAt: Double, alertId: String) {
        self.kind = kind
        self.subject = subject
        self.channel = channel
        self.deliveredAt = deliveredAt
        self.alertId = alertId
    }
}

/// The small JSON file remembering recent deliveries, for dedup across dispatches and restarts.
///
/// Format: `{"version":1,"deliveries":[{"kind":…,"subject":…,"channel":…,"deliveredAt":…,"alertId":…}]}`.
/// Written atomically (temp file, fsync, rename). Not locked: use one dispatcher per file at a time.
public struct DeliveryStateFile: Sendable {
    /// The file's path.
    public let path: String

    /// Uses the file at `path` (it need not exist yet; its folder must).
    public init(path: String) { self.path = path }

    private struct Content: Codable {
        var version: Int
        var deliveries: [DeliveryRecord]
    }

    /// The remembered deliveries; none when the file does not exist yet.
    public func load() throws -> [DeliveryRecord] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DeliveryStateError(path: path, message: "cannot read the alert dedup state: \(error.localizedDescription); check its permissions")
        }
        do {
            let content = try JSONDecoder().decode(Content.self, from: data)
            guard content.version == 1 else {
                throw DeliveryStateError(path: path, message: "alert dedup state has version \(content.version), expected 1; delete the file to start afresh")
            }
            return content.deliveries
        } catch let error as DeliveryStateError {
            throw error
        } catch {
            throw DeliveryStateError(path: path, message: "the alert dedup state is not valid JSON (\(error)); delete the file to start afresh")
        }
    }

    /// Replaces the file with `records` (sorted, pretty-printed), atomically.
    public func save(_ records: [DeliveryRecord]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let sorted = records.sorted { ($0.kind, $0.subject, $0.channel) < ($1.kind, $1.subject, $1.channel) }
        let data = try encoder.encode(Content(version: 1, deliveries: sorted))
        try AtomicFileWriter.write(Array(data) + [0x0A], to: path)
    }
}
