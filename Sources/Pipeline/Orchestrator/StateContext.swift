import Foundation
import Synchronization

/// Everything one attempt of one state may read and where it writes.
///
/// A state reads the run's archived inputs or earlier states' outputs (`file(_:_:)`), writes only
/// into its own folder (`output(_:)`), logs through `log`, and calls `checkpoint()` inside long
/// loops so timeouts and SIGTERM stop it at a safe point.
public struct StateContext: Sendable {
    /// The state being run.
    public let state: StateName
    /// The 1-based attempt number.
    public let attempt: Int
    /// The run's folder.
    public let runDirectory: String
    /// The daemon root the config's relative paths resolve against.
    public let root: String
    /// The resolved configuration.
    public let config: PipelineConfig
    /// The run's archived inputs.
    public let inputs: [Manifest.InputFile]
    /// This state's seed, derived from the run seed and the state name.
    public let seed: UInt64
    /// The attempt's log.
    public let log: StateLog
    /// The run database, if the run has one.
    public let database: RunDatabase?
    /// The run id.
    public let runId: String
    /// For the `alert` state: the state that failed and its error, if any did.
    public let failure: FailureRecord?
    /// What started the run (`cli`, `daemon`, `schedule`, `replay`, `backtest`); replays deliver no alerts.
    public var trigger: String = "cli"
    let deadline: ContinuousClock.Instant
    let stop: StopSignal

    /// The path of `name` inside this state's own output folder.
    public func output(_ name: String) -> String { "\(runDirectory)/\(state.rawValue)/\(name)" }

    /// This state's own output folder.
    public var outputFolder: String { "\(runDirectory)/\(state.rawValue)" }

    /// The output folder of an earlier `state`.
    public func folder(_ state: StateName) -> String { "\(runDirectory)/\(state.rawValue)" }

    /// The path of `name` written by an earlier `state`.
    public func file(_ state: StateName, _ name: String) -> String { "\(runDirectory)/\(state.rawValue)/\(name)" }

    /// The absolute path of an archived input.
    public func inputPath(_ input: Manifest.InputFile) -> String { "\(runDirectory)/\(input.archivedPath)" }

    /// Resolves a config path against the root.
    public func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : "\(root)/\(path)" }

    /// Throws when the attempt is past its timeout or the process was asked to stop.
    public func checkpoint() throws {
        if stop.isRequested { throw StateInterruption.stopRequested }
        if ContinuousClock.now > deadline { throw StateInterruption.timedOut }
    }
}

/// A state that failed, as the `alert` state and the journal record it.
public struct FailureRecord: Sendable, Equatable {
    /// The failing state.
    public var state: StateName
    /// The last attempt's error message.
    public var message: String
    /// How many attempts were made.
    public var attempts: Int
    public init(state: StateName, message: String, attempts: Int) {
        self.state = state
        self.message = message
        self.attempts = attempts
    }
}

/// Why an attempt stopped early without failing on its own.
enum StateInterruption: Error, CustomStringConvertible {
    case timedOut, stopRequested
    var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .stopRequested: return "stopped by request (SIGTERM)"
        }
    }
}

/// A process-wide "please stop at the next checkpoint" flag, set from a signal handler's task.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Creates an unset signal.
    public init() {}
    /// Asks every running state to stop at its next checkpoint.
    public func request() { flag.store(true, ordering: .sequentiallyConsistent) }
    /// Whether a stop was requested.
    public var isRequested: Bool { flag.load(ordering: .sequentiallyConsistent) }
}

/// One step of the state machine.
public protocol PipelineState: Sendable {
    /// Which state this is.
    var name: StateName { get }
    /// Runs one attempt, writing outputs under `context.output(_:)`; throws to fail the attempt.
    func run(_ context: StateContext) throws
}
