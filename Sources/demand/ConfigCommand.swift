import Pipeline

/// `demand config check [FILE]`: validate a config file and print the resolved form.
enum ConfigCommand {
    static let command = Command(
        name: "config", summary: "validate a config file (config check [FILE] [--print])",
        usage: """
            Usage: demand config check [FILE] [--root DIR] [--print]

            Validates FILE (default ROOT/config/demand.json): unknown keys, wrong types and values out
            of range are reported with their JSON path, e.g. $.producers[0].columns.sku.
              --print   also print the resolved configuration (defaults filled in) as JSON
            """,
        run: run)

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, valueOptions: ["root"], flagOptions: ["print"])
        guard arguments.positionals.first == "check", arguments.positionals.count <= 2 else {
            throw UsageError("expected 'demand config check [FILE]'")
        }
        let path = arguments.positionals.count == 2 ? arguments.positionals[1] : ConfigLoader.defaultPath(root: RootOptions.root(arguments))
        let config = try ConfigLoader.load(path: path)
        if arguments.flags.contains("print") { print(try ConfigLoader.canonicalJSON(config)) }
        print("\(path): valid (\(config.producers.count) producer(s): \(config.producers.map(\.name).joined(separator: ", ")))")
        return 0
    }
}
