import CZstd

/// Decompresses Zstandard frames through the system libzstd.
public enum ZstdDecoder {
    /// Decompresses every frame in `input`, which must produce exactly `expectedSize` bytes (at most `limit`).
    public static func decompress(_ input: ArraySlice<UInt8>, expectedSize: Int, limit: Int) throws(DecompressionError) -> [UInt8] {
        guard expectedSize >= 0, expectedSize <= limit else {
            throw DecompressionError(offset: 0, message: "zstd page declares \(expectedSize) bytes, more than the limit of \(limit)")
        }
        var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
        var failure: String?
        let produced: Int = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                let code = ZSTD_decompress(destination.baseAddress, expectedSize, source.baseAddress, source.count)
                if ZSTD_isError(code) != 0 {
                    failure = String(cString: ZSTD_getErrorName(code))
                    return 0
                }
                return Int(code)
            }
        }
        if let failure { throw DecompressionError(offset: 0, message: "zstd: \(failure)") }
        guard produced == expectedSize else {
            throw DecompressionError(offset: 0, message: "zstd produced \(produced) bytes but the page declares \(expectedSize)")
        }
        output.removeLast(output.count - expectedSize)
        return output
    }
}
