/// Decides when files in landing are complete: unchanged size and mtime for the settle time.
///
/// Fed by inotify events and folder scans; `ready` lists the files whose size and modification
/// time have not changed for `settleSeconds`. A burst of files settles together and becomes one batch.
public struct ArrivalTracker: Sendable {
    /// Seconds a file must stay unchanged before it is claimed.
    public var settleSeconds: Double
    private var pending: [String: Entry] = [:]

    struct Entry: Sendable, Equatable {
        var file: LandingFile
        var size: Int
        var modified: Int
        var stableSince: Double
    }

    /// Creates a tracker.
    public init(settleSeconds: Double) { self.settleSeconds = settleSeconds }

    /// Files being watched.
    public var count: Int { pending.count }

    /// Notes a file (new or changed) seen at `now` with its current size and mtime.
    public mutating func observe(_ file: LandingFile, size: Int, modified: Int, now: Double) {
        if let entry = pending[file.path], entry.size == size, entry.modified == modified { return }
        pending[file.path] = Entry(file: file, size: size, modified: modified, stableSince: now)
    }

    /// Forgets a file (claimed, vanished).
    public mutating func forget(_ path: String) { pending[path] = nil }

    /// Re-checks every file with `stat` and returns the batch to claim now, if any, sorted by path.
    ///
    /// A batch starts when at least one file has settled and no other file is still changing — or when
    /// the oldest settled file has waited twice the settle time (so a never-ending upload cannot block others).
    public mutating func takeBatch(now: Double, stat: (String) -> (size: Int, modified: Int)?) -> [LandingFile] {
        for (path, entry) in pending {
            guard let current = stat(path) else {
                pending[path] = nil
                continue
            }
            if current.size != entry.size || current.modified != entry.modified {
                pending[path] = Entry(file: entry.file, size: current.size, modified: current.modified, stableSince: now)
            }
        }
        let settled = pending.values.filter { now - $0.stableSince >= settleSeconds }
        guard let oldest = settled.map(\.stableSince).min() else { return [] }
        let stillChanging = pending.count > settled.count
        guard !stillChanging || now - oldest >= 2 * settleSeconds else { return [] }
        for entry in settled { pending[entry.file.path] = nil }
        return settled.map(\.file).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
