import Foundation

/// One JSON-lines log file for one attempt of one state.
///
/// Every line is an object with `time`, `level`, `state`, `attempt`, `message` and optional fields,
/// flushed as written so a crash keeps everything logged so far.
public final class StateLog: @unchecked Sendable {
    /// The log file's path.
    public let path: String
    private let state: String
    private let attempt: Int
    private let handle: FileHandle
    private let echo: (@Sendable (String) -> Void)?
    private let lock = NSLock()

    /// Opens (creating) the log at `path`; `echo` also receives each message (the terminal).
    public init(path: String, state: String, attempt: Int, echo: (@Sendable (String) -> Void)? = nil) throws {
        handle = try FileSystem.openLog(path, truncating: true)
        self.path = path
        self.state = state
        self.attempt = attempt
        self.echo = echo
    }

    deinit { try? handle.close() }

    /// Writes an info line.
    public func info(_ message: String, _ fields: [String: String] = [:]) { write("info", message, fields) }
    /// Writes a warning line.
    public func warning(_ message: String, _ fields: [String: String] = [:]) { write("warning", message, fields) }
    /// Writes an error line.
    public func error(_ message: String, _ fields: [String: String] = [:]) { write("error", message, fields) }

    private func write(_ level: String, _ message: String, _ fields: [String: String]) {
        var line = "{\"time\":\(JSONText.quote(Timestamp.now()))"
        line += ",\"level\":\(JSONText.quote(level)),\"state\":\(JSONText.quote(state)),\"attempt\":\(attempt)"
        line += ",\"message\":\(JSONText.quote(message))"
        for key in fields.keys.sorted() {
            line += ",\(JSONText.quote(key)):\(JSONText.quote(fields[key] ?? ""))"
        }
        line += "}\n"
        lock.lock()
        handle.write(Data(line.utf8))
        lock.unlock()
        echo?("[\(state)] \(message)")
    }
}

/// JSON string quoting for the few places that write JSON text by hand (log lines).
enum JSONText {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Wall-clock timestamps for logs and the journal (never for outputs that replay compares).
public enum Timestamp {
    /// Now as ISO 8601 UTC with milliseconds.
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return iso(seconds: Int(spec.tv_sec), millis: Int(spec.tv_nsec / 1_000_000))
    }

    /// Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func iso(seconds: Int, millis: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// A compact, sortable id prefix: `YYYYMMDDTHHMMSSZ`.
    public static func compact() -> String {
        var time = time_t(Int(Date().timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
