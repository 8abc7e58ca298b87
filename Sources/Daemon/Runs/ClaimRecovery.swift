import Pipeline

/// After a crash between claiming files and writing the run's manifest, puts the files back.
///
/// A run folder with `inputs/` but no `manifest.json` was interrupted while claiming: its vendor
/// files are moved back to `landing/<producer>/` and their ledger rows removed, so the next batch
/// claims them again. Nothing is lost and nothing runs twice.
enum ClaimRecovery {
    /// Restores stranded claims under the store; returns the restored file names.
    static func recover(store: RunStore, landing: String) throws -> [String] {
        var restored: [String] = []
        let runs = "\(store.artifacts)/runs"
        guard FileSystem.isDirectory(runs) else { return [] }
        for runId in try FileSystem.list(runs) where !FileSystem.exists(store.manifestPath(runId)) {
            let inputs = "\(store.runDirectory(runId))/inputs"
            guard FileSystem.isDirectory(inputs) else { continue }
            for name in try FileSystem.list(inputs) where !FileSystem.isDirectory("\(inputs)/\(name)") {
                // Archived names are NNN-<producer>-<sanitized vendor name>.
                let parts = name.split(separator: "-", maxSplits: 2).map(String.init)
                guard parts.count == 3 else { continue }
                var target = "\(landing)/\(parts[1])/\(parts[2])"
                if FileSystem.exists(target) { target = "\(landing)/\(parts[1])/recovered-\(runId)-\(parts[2])" }
                try FileSystem.move("\(inputs)/\(name)", to: target)
                restored.append(parts[2])
            }
            try store.database.sql.query("DELETE FROM file_ledger WHERE run_id = ? AND status = 'claimed'", [.text(runId)])
            try FileSystem.remove(store.runDirectory(runId))
        }
        return restored
    }
}
