import Foundation

/// Runs the states of one run in order, with retries, per-attempt logs, journal updates and resume.
///
/// A state that already succeeded (and whose outputs still hash as recorded) is skipped, so a run
/// interrupted by `kill -9` or SIGTERM continues from the first unfinished state. Whatever happens,
/// `alert` runs last with the failure, if any, so every failure leaves an alert record.
public struct Orchestrator: Sendable {
    /// The state implementations by name.
    public let states: [StateName: any PipelineState]
    /// The run store that persists manifests and the journal.
    public let store: RunStore
    /// Where progress lines go (the terminal in the CLI), besides the logs.
    public let echo: (@Sendable (String) -> Void)?
    /// Set to stop at the next checkpoint (SIGTERM).
    public let stop: StopSignal
    /// Sleeps between attempts; injected so tests do not wait.
    public let sleep: @Sendable (Double) -> Void
    /// A crash drill: pause this many seconds after a state is marked running (see `DEMAND_PAUSE_IN_STATE`).
    public var pauseInState: (state: StateName, seconds: Double)?

    /// Creates an orchestrator over the given states.
    public init(states: [any PipelineState], store: RunStore, stop: StopSignal = StopSignal(),
                echo: (@Sendable (String) -> Void)? = nil,
                sleep: @escaping @Sendable (Double) -> Void = { seconds in
                    if seconds > 0 { usleep(useconds_t(min(seconds, 3_600) * 1_000_000)) }
                }) {
        self.states = Dictionary(uniqueKeysWithValues: states.map { ($0.name, $0) })
        self.store = store
        self.stop = stop
        self.echo = echo
        self.sleep = sleep
    }

    /// Runs (or resumes) the run whose manifest is given, returning the final manifest.
    ///
    /// `through` stops after that state (without `alert`), for commands that need only the data states.
    public func execute(_ start: Manifest, config: PipelineConfig, through last: StateName = .alert) throws -> Manifest {
        var manifest = start
        manifest.status = .running
        try store.save(&manifest)
        var failure: FailureRecord?
        for name in StateName.allCases where name != .alert && name <= last {
            if failure != nil {
                var record = manifest.record(name)
                record.status = .skipped
                manifest.update(record)
                try store.save(&manifest, state: record)
                continue
            }
            if try store.isComplete(manifest.record(name), runId: manifest.runId) {
                echo?("[\(name.rawValue)] already done, skipping")
                continue
            }
            let outcome = try attempt(name, in: &manifest, config: resolved(config, for: name, runId: manifest.runId), failure: nil)
            switch outcome {
            case .succeeded: continue
            case .interrupted:
                manifest.status = .interrupted
                try store.save(&manifest)
                return manifest
            case .failed(let record): failure = record
            }
        }
        guard last == .alert else {
            manifest.status = failure == nil ? .succeeded : .failed
            try store.save(&manifest)
            return manifest
        }
        let alertOutcome = try attempt(.alert, in: &manifest, config: resolved(config, for: .alert, runId: manifest.runId), failure: failure)
        if case .interrupted = alertOutcome {
            manifest.status = .interrupted
        } else if failure != nil {
            manifest.status = .failed
        } else if case .failed = alertOutcome {
            manifest.status = .failed
        } else {
            manifest.status = .succeeded
        }
        try store.save(&manifest, error: failure.map { "\($0.state.rawValue): \($0.message)" })
        return manifest
    }

    /// The config state `name` runs with: after `clean`, in calendar months when clean chose them under
    /// `clean.bucket` `auto` (a monthly file), with the monthly model settings.
    private func resolved(_ config: PipelineConfig, for name: StateName, runId: String) -> PipelineConfig {
        guard name > .clean, config.clean.bucket == "auto" else { return config }
        return config.resolved(monthlyData: SeriesFile.isMonthly(folder: "\(store.runDirectory(runId))/\(StateName.clean.rawValue)"))
    }

    private enum Outcome {
        case succeeded, interrupted
        case failed(FailureRecord)
    }

    private func attempt(_ name: StateName, in manifest: inout Manifest, config: PipelineConfig,
                         failure: FailureRecord?) throws -> Outcome {
        guard let implementation = states[name] else {
            throw PipelineError(.state, "no implementation registered for state '\(name.rawValue)'")
        }
        let policy = config.retry.policy(for: name.rawValue)
        let seed = SplitMix64.derive(config.seed, name.rawValue)
        var record = manifest.record(name)
        record.status = .running
        record.startedAt = Timestamp.now()
        record.finishedAt = nil
        record.error = nil
        record.outputs = []
        var jitter = SplitMix64(seed: SplitMix64.derive(seed, "retry-jitter"))
        let firstAttempt = record.attempts + 1
        let lastAttempt = record.attempts + max(1, policy.maxAttempts)
        for number in firstAttempt...lastAttempt {
            record.attempts = number
            let logPath = "logs/\(name.rawValue)-attempt\(number).jsonl"
            record.logs.append(logPath)
            manifest.update(record)
            try store.save(&manifest, state: record)
            let log = try StateLog(path: "\(store.runDirectory(manifest.runId))/\(logPath)", state: name.rawValue,
                                   attempt: number, echo: echo)
            let outputFolder = "\(store.runDirectory(manifest.runId))/\(name.rawValue)"
            try FileSystem.remove(outputFolder)
            try FileSystem.createDirectory(outputFolder)
            var context = StateContext(
                state: name, attempt: number, runDirectory: store.runDirectory(manifest.runId), root: store.root,
                config: config, inputs: manifest.inputs, seed: seed, log: log, database: store.database,
                runId: manifest.runId, failure: failure,
                deadline: ContinuousClock.now + .milliseconds(Int64(policy.timeoutSeconds * 1_000)), stop: stop)
            context.trigger = manifest.trigger
            log.info("attempt \(number) of \(name.rawValue) started")
            if let pause = pauseInState, pause.state == name {
                log.warning("crash drill: pausing \(pause.seconds) s inside \(name.rawValue)")
                sleep(pause.seconds)
            }
            do {
                try implementation.run(context)
                record.outputs = try store.fingerprintOutputs(runId: manifest.runId, state: name)
                record.status = .succeeded
                record.finishedAt = Timestamp.now()
                log.info("\(name.rawValue) succeeded", ["outputs": String(record.outputs.count)])
                manifest.update(record)
                try store.save(&manifest, state: record)
                return .succeeded
            } catch StateInterruption.stopRequested {
                log.warning("stopped at a checkpoint; the run can be resumed")
                record.status = .interrupted
                record.error = StateInterruption.stopRequested.description
                manifest.update(record)
                try store.save(&manifest, state: record)
                return .interrupted
            } catch {
                let message = String(describing: error)
                log.error(message)
                record.error = message
                if let lasting = error as? PipelineError, lasting.isLasting {
                    log.info("not retried: this \(lasting.kind.rawValue) error comes back on every attempt until the file or the config is fixed")
                    break
                }
                if number < lastAttempt {
                    let wait = policy.delay(beforeAttempt: number - firstAttempt + 2, jitterDraw: jitter.nextUnit())
                    record.status = .retrying
                    log.info("retrying in \(String(format: "%.2f", wait)) s")
                    manifest.update(record)
                    try store.save(&manifest, state: record)
                    sleep(wait)
                }
            }
        }
        record.status = .failed
        record.finishedAt = Timestamp.now()
        manifest.update(record)
        try store.save(&manifest, state: record)
        return .failed(FailureRecord(state: name, message: record.error ?? "failed", attempts: record.attempts))
    }
}
