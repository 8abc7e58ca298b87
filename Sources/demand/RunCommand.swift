import Daemon
import Foundation
import Pipeline

/// `demand run`: one run over what is in landing/ (or the bundled samples with --demo), then exit.
enum RunCommand {
    static let command = Command(
        name: "run", summary: "run the pipeline once on the files in landing/ (--demo: on the bundled samples)",
        usage: """
            Usage: demand run [--root DIR] [--config FILE] [--demo] [--resume [RUN_ID]] [--quiet]

            Claims every complete file in landing/ and landing/<producer>/, runs
            ingest → clean → features → tune → train → residuals → forecast → alert once,
            and prints where the forecasts, the manifest and the logs are.

              --demo          copy the sample vendor files from config/samples/<producer>/ into
                              landing/<producer>/ first (the README's one-command demo)
              --resume [ID]   continue an interrupted or failed run (default: the newest one)
                              from its first unfinished state, without redoing finished states
              --quiet         print only the summary, not per-state progress
            Exit status: 0 succeeded, 1 the run failed (see its alert and logs), 2 usage,
            3 config error, 4 input error.
            """,
        run: run)

    static func run(_ words: [String]) throws -> Int32 {
        var words = words
        var resumeId: String?
        var resume = false
        if let index = words.firstIndex(of: "--resume") {
            resume = true
            if index + 1 < words.count, !words[index + 1].hasPrefix("--") {
                resumeId = words[index + 1]
                words.remove(at: index + 1)
            }
            words.remove(at: index)
        }
        let arguments = try Arguments(words, valueOptions: RootOptions.valueOptions, flagOptions: ["demo", "quiet"])
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let root = RootOptions.root(arguments)
        let config = try RootOptions.config(arguments, root: root)
        let quiet = arguments.flags.contains("quiet")
        let echo: (@Sendable (String) -> Void)? = quiet ? nil : Terminal.progressSink
        let launcher = RunLauncher(root: root, config: config, echo: echo)
        if arguments.flags.contains("demo") {
            let copied = try DemoSamples.copy(root: root, landing: launcher.landing)
            Terminal.progress("demo: copied \(copied) sample file(s) from config/samples/ into \(launcher.landing)/")
        }
        let result = resume ? try launcher.resume(runId: resumeId) : try launcher.runOnce(trigger: arguments.flags.contains("demo") ? "demo" : "manual")
        RunSummary.print(result)
        return result.manifest.status == RunStatus.succeeded ? 0 : 1
    }
}

/// The end-of-run summary a person reads.
enum RunSummary {
    static func print(_ result: RunLauncher.Result) {
        let manifest = result.manifest
        var lines = ["", "run \(manifest.runId): \(manifest.status.rawValue)"]
        for state in manifest.states {
            let attempts = state.attempts > 1 ? " (\(state.attempts) attempts)" : ""
            lines.append("  \(state.name.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(state.status.rawValue)\(attempts)\(state.error.map { ": \($0)" } ?? "")")
        }
        let forecast = "\(result.runDirectory)/forecast.csv"
        if FileSystem.exists(forecast) { lines.append("forecasts: \(forecast)") }
        lines.append("manifest:  \(result.runDirectory)/manifest.json")
        lines.append("logs:      \(result.runDirectory)/logs/")
        if manifest.status == .failed { lines.append("alert:     \(result.runDirectory)/alert/alerts.json") }
        if manifest.status == .interrupted { lines.append("resume with: demand run --resume \(manifest.runId)") }
        Swift.print(lines.joined(separator: "\n"))
    }
}

/// Copies `config/samples/<producer>/*` into `landing/<producer>/` for the demo.
enum DemoSamples {
    static func copy(root: String, landing: String) throws -> Int {
        let samples = "\(root)/config/samples"
        guard FileSystem.isDirectory(samples) else {
            throw PipelineError(.usage, "no sample files at \(samples); --demo needs the repository's config/samples/")
        }
        var count = 0
        for producer in try FileSystem.list(samples) where FileSystem.isDirectory("\(samples)/\(producer)") {
            for name in try FileSystem.list("\(samples)/\(producer)") where !name.hasPrefix(".") {
                let target = "\(landing)/\(producer)/\(name)"
                try FileSystem.createDirectory("\(landing)/\(producer)")
                let temp = "\(landing)/\(producer)/.\(name).copying"
                try FileSystem.remove(temp)
                try FileSystem.copy("\(samples)/\(producer)/\(name)", to: temp)
                try FileSystem.remove(target)
                try FileSystem.move(temp, to: target)
                count += 1
            }
        }
        return count
    }
}
