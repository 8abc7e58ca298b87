import CSQLite

/// A SQLite connection in WAL mode with prepared statements and typed binding.
///
/// One connection per process, used from one task at a time (the orchestrator runs one state at a
/// time); `@unchecked Sendable` because SQLite's serialized threading mode guards the handle.
public final class SQLiteDatabase: @unchecked Sendable {
    private let handle: OpaquePointer
    /// The file the connection was opened on.
    public let path: String

    /// Opens (creating if needed) the database at `path`, enabling WAL and a busy timeout.
    public init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close(db) }
            throw PipelineError.database(path: path, message: "cannot open: \(message)")
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5_000)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
    }

    deinit { sqlite3_close(handle) }

    /// Runs one or more statements that take no parameters and return no rows.
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw PipelineError.database(path: path, message: "\(message) in: \(sql.prefix(120))")
        }
    }

    /// Runs one statement with positional parameters (`?`), returning every row.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try bind(parameters, to: statement, sql: sql)
        var rows: [[SQLValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw PipelineError.database(path: path, message: "\(lastError) in: \(sql.prefix(120))")
            }
            rows.append(readRow(statement))
        }
        return rows
    }

    /// Runs `sql` once per parameter list inside one transaction (fast bulk inserts).
    public func executeMany(_ sql: String, _ parameterRows: [[SQLValue]]) throws {
        try transaction {
            let statement = try prepare(sql)
            defer { sqlite3_finalize(statement) }
            for parameters in parameterRows {
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
                try bind(parameters, to: statement, sql: sql)
                guard sqlite3_step(statement) == SQLITE_DONE else {
                    throw PipelineError.database(path: path, message: "\(lastError) in: \(sql.prefix(120))")
                }
            }
        }
    }

    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw PipelineError.database(path: path, message: "\(lastError) in: \(sql.prefix(120))")
        }
        return statement
    }

    private func bind(_ parameters: [SQLValue], to statement: OpaquePointer, sql: String) throws {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, index)
            case .integer(let number): status = sqlite3_bind_int64(statement, index, number)
            case .real(let number): status = sqlite3_bind_double(statement, index, number)
            case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, transient)
            }
            guard status == SQLITE_OK else {
                throw PipelineError.database(path: path, message: "cannot bind parameter \(index): \(lastError)")
            }
        }
    }

    private func readRow(_ statement: OpaquePointer) -> [SQLValue] {
        (0..<sqlite3_column_count(statement)).map { column in
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
            case SQLITE_NULL: return .null
            default:
                guard let text = sqlite3_column_text(statement, column) else { return .null }
                return .text(String(cString: text))
            }
        }
    }
}

/// A value bound to or read from SQLite.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as text, if it is text.
    public var text: String? { if case .text(let value) = self { return value } else { return nil } }
    /// The value as an integer, if it is an integer.
    public var integer: Int64? { if case .integer(let value) = self { return value } else { return nil } }
    /// The value as a double (integers widen).
    public var real: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }
}
