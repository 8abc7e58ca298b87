/// A parsed command line: positional words and `--name value` / `--flag` options.
///
/// Options are declared per command so a misspelt one is an error that lists the valid ones.
struct Arguments {
    /// Positional words in order.
    var positionals: [String] = []
    /// Option values by name (without dashes); repeated options keep every value.
    var options: [String: [String]] = [:]
    /// Flags that were given.
    var flags: Set<String> = []

    /// Parses `words` against the declared value options and flags of a command.
    init(_ words: [String], valueOptions: Set<String>, flagOptions: Set<String>, multiValue: Set<String> = []) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagOptions.contains(name) {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
            } else if valueOptions.contains(name) {
                if let inlineValue {
                    options[name, default: []].append(inlineValue)
                } else {
                    guard index < words.count, !words[index].hasPrefix("--") else {
                        throw UsageError("--\(name) needs a value")
                    }
                    options[name, default: []].append(words[index])
                    index += 1
                    if multiValue.contains(name) {
                        while index < words.count, !words[index].hasPrefix("--") {
                            options[name, default: []].append(words[index])
                            index += 1
                        }
                    }
                }
            } else {
                let known = (valueOptions.union(flagOptions)).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw UsageError("unknown option --\(name); this command accepts: \(known.isEmpty ? "none" : known)")
            }
        }
    }

    /// The last value of an option, if given.
    func value(_ name: String) -> String? { options[name]?.last }

    /// An integer option, with a default.
    func integer(_ name: String, default fallback: Int) throws -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text) else { throw UsageError("--\(name) expects a whole number, got '\(text)'") }
        return number
    }
}

/// A command line that cannot be run as typed; printed with the command's usage, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
