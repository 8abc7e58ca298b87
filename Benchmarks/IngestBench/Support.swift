#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock seconds from `CLOCK_MONOTONIC`.
enum Clock {
    /// Seconds since an arbitrary start.
    static var now: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// The process's peak resident set, from `/proc/self/status`.
enum PeakMemory {
    /// `VmHWM` in MiB, or -1 when it cannot be read.
    static func megabytes() -> Double {
        guard let file = fopen("/proc/self/status", "r") else { return -1 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") {
                let kilobytes = text.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) } ?? -1
                return kilobytes < 0 ? -1 : kilobytes / 1024
            }
        }
        return -1
    }
}

/// Writes to standard error.
enum FileHandleOutput {
    /// Prints `text` and a newline to standard error.
    static func error(_ text: String) {
        let line = Array((text + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
