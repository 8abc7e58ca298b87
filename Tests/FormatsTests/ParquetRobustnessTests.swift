import Foundation
import Testing
@testable import Formats

/// Corrupted and truncated files must produce a `FormatError`, never a crash or a hang.
@Suite struct ParquetRobustnessTests {
    /// A small deterministic generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let samples = [
        "data/alltypes_plain.parquet", "data/alltypes_dictionary.parquet", "data/datapage_v2_empty_datapage.snappy.parquet",
        "data/delta_length_byte_array.parquet", "data/delta_encoding_required_column.parquet", "data/byte_stream_split.zstd.parquet",
        "data/rle_boolean_encoding.parquet", "data/fixed_length_decimal.parquet", "data/nested_lists.snappy.parquet",
        "data/hadoop_lz4_compressed.parquet", "data/lz4_raw_compressed.parquet", "data/int96_from_spark.parquet",
        "matrix/pyarrow/pyarrow_d32_q32_n_snappy_dict_v2_rg100.parquet", "matrix/pyarrow/pyarrow_d32_q32_n_gzip_dict_v1_rg100.parquet",
    ]

    @Test func mutatedFilesFailCleanly() throws {
        var random = SplitMix(state: ProcessInfo.processInfo.environment["PARQUET_FUZZ_SEED"].flatMap { UInt64($0) } ?? 42)
        var errors = 0
        var reads = 0
        for sample in Self.samples {
            let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(ParquetFixtures.root)/\(sample)")))
            for round in 0..<(ProcessInfo.processInfo.environment["PARQUET_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 60) {
                var bytes = original
                switch round % 3 {
                case 0:
                    bytes.removeLast(Int.random(in: 1..<bytes.count, using: &random))
                case 1:
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                default:
                    // Corrupt the footer region, where lengths and offsets live.
                    let footer = max(0, bytes.count - 400)
                    for _ in 0..<Int.random(in: 1...3, using: &random) {
                        bytes[Int.random(in: footer..<(bytes.count - 8), using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                }
                do {
                    _ = try ParquetReader.read(bytes: bytes, path: sample, options: ReadOptions(memoryLimitBytes: 64 << 20))
                    reads += 1
                } catch let error as FormatError {
                    #expect(error.file == sample)
                    errors += 1
                }
            }
        }
        print("mutated parquet files: \(errors) clean errors, \(reads) still readable")
    }

    @Test func memoryLimitIsEnforced() throws {
        let path = "\(ParquetFixtures.root)/data/alltypes_tiny_pages_plain.parquet"
        #expect(throws: FormatError.self) { try ParquetReader.read(path: path, options: ReadOptions(memoryLimitBytes: 100_000)) }
    }

    @Test func encryptedAndNestedMessages() throws {
        do {
            _ = try ParquetReader.read(path: "\(ParquetFixtures.root)/data/uniform_encryption.parquet.encrypted")
            Issue.record("read an encrypted file")
        } catch let error as FormatError {
            #expect(error.message.contains("encrypted Parquet is not supported"))
        }
        do {
            _ = try ParquetReader.read(path: "\(ParquetFixtures.root)/data/nested_lists.snappy.parquet")
            Issue.record("read a nested file")
        } catch let error as FormatError {
            #expect(error.message.hasPrefix("unsupported: nested column"))
        }
    }

    @Test func notParquet() throws {
        #expect(throws: FormatError.self) { try ParquetReader.read(bytes: Array("hello, world".utf8), path: "x.parquet") }
        #expect(throws: FormatError.self) { try ParquetReader.read(bytes: Array("PAR1PAR1".utf8), path: "x.parquet") }
        #expect(throws: FormatError.self) { try ParquetReader.read(bytes: [], path: "x.parquet") }
    }
}
