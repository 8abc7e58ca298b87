// Importing the C library module makes the compiler autolink libm, which the standard library's
// generic SIMD and rounding code calls into in unoptimised builds (fmaf, floorf, ...).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Namespace documenting that this module links the platform math library.
enum PlatformMath {}
