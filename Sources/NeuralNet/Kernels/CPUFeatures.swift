#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Instruction-set extensions detected at run time, used to pick GEMM kernels.
enum CPUFeatures {
    /// `true` when the CPU and OS support AVX-512F (the kernel lists `avx512f` only when it saves
    /// the 512-bit state) and `NEURALNET_PORTABLE_KERNEL` is not set.
    static let avx512: Bool = {
        if getenv("NEURALNET_PORTABLE_KERNEL") != nil { return false }
        #if arch(x86_64) && os(Linux)
        return cpuFlags().contains("avx512f")
        #else
        return false
        #endif
    }()

    /// The `flags` of the first processor in `/proc/cpuinfo` (empty when unreadable).
    static func cpuFlags() -> Set<Substring> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            guard let colon = text.firstIndex(of: ":") else { return [] }
            return Set(text[text.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }))
        }
        return []
    }
}
