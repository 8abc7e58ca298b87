import Dispatch
import Foundation
import Glibc
import Pipeline
import Synchronization

/// SIGTERM/SIGINT/SIGHUP turned into flags and a wake-up byte on a pipe the event loop polls.
final class SignalFlags: @unchecked Sendable {
    let terminate = Atomic<Bool>(false)
    let reload = Atomic<Bool>(false)
    let wakeRead: Int32
    private let wakeWrite: Int32
    private var sources: [DispatchSourceSignal] = []

    init() {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    /// Routes the signals to the flags (the default actions are disabled).
    func install() {
        for (number, flag) in [(SIGTERM, 0), (SIGINT, 0), (SIGHUP, 1)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                if flag == 0 { terminate.store(true, ordering: .relaxed) } else { reload.store(true, ordering: .relaxed) }
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Empties the wake-up pipe.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, 64) > 0 {}
    }
}

/// Monotonic seconds for settle and schedule timing (immune to wall-clock changes).
enum Monotonic {
    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// A joinable thread for the run in progress.
final class WorkerThread: @unchecked Sendable {
    private let body: @Sendable () -> Void
    private let done = DispatchSemaphore(value: 0)
    private var thread: Thread?

    init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    func start() {
        let thread = Thread { [body, done] in
            body()
            done.signal()
        }
        thread.stackSize = 16 << 20
        self.thread = thread
        thread.start()
    }

    /// Waits for the body to finish (once).
    func join() {
        done.wait()
        done.signal()
    }
}

/// The daemon's own JSON-lines log (`artifacts/daemon.jsonl`), echoed to stderr.
final class DaemonLog: @unchecked Sendable {
    private let handle: FileHandle
    private let echo: (@Sendable (String) -> Void)?
    private let lock = NSLock()

    init(path: String, echo: (@Sendable (String) -> Void)?) throws {
        handle = try FileSystem.openLog(path, truncating: false)
        self.echo = echo
    }

    func info(_ message: String, _ fields: [String: String] = [:]) { write("info", message, fields) }
    func warning(_ message: String, _ fields: [String: String] = [:]) { write("warning", message, fields) }
    func error(_ message: String, _ fields: [String: String] = [:]) { write("error", message, fields) }

    private func write(_ level: String, _ message: String, _ fields: [String: String]) {
        var object: [String: String] = fields
        object["time"] = Timestamp.now()
        object["level"] = level
        object["message"] = message
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        lock.lock()
        handle.write(data + Data("\n".utf8))
        lock.unlock()
        echo?("\(level): \(message)")
    }
}
