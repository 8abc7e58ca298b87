import Foundation

/// Reads `config/demand.json`, turning every decoding problem into an error that names the JSON path.
public enum ConfigLoader {
    /// The default config path under a root.
    public static func defaultPath(root: String) -> String { "\(root)/config/demand.json" }

    /// Loads and validates a config file.
    public static func load(path: String) throws -> PipelineConfig {
        guard FileSystem.exists(path) else {
            throw PipelineError(.config, "\(path): no such config file (pass --config FILE or create config/demand.json under the root)")
        }
        return try decode(FileSystem.read(path), file: path)
    }

    /// Decodes config JSON text; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> PipelineConfig {
        do {
            return try JSONDecoder().decode(PipelineConfig.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw PipelineError(.config, "\(file): \(error)")
        }
    }

    /// The canonical JSON of a resolved config: defaults filled, keys sorted, stable number formatting.
    public static func canonicalJSON(_ config: PipelineConfig) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(config), as: UTF8.self)
    }

    static func describe(_ error: DecodingError, file: String) -> PipelineError {
        switch error {
        case .typeMismatch(let type, let context):
            return .config(file: file, jsonPath: jsonPath(context.codingPath), message: "expected \(typeName(type))\(foundKind(context.debugDescription))")
        case .valueNotFound(let type, let context):
            return .config(file: file, jsonPath: jsonPath(context.codingPath), message: "expected \(typeName(type)), found null")
        case .keyNotFound(let key, let context):
            return .config(file: file, jsonPath: jsonPath(context.codingPath + [key]), message: "required key '\(key.stringValue)' is missing")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let reason = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return .config(file: file, jsonPath: "$", message: "not valid JSON: \(reason ?? context.debugDescription)")
            }
            return .config(file: file, jsonPath: jsonPath(context.codingPath), message: context.debugDescription)
        @unknown default:
            return PipelineError(.config, "\(file): \(error)")
        }
    }

    /// `$.producers[0].columns.sku` from a coding path.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        path.reduce("$") { text, key in
            if let index = key.intValue { return "\(text)[\(index)]" }
            return "\(text).\(key.stringValue)"
        }
    }

    /// ", found a string" from Foundation's "Expected to decode Int but found a string instead."
    private static func foundKind(_ debugDescription: String) -> String {
        guard let range = debugDescription.range(of: "found ") else { return "" }
        let rest = debugDescription[range.upperBound...].replacingOccurrences(of: " instead.", with: "")
        return ", found \(rest)"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object (\(name.split(separator: ".").last ?? Substring(name)))"
        }
    }
}
