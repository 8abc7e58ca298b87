import Glibc
import Pipeline

/// A complete-looking file waiting in `landing/`, with the producer it belongs to (if any).
public struct LandingFile: Sendable, Equatable {
    /// Absolute path in landing.
    public var path: String
    /// The name the vendor gave it.
    public var name: String
    /// The producer by subfolder or filename pattern, or `nil` when nothing matches.
    public var producer: String?
}

/// Finds the files in `landing/` and its producer subfolders that are ready to claim.
///
/// Dot-files, temp names (`*.tmp`, `*.part`, `*.partial`, `*.filepart`, `*.crdownload`, `*~`),
/// symlinks and anything that is not a regular file are left alone.
public struct LandingScanner: Sendable {
    /// The landing folder.
    public let landing: String
    /// The producers of the config.
    public let producers: [PipelineConfig.Producer]

    /// Creates a scanner for a root's landing folder.
    public init(landing: String, producers: [PipelineConfig.Producer]) {
        self.landing = landing
        self.producers = producers
    }

    /// Every candidate file, sorted by producer folder then name.
    public func scan() throws -> [LandingFile] {
        var files: [LandingFile] = []
        for name in try FileSystem.list(landing) where !Self.isIgnored(name) {
            let path = "\(landing)/\(name)"
            if FileSystem.isDirectory(path) && !Self.isSymlink(path) {
                guard producers.contains(where: { $0.name == name }) else { continue }
                for inner in try FileSystem.list(path) where !Self.isIgnored(inner) && Self.isRegularFile("\(path)/\(inner)") {
                    files.append(LandingFile(path: "\(path)/\(inner)", name: inner, producer: name))
                }
            } else if Self.isRegularFile(path) {
                let producer = producers.first { $0.patterns.contains { Glob.matches($0, name) } }
                files.append(LandingFile(path: path, name: name, producer: producer?.name))
            }
        }
        return files
    }

    /// Whether a name is a dot-file or a temp name a transfer tool is still writing.
    public static func isIgnored(_ name: String) -> Bool {
        if name.hasPrefix(".") || name.hasSuffix("~") { return true }
        let lower = name.lowercased()
        return [".tmp", ".part", ".partial", ".filepart", ".crdownload", ".swp"].contains { lower.hasSuffix($0) }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}

