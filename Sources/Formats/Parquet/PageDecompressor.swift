/// Turns a stored page body into its uncompressed bytes with the chunk's codec.
enum PageDecompressor {
    /// Decompresses `bytes[range]` with `codec` into exactly `uncompressedSize` bytes (at most `limit`).
    static func decompress(
        _ bytes: [UInt8], _ range: Range<Int>, codec: ParquetCompression, uncompressedSize: Int, limit: Int
    ) throws(ParquetDataError) -> [UInt8] {
        guard uncompressedSize >= 0 else { throw ParquetDataError("negative uncompressed page size \(uncompressedSize)") }
        guard uncompressedSize <= limit else {
            throw ParquetDataError("page declares \(uncompressedSize) uncompressed bytes, more than the memory limit of \(limit)")
        }
        let input = bytes[range]
        let output: [UInt8]
        do {
            switch codec {
            case .uncompressed:
                output = Array(input)
            case .snappy:
                output = try SnappyDecoder.decompress(input, limit: uncompressedSize)
            case .gzip:
                output = try Gzip.decompress(Array(input), limit: uncompressedSize)
            case .zstd:
                output = try ZstdDecoder.decompress(input, expectedSize: uncompressedSize, limit: limit)
            case .lz4Raw:
                output = try LZ4BlockDecoder.decompress(input, expectedSize: uncompressedSize)
            case .lz4:
                output = try LZ4BlockDecoder.decompressHadoopOrRaw(input, expectedSize: uncompressedSize)
            case .lzo, .brotli:
                throw ParquetDataError("unsupported compression codec \(codec)")
            }
        } catch let error as DecompressionError {
            throw ParquetDataError("\(codec) page could not be decompressed: \(error.description)")
        } catch let error as ParquetDataError {
            throw error
        } catch {
            throw ParquetDataError("\(codec) page could not be decompressed: \(error)")
        }
        guard output.count == uncompressedSize else {
            throw ParquetDataError("\(codec) page decompressed to \(output.count) bytes but the header declares \(uncompressedSize)")
        }
        return output
    }
}
