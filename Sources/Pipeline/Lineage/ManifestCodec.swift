import Foundation

/// Reads and writes `manifest.json`: pretty, sorted keys, one format version.
public enum ManifestCodec {
    /// The manifest as JSON text.
    public static func encode(_ manifest: Manifest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var text = String(decoding: try encoder.encode(Envelope(manifestVersion: Manifest.formatVersion, manifest: manifest)), as: UTF8.self)
        text += "\n"
        return text
    }

    /// Parses a manifest; `file` names it in errors.
    public static func decode(_ text: String, file: String) throws -> Manifest {
        do {
            let envelope = try JSONDecoder().decode(Envelope.self, from: Data(text.utf8))
            guard envelope.manifestVersion == Manifest.formatVersion else {
                throw PipelineError(.replay, "\(file): manifest version \(envelope.manifestVersion) is not supported (this build reads version \(Manifest.formatVersion))")
            }
            return envelope.manifest
        } catch let error as DecodingError {
            throw PipelineError(.replay, "\(file): not a readable manifest: \(ConfigLoader.describe(error, file: file).description)")
        }
    }

    private struct Envelope: Codable {
        var manifestVersion: Int
        var manifest: Manifest

        init(manifestVersion: Int, manifest: Manifest) {
            self.manifestVersion = manifestVersion
            self.manifest = manifest
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            manifestVersion = try container.decode(Int.self, forKey: AnyKey("manifestVersion"))
            manifest = try Manifest(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            try manifest.encode(to: encoder)
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(manifestVersion, forKey: AnyKey("manifestVersion"))
        }
    }
}
