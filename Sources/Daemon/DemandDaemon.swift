import Dispatch
import Foundation
import Glibc
import Pipeline
import Synchronization

/// `demand daemon`: watches landing with inotify and runs the pipeline on each settled batch of files.
///
/// One run at a time on a worker thread; files arriving during a run are tracked and become the next
/// batch. At start it puts back files stranded by a crash during claiming, resumes an interrupted run,
/// and claims whatever arrived while it was down. SIGTERM stops at the next checkpoint and exits 0;
/// SIGHUP reloads the config (an invalid one is refused with an alert and the old one kept).
public final class DemandDaemon: @unchecked Sendable {
    let root: String
    let configPath: String
    let log: DaemonLog
    var config: PipelineConfig
    let stop = StopSignal()
    let notifier = SystemdNotifier()
    private let signals = SignalFlags()
    private var tracker: ArrivalTracker
    private var inotify: Inotify?
    private var activeRun: ActiveRun?
    private var lastRescan = 0.0
    private var lastWatchdog = 0.0
    private var lastScheduled: Double
    private var retrainForDrift = false

    /// Creates a daemon for `root` with the config at `configPath`.
    public init(root: String, configPath: String, echo: (@Sendable (String) -> Void)?) throws {
        self.root = root
        self.configPath = configPath
        config = try ConfigLoader.load(path: configPath)
        log = try DaemonLog(path: "\(root)/\(config.paths.artifacts)/daemon.jsonl", echo: echo)
        tracker = ArrivalTracker(settleSeconds: config.daemon.settleSeconds)
        lastScheduled = Monotonic.seconds()
    }

    var landing: String { config.paths.landing.hasPrefix("/") ? config.paths.landing : "\(root)/\(config.paths.landing)" }

    /// Runs until SIGTERM or SIGINT; returns the process exit code.
    public func run() throws -> Int32 {
        signals.install()
        try FileSystem.createDirectory(landing)
        for producer in config.producers { try FileSystem.createDirectory("\(landing)/\(producer.name)") }
        let store = try RunStore(root: root, config: config)
        let restored = try ClaimRecovery.recover(store: store, landing: landing)
        if !restored.isEmpty { log.warning("put back \(restored.count) file(s) claimed by a run that crashed before starting: \(restored.joined(separator: ", "))") }
        if let unfinished = try store.database.latestUnfinishedRun(), unfinished.status != RunStatus.failed.rawValue {
            log.info("resuming interrupted run \(unfinished.runId)")
            start { launcher in try launcher.resume(runId: unfinished.runId) }
        }
        let watcher = try Inotify()
        inotify = watcher
        try watch(watcher)
        rescan()
        notifier.ready(status: "watching \(landing)")
        log.info("watching \(landing) (settle \(config.daemon.settleSeconds) s, rescan every \(config.daemon.rescanSeconds) s)")
        while !signals.terminate.load(ordering: .relaxed) {
            var descriptors = [pollfd(fd: watcher.fileDescriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signals.wakeRead, events: Int16(POLLIN), revents: 0)]
            _ = poll(&descriptors, 2, 200)
            if descriptors[1].revents != 0 { signals.drain() }
            handle(watcher.readEvents(), watcher: watcher)
            tick()
            if signals.reload.exchange(false, ordering: .relaxed) { reload(watcher) }
        }
        log.info("SIGTERM: stopping at the next checkpoint")
        notifier.stopping()
        stop.request()
        activeRun?.thread.join()
        if let outcome = activeRun?.box.get() { report(outcome) }
        log.info("stopped")
        return 0
    }

    private func watch(_ watcher: Inotify) throws {
        if !watcher.isWatching(landing) { try watcher.watch(landing) }
        for producer in config.producers {
            let folder = "\(landing)/\(producer.name)"
            if FileSystem.isDirectory(folder), !watcher.isWatching(folder) { try watcher.watch(folder) }
        }
    }

    private func handle(_ events: [Inotify.Event], watcher: Inotify) {
        for event in events {
            if event.isOverflow {
                log.warning("inotify queue overflowed; rescanning landing")
                rescan()
                continue
            }
            if event.isDirectory && event.isCreate && event.folder == landing {
                if config.producers.contains(where: { $0.name == event.name }) {
                    try? watcher.watch("\(landing)/\(event.name)")
                    log.info("watching new producer folder landing/\(event.name)/")
                    rescan()
                }
                continue
            }
            guard event.isCloseWrite || event.isMovedTo, !LandingScanner.isIgnored(event.name) else { continue }
            observe(folder: event.folder, name: event.name)
        }
    }

    private func observe(folder: String, name: String) {
        let path = "\(folder)/\(name)"
        guard let info = Self.stat(path), LandingScanner.isRegularFile(path) else { return }
        let producer: String?
        if folder == landing {
            producer = config.producers.first { $0.patterns.contains { Glob.matches($0, name) } }?.name
        } else {
            producer = (folder as NSString).lastPathComponent
        }
        tracker.observe(LandingFile(path: path, name: name, producer: producer), size: info.size, modified: info.modified, now: Monotonic.seconds())
    }

    private func rescan() {
        lastRescan = Monotonic.seconds()
        guard let files = try? LandingScanner(landing: landing, producers: config.producers).scan() else { return }
        for file in files { observe(folder: (file.path as NSString).deletingLastPathComponent, name: file.name) }
    }

    private func tick() {
        let now = Monotonic.seconds()
        if let interval = notifier.watchdogInterval, now - lastWatchdog >= interval {
            notifier.watchdog()
            lastWatchdog = now
        }
        if now - lastRescan >= config.daemon.rescanSeconds { rescan() }
        if let run = activeRun {
            guard let outcome = run.box.get() else { return }
            run.thread.join()
            activeRun = nil
            report(outcome)
        }
        let batch = tracker.takeBatch(now: now, stat: Self.stat)
        if !batch.isEmpty {
            log.info("batch of \(batch.count) file(s): \(batch.map(\.name).joined(separator: ", "))")
            start { launcher in try launcher.run(files: batch, trigger: "daemon", quarantineInvalid: true) }
        } else if retrainForDrift {
            retrainForDrift = false
            log.info("drift alert raised: starting a retrain run (alerts.drift.retrainOnDrift)")
            start { launcher in try launcher.run(files: [], trigger: "drift", allowNoNewFiles: true) }
        } else if config.daemon.retrainEveryHours > 0, now - lastScheduled >= config.daemon.retrainEveryHours * 3_600 {
            lastScheduled = now
            log.info("scheduled retrain (every \(config.daemon.retrainEveryHours) h)")
            start { launcher in try launcher.run(files: [], trigger: "schedule", allowNoNewFiles: true) }
        }
    }

    private func start(_ body: @escaping @Sendable (RunLauncher) throws -> RunLauncher.Result) {
        let launcher = RunLauncher(root: root, config: config, stop: stop, echo: { [log] in log.info($0) })
        let box = OutcomeBox()
        notifier.status("running the pipeline")
        let thread = WorkerThread {
            do {
                let result = try body(launcher)
                box.set(.finished(result))
            } catch {
                box.set(.error(String(describing: error)))
            }
        }
        activeRun = ActiveRun(thread: thread, box: box)
        thread.start()
    }

    private func report(_ outcome: RunOutcome) {
        switch outcome {
        case .finished(let result):
            let manifest = result.manifest
            log.info("run \(manifest.runId) \(manifest.status.rawValue)", ["run": manifest.runId, "status": manifest.status.rawValue])
            if config.alerts.drift.retrainOnDrift, manifest.trigger != "drift",
               let alerts = try? FileSystem.readText("\(result.runDirectory)/alert/alerts.json"), alerts.contains(#""kind" : "drift""#) {
                retrainForDrift = true
            }
            notifier.status("idle; last run \(manifest.runId) \(manifest.status.rawValue)")
        case .error(let message):
            log.error("run could not start: \(message)")
            notifier.status("idle; last run could not start")
        }
    }

    private func reload(_ watcher: Inotify) {
        notifier.reloading()
        do {
            let fresh = try ConfigLoader.load(path: configPath)
            config = fresh
            tracker.settleSeconds = fresh.daemon.settleSeconds
            try watch(watcher)
            log.info("SIGHUP: reloaded \(configPath)")
        } catch {
            let message = "SIGHUP: the new config was refused, the old one stays: \(error)"
            log.error(message)
            if let store = try? RunStore(root: root, config: config) {
                try? store.database.recordAlert(runId: nil, kind: "config-refused", state: nil, message: message, at: Timestamp.now())
                let notifier = AlertNotifier(settings: config.alerts, statePath: "\(root)/\(config.paths.artifacts)/alert-deliveries.json")
                for line in notifier.deliver(runId: nil, kind: "config-refused", subject: configPath, severity: .error,
                                             message: message, database: store.database) {
                    log.info(line)
                }
            }
        }
        notifier.ready(status: "watching \(landing)")
    }

    static func stat(_ path: String) -> (size: Int, modified: Int)? {
        var info = Glibc.stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }
}

/// What a finished run thread left behind.
enum RunOutcome: Sendable {
    case finished(RunLauncher.Result)
    case error(String)
}

/// A run in progress on its worker thread.
struct ActiveRun {
    let thread: WorkerThread
    let box: OutcomeBox
}

/// Lets the worker thread publish its outcome to the event loop.
final class OutcomeBox: Sendable {
    private let value = Mutex<RunOutcome?>(nil)
    func set(_ outcome: RunOutcome) { value.withLock { $0 = outcome } }
    func get() -> RunOutcome? { value.withLock { $0 } }
}
