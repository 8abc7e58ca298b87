import Formats
import Pipeline

/// Claims landing files for a run: atomic rename into the run's `inputs/`, hashing, and the ledger.
///
/// Vendor names are never used as paths: the archived name is a sequence number, the producer and
/// a sanitized copy of the name. The same bytes seen before (by SHA-256) are not run again.
public struct FileClaimer: Sendable {
    /// The run store (database and run folders).
    public let store: RunStore
    /// The processed folder (duplicates and quarantine go below it).
    public let processed: String

    /// Creates a claimer.
    public init(store: RunStore, processed: String) {
        self.store = store
        self.processed = processed
    }

    /// What claiming found.
    public struct Outcome: Sendable {
        /// Files claimed for the run, in order.
        public var inputs: [Manifest.InputFile] = []
        /// Files whose bytes were processed before (moved to `processed/duplicates/`).
        public var duplicates: [String] = []
        /// Files no producer matched (moved to `processed/quarantine/` with a reason).
        public var quarantined: [String] = []
    }

    /// Claims `files` into run `runId`'s `inputs/` folder.
    public func claim(_ files: [LandingFile], runId: String) throws -> Outcome {
        var outcome = Outcome()
        let inputs = "\(store.runDirectory(runId))/inputs"
        try FileSystem.createDirectory(inputs)
        for file in files {
            guard let producer = file.producer else {
                try Quarantine.move(file.path, name: file.name, to: processed,
                                    reason: "no producer matches this file: put it in landing/<producer>/ or add a filename pattern to producers[].patterns in the config")
                outcome.quarantined.append(file.name)
                continue
            }
            let archived = "inputs/\(String(outcome.inputs.count + 1).leftPadded(3))-\(producer)-\(Self.sanitize(file.name))"
            let target = "\(store.runDirectory(runId))/\(archived)"
            try FileSystem.move(file.path, to: target)
            let digest = try SHA256.hexDigest(ofFile: target)
            let size = try FileSystem.size(target)
            if try store.database.ledgerContains(sha256: digest) {
                let destination = "\(processed)/duplicates/\(Timestamp.compact())-\(Self.sanitize(file.name))"
                try FileSystem.move(target, to: destination)
                try store.database.recordLedger(sha256: digest, name: file.name, producer: producer, size: size, runId: runId, status: "duplicate")
                outcome.duplicates.append(file.name)
                continue
            }
            try store.database.recordLedger(sha256: digest, name: file.name, producer: producer, size: size, runId: runId, status: "claimed")
            outcome.inputs.append(Manifest.InputFile(originalName: file.name, producer: producer, size: size, sha256: digest, archivedPath: archived))
        }
        return outcome
    }

    /// A file name safe to use inside our folders: letters, digits, `.`, `-`, `_`; at most 100 characters.
    public static func sanitize(_ name: String) -> String {
        let safe = String(name.unicodeScalars.map { scalar -> Character in
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
            return allowed ? Character(scalar) : "_"
        })
        let trimmed = String(safe.drop { $0 == "." }.prefix(100))
        return trimmed.isEmpty ? "file" : trimmed
    }
}

/// Bad files go to `processed/quarantine/` with a `<name>.reason.txt` saying why; nothing is deleted.
public enum Quarantine {
    /// Moves a file into quarantine and writes its reason beside it.
    public static func move(_ path: String, name: String, to processed: String, reason: String) throws {
        let folder = "\(processed)/quarantine"
        var target = "\(folder)/\(FileClaimer.sanitize(name))"
        var counter = 1
        while FileSystem.exists(target) {
            counter += 1
            target = "\(folder)/\(counter)-\(FileClaimer.sanitize(name))"
        }
        try FileSystem.move(path, to: target)
        try FileSystem.writeAtomically("\(name): \(reason)\n", to: "\(target).reason.txt")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
