import Foundation
import Formats

extension BuildInfo {
    /// The running executable: its version, the git commit of the checkout it was built in, and its SHA-256.
    public static func current() -> BuildInfo {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let digest = (try? SHA256.hexDigest(ofFile: executable)) ?? "unknown"
        return BuildInfo(version: Pipeline.version, sourceRevision: sourceRevision(near: executable), executableSHA256: digest)
    }

    /// The commit checked out in the nearest git folder above `path` (`.build/…/demand` sits inside the checkout).
    static func sourceRevision(near path: String) -> String {
        var folder = (path as NSString).deletingLastPathComponent
        while folder.count > 1 {
            let git = "\(folder)/.git"
            if FileSystem.isDirectory(git), let revision = revision(gitFolder: git) { return revision }
            if FileSystem.exists(git), let pointer = try? FileSystem.readText(git), pointer.hasPrefix("gitdir:") {
                let target = pointer.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                if let revision = revision(gitFolder: target) { return revision }
            }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return "unknown"
    }

    private static func revision(gitFolder: String) -> String? {
        guard let head = try? FileSystem.readText("\(gitFolder)/HEAD").trimmingCharacters(in: .whitespacesAndNewlines) else {
            return nil
        }
        guard head.hasPrefix("ref: ") else { return head }
        let ref = String(head.dropFirst(5))
        let common = (try? FileSystem.readText("\(gitFolder)/commondir")).map {
            let relative = $0.trimmingCharacters(in: .whitespacesAndNewlines)
            return relative.hasPrefix("/") ? relative : "\(gitFolder)/\(relative)"
        } ?? gitFolder
        for folder in [gitFolder, common] {
            if let value = try? FileSystem.readText("\(folder)/\(ref)") {
                return value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let packed = try? FileSystem.readText("\(folder)/packed-refs") {
                for line in packed.split(separator: "\n") where line.hasSuffix(" \(ref)") {
                    return String(line.prefix(while: { $0 != " " }))
                }
            }
        }
        return nil
    }
}
