import Pipeline

/// `demand replay MANIFEST`: re-run a run from its archived inputs and check every output is identical.
enum ReplayCommand {
    static let command = Command(
        name: "replay", summary: "re-run a run from its manifest and check every output is byte-identical",
        usage: """
            Usage: demand replay artifacts/runs/<run-id>/manifest.json

            Re-runs every state from the run's archived inputs, resolved config and seeds in a fresh
            folder (artifacts/replays/), then compares each state's outputs (names, sizes, SHA-256)
            with the manifest. Prints one line per state; exits 1 naming the first state and file
            that differ, 0 when everything is identical.
            """,
        run: run)

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, valueOptions: [], flagOptions: ["quiet"])
        guard arguments.positionals.count == 1 else { throw UsageError("give exactly one manifest.json path") }
        let quiet = arguments.flags.contains("quiet")
        let echo: (@Sendable (String) -> Void)? = quiet ? nil : Terminal.progressSink
        let report = try Replayer(echo: echo).replay(manifestPath: arguments.positionals[0])
        for input in report.changedInputs { print("input     \(input): archived copy changed since the run") }
        for state in report.states {
            let name = state.state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            print(state.identical ? "\(name) identical (\(state.outputs) outputs)" : "\(name) DIFFERS: \(state.firstDifference ?? "")")
        }
        if let first = report.firstDifferingState {
            print("replay differs: first differing state is '\(first.state.rawValue)' (\(first.firstDifference ?? ""))")
            print("replay folder: \(report.replayDirectory)")
            return 1
        }
        if !report.identical {
            print("replay outputs match but inputs changed")
            return 1
        }
        print("replay identical: every output of every state is byte-identical")
        return 0
    }
}
