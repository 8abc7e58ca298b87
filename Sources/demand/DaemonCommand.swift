import Daemon
import Pipeline

/// `demand daemon`: watch landing/ and run the pipeline on every settled batch of files.
enum DaemonCommand {
    static let command = Command(
        name: "daemon", summary: "watch landing/ with inotify and run the pipeline on each batch of new files",
        usage: """
            Usage: demand daemon [--root DIR] [--config FILE]

            Watches landing/ and landing/<producer>/ (folders created later too). A file is claimed once
            it has been closed and its size and mtime have not changed for daemon.settleSeconds; a burst
            of files becomes one run. Dot-files, temp names (*.tmp, *.part, …), symlinks and non-regular
            files are ignored. Files that would fail ingest go to processed/quarantine/ with a
            <name>.reason.txt and an alert; the others run. One run at a time; files arriving during a
            run join the next one. daemon.retrainEveryHours starts runs without new files.

            At start it resumes an interrupted run and claims what arrived while it was down.
            Signals: SIGTERM/SIGINT stop at the next checkpoint and exit 0 (the run resumes on the next
            start); SIGHUP reloads the config (an invalid one is refused with an alert).
            Under systemd (Type=notify) it sends READY=1, STATUS=, WATCHDOG=1 and STOPPING=1; see
            config/demand.service. Its own log: ROOT/artifacts/daemon.jsonl.
            """,
        run: run)

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, valueOptions: RootOptions.valueOptions, flagOptions: ["quiet"])
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let root = RootOptions.root(arguments)
        let configPath = arguments.value("config") ?? ConfigLoader.defaultPath(root: root)
        let echo: (@Sendable (String) -> Void)? = arguments.flags.contains("quiet") ? nil : Terminal.progressSink
        return try DemandDaemon(root: root, configPath: configPath, echo: echo).run()
    }
}
