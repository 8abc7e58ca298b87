import Foundation

/// `demand` — the DemandPlanner command line. Every subcommand prints its own `--help`.
let arguments = Array(CommandLine.arguments.dropFirst())
let exitCode = CommandRouter.run(arguments)
exit(exitCode)
