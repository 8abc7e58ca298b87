import Foundation
import Pipeline

/// A subcommand: its name, one-line summary, usage text and body.
struct Command: Sendable {
    let name: String
    let summary: String
    let usage: String
    let run: @Sendable ([String]) throws -> Int32
}

/// Dispatches the first word to a subcommand and turns errors into messages and exit codes.
///
/// Exit codes: 0 success, 1 the run or replay failed (or differs), 2 usage error,
/// 3 configuration error, 4 input error, 5 other failure.
enum CommandRouter {
    static let commands: [Command] = [
        RunCommand.command, ReplayCommand.command, BacktestCommand.command, DumpCommand.command, ConfigCommand.command, DaemonCommand.command,
    ]

    static func run(_ words: [String]) -> Int32 {
        guard let first = words.first, first != "--help", first != "-h", first != "help" else {
            if words.count > 1, let command = commands.first(where: { $0.name == words[1] }) {
                print(command.usage)
            } else {
                print(overview)
            }
            return 0
        }
        if first == "--version" {
            print("demand \(Pipeline.version)")
            return 0
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            Terminal.error("unknown command '\(first)'\n\n\(overview)")
            return 2
        }
        let rest = Array(words.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            print(command.usage)
            return 0
        }
        do {
            return try command.run(rest)
        } catch let error as UsageError {
            Terminal.error("\(error.description)\n\n\(command.usage)")
            return 2
        } catch let error as PipelineError {
            Terminal.error(error.description)
            switch error.kind {
            case .config: return 3
            case .input: return 4
            case .usage: return 2
            default: return 5
            }
        } catch {
            Terminal.error(String(describing: error))
            return 5
        }
    }

    static var overview: String {
        let width = commands.map(\.name.count).max() ?? 0
        let list = commands.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
        return """
            demand — turns the sales files vendors drop into landing/ into SKU-level demand forecasts.

            Usage: demand <command> [options]     (demand <command> --help for details)

            Commands:
            \(list.joined(separator: "\n"))

            Common options: --root DIR (default: current folder), --config FILE (default: ROOT/config/demand.json)
            """
    }
}

/// Output helpers: results on stdout, progress and errors on stderr.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// `progress` as a sendable closure for the pipeline's echo parameters.
    static let progressSink: @Sendable (String) -> Void = { progress($0) }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

/// Root and config resolution shared by the commands.
enum RootOptions {
    static let valueOptions: Set<String> = ["root", "config"]

    static func root(_ arguments: Arguments) -> String {
        let root = arguments.value("root") ?? FileManager.default.currentDirectoryPath
        return root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
    }

    static func config(_ arguments: Arguments, root: String) throws -> PipelineConfig {
        try ConfigLoader.load(path: arguments.value("config") ?? ConfigLoader.defaultPath(root: root))
    }
}
