/// The run store in SQLite: run journal, per-state status, file ledger, forecasts, diagnostics, alerts.
public final class RunDatabase: Sendable {
    /// The connection.
    public let sql: SQLiteDatabase

    /// Opens the database at `path` and creates missing tables.
    public init(path: String) throws {
        sql = try SQLiteDatabase(path: path)
        try sql.execute(Self.schema)
    }

    static let schema = """
        CREATE TABLE IF NOT EXISTS runs(
          run_id TEXT PRIMARY KEY, trigger TEXT NOT NULL, status TEXT NOT NULL,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL, config_sha256 TEXT, manifest_path TEXT, error TEXT);
        CREATE TABLE IF NOT EXISTS run_states(
          run_id TEXT NOT NULL, state TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
          started_at TEXT, finished_at TEXT, error TEXT, PRIMARY KEY(run_id, state));
        CREATE TABLE IF NOT EXISTS file_ledger(
          sha256 TEXT PRIMARY KEY, original_name TEXT NOT NULL, producer TEXT NOT NULL, size INTEGER NOT NULL,
          first_seen TEXT NOT NULL, run_id TEXT, status TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS forecasts(
          run_id TEXT NOT NULL, sku TEXT NOT NULL, step INTEGER NOT NULL, bucket_start TEXT NOT NULL,
          model TEXT NOT NULL, point REAL NOT NULL, PRIMARY KEY(run_id, sku, step));
        CREATE TABLE IF NOT EXISTS forecast_intervals(
          run_id TEXT NOT NULL, sku TEXT NOT NULL, step INTEGER NOT NULL, level REAL NOT NULL,
          lower REAL NOT NULL, upper REAL NOT NULL, PRIMARY KEY(run_id, sku, step, level));
        CREATE TABLE IF NOT EXISTS capped_values(
          run_id TEXT NOT NULL, sku TEXT NOT NULL, bucket_start TEXT NOT NULL,
          original REAL NOT NULL, capped REAL NOT NULL, z REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS filled_values(
          run_id TEXT NOT NULL, sku TEXT NOT NULL, bucket_start TEXT NOT NULL,
          filled REAL NOT NULL, run_buckets INTEGER NOT NULL, chance REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS alerts(
          id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, kind TEXT NOT NULL, state TEXT,
          message TEXT NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT);
        CREATE TABLE IF NOT EXISTS drift_history(
          run_id TEXT NOT NULL, bucket_start TEXT NOT NULL, wape REAL NOT NULL, mape REAL, skus INTEGER NOT NULL,
          drifting INTEGER NOT NULL, PRIMARY KEY(run_id, bucket_start));
        CREATE TABLE IF NOT EXISTS alert_deliveries(
          id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, kind TEXT NOT NULL, channel TEXT NOT NULL,
          outcome TEXT NOT NULL, attempts INTEGER NOT NULL, error TEXT, at TEXT NOT NULL);
        """

    /// Inserts or updates a run row.
    public func recordRun(_ manifest: Manifest, manifestPath: String, error: String? = nil) throws {
        try sql.query("""
            INSERT INTO runs(run_id, trigger, status, created_at, updated_at, config_sha256, manifest_path, error)
            VALUES(?,?,?,?,?,?,?,?)
            ON CONFLICT(run_id) DO UPDATE SET status=excluded.status, updated_at=excluded.updated_at, error=excluded.error
            """, [.text(manifest.runId), .text(manifest.trigger), .text(manifest.status.rawValue),
                  .text(manifest.createdAt), .text(manifest.updatedAt), .text(manifest.configSHA256),
                  .text(manifestPath), error.map(SQLValue.text) ?? .null])
    }

    /// Inserts or updates one state's row of a run.
    public func recordState(runId: String, _ record: Manifest.StateRecord) throws {
        try sql.query("""
            INSERT INTO run_states(run_id, state, status, attempts, started_at, finished_at, error) VALUES(?,?,?,?,?,?,?)
            ON CONFLICT(run_id, state) DO UPDATE SET status=excluded.status, attempts=excluded.attempts,
              started_at=excluded.started_at, finished_at=excluded.finished_at, error=excluded.error
            """, [.text(runId), .text(record.name.rawValue), .text(record.status.rawValue), .integer(Int64(record.attempts)),
                  record.startedAt.map(SQLValue.text) ?? .null, record.finishedAt.map(SQLValue.text) ?? .null,
                  record.error.map(SQLValue.text) ?? .null])
    }

    /// The status of every state of a run, keyed by state name.
    public func stateStatuses(runId: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try sql.query("SELECT state, status FROM run_states WHERE run_id = ?", [.text(runId)]) {
            if let state = row[0].text, let status = row[1].text { result[state] = status }
        }
        return result
    }

    /// The newest run that did not finish (running, interrupted or failed), with its manifest path and status.
    public func latestUnfinishedRun() throws -> (runId: String, manifestPath: String, status: String)? {
        let rows = try sql.query("""
            SELECT run_id, manifest_path, status FROM runs WHERE status IN ('running','interrupted','failed','queued')
            ORDER BY created_at DESC, run_id DESC LIMIT 1
            """)
        guard let row = rows.first, let id = row[0].text, let path = row[1].text, let status = row[2].text else { return nil }
        return (id, path, status)
    }

    /// Stores what happened when an alert was sent to one channel.
    public func recordDelivery(runId: String?, kind: String, channel: String, outcome: String, attempts: Int, error: String?, at time: String) throws {
        try sql.query("INSERT INTO alert_deliveries(run_id, kind, channel, outcome, attempts, error, at) VALUES(?,?,?,?,?,?,?)",
                      [runId.map(SQLValue.text) ?? .null, .text(kind), .text(channel), .text(outcome), .integer(Int64(attempts)),
                       error.map(SQLValue.text) ?? .null, .text(time)])
    }

    /// Stores an alert record.
    public func recordAlert(runId: String?, kind: String, state: String?, message: String, at time: String) throws {
        try sql.query("INSERT INTO alerts(run_id, kind, state, message, created_at) VALUES(?,?,?,?,?)",
                      [runId.map(SQLValue.text) ?? .null, .text(kind), state.map(SQLValue.text) ?? .null, .text(message), .text(time)])
    }
}

extension RunDatabase {
    /// Whether bytes with this SHA-256 were claimed or processed before.
    public func ledgerContains(sha256: String) throws -> Bool {
        try !sql.query("SELECT 1 FROM file_ledger WHERE sha256 = ? AND status IN ('claimed','processed','failed')",
                       [.text(sha256)]).isEmpty
    }

    /// Records a file in the ledger (first sighting wins; later duplicates only update nothing).
    public func recordLedger(sha256: String, name: String, producer: String, size: Int, runId: String?, status: String) throws {
        try sql.query("""
            INSERT INTO file_ledger(sha256, original_name, producer, size, first_seen, run_id, status) VALUES(?,?,?,?,?,?,?)
            ON CONFLICT(sha256) DO NOTHING
            """, [.text(sha256), .text(name), .text(producer), .integer(Int64(size)), .text(Timestamp.now()),
                  runId.map(SQLValue.text) ?? .null, .text(status)])
    }

    /// Sets the ledger status of every file of a run (`processed`, `failed`).
    public func markLedger(runId: String, status: String) throws {
        try sql.query("UPDATE file_ledger SET status = ? WHERE run_id = ? AND status IN ('claimed','failed')", [.text(status), .text(runId)])
    }
}
