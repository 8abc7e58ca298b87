import Testing
@testable import Formats

@Suite struct InflateTests {
    @Test(arguments: [
        ("text.dynamic.deflate", "text.raw"),
        ("text.fixed.deflate", "text.raw"),
        ("text.stored.deflate", "text.raw"),
        ("text.multiblock.deflate", "text.raw"),
        ("binary.deflate", "binary.raw"),
        ("runs.deflate", "runs.raw"),
        ("runs.rle.deflate", "runs.raw"),
        ("empty.deflate", "empty.raw"),
    ])
    func decodesZlibOutput(compressed: String, expected: String) throws {
        let input = try BinaryFixtures.bytes("inflate/\(compressed)")
        let output = try Inflate.decompress(input, limit: 1 << 24)
        #expect(output == (try BinaryFixtures.bytes("inflate/\(expected)")))
    }

    @Test func reportsConsumedBytesAndIgnoresTrailingData() throws {
        let input = try BinaryFixtures.bytes("inflate/runs.deflate")
        let padded = input + [1, 2, 3]
        let result = try padded.withUnsafeBytes { try Inflate.decompress($0, limit: 1 << 20) }
        #expect(result.consumed == input.count)
        #expect(result.bytes == (try BinaryFixtures.bytes("inflate/runs.raw")))
    }

    @Test func handBuiltFixedBlock() throws {
        // "a" then a length-3 copy at distance 1: BFINAL=1, BTYPE=01, literal 'a' (0x61 -> 8-bit code 0x91),
        // length symbol 257 (7-bit code 1), distance symbol 0 (5-bit code 0), end of block (7-bit 0).
        var writer = BitWriter()
        writer.write(1, 1); writer.write(1, 2)
        writer.writeCode(0x30 + 0x61, length: 8)
        writer.writeCode(1, length: 7)
        writer.writeCode(0, length: 5)
        writer.writeCode(0, length: 7)
        #expect(try Inflate.decompress(writer.bytes, limit: 100) == Array("aaaa".utf8))
    }

    @Test func limitStopsZipBomb() throws {
        let bomb = try BinaryFixtures.bytes("inflate/zeros10m.deflate")
        #expect(throws: DecompressionError.self) { try Inflate.decompress(bomb, limit: 1_000_000) }
        let full = try Inflate.decompress(bomb, limit: 10_000_000)
        #expect(full.count == 10_000_000 && full.allSatisfy { $0 == 0 })
    }

    @Test func truncatedInputThrows() throws {
        let input = try BinaryFixtures.bytes("inflate/text.dynamic.deflate")
        for cut in [0, 1, 2, 10, input.count / 2, input.count - 1] {
            #expect(throws: DecompressionError.self) { try Inflate.decompress(Array(input[..<cut]), limit: 1 << 20) }
        }
        let stored = try BinaryFixtures.bytes("inflate/text.stored.deflate")
        #expect(throws: DecompressionError.self) { try Inflate.decompress(Array(stored[..<100]), limit: 1 << 20) }
    }

    @Test func maliciousInputThrows() throws {
        // Block type 3 is reserved.
        let reserved = try #require(catching { try Inflate.decompress([0x07], limit: 10) })
        #expect(reserved.message.contains("block type 3"))
        // Stored block whose NLEN is not the complement of LEN.
        let badStored = try #require(catching { try Inflate.decompress([0x01, 0x05, 0x00, 0x00, 0x00], limit: 10) })
        #expect(badStored.message.contains("one's complement"))
        // Fixed block starting with a copy at distance 1 before any literal.
        var writer = BitWriter()
        writer.write(1, 1); writer.write(1, 2)
        writer.writeCode(1, length: 7); writer.writeCode(0, length: 5)
        let farBack = try #require(catching { try Inflate.decompress(writer.bytes, limit: 10) })
        #expect(farBack.message.contains("before the start"))
        // Dynamic header whose code-length code is over-subscribed (all 19 lengths = 1).
        var dynamic = BitWriter()
        dynamic.write(1, 1); dynamic.write(2, 2)
        dynamic.write(0, 5); dynamic.write(0, 5); dynamic.write(15, 4)
        for _ in 0..<19 { dynamic.write(1, 3) }
        let over = try #require(catching { try Inflate.decompress(dynamic.bytes, limit: 10) })
        #expect(over.message.contains("over-subscribed"))
        // Random garbage must fail cleanly or decode within the limit — never crash or hang.
        var generator = SplitMix(seed: 7)
        for _ in 0..<300 {
            let garbage = (0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? Inflate.decompress(garbage, limit: 1 << 16)
        }
    }

    @Test func crc32KnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        var running = CRC32()
        running.update(Array("12345".utf8)); running.update(Array("6789".utf8))
        #expect(running.value == 0xCBF4_3926)
    }
}

@Suite struct GzipTests {
    @Test(arguments: [("text.gz", "text.raw"), ("two_members.gz", "two_members.raw"), ("flags.gz", "flags.raw")])
    func decodesGzipMembers(compressed: String, expected: String) throws {
        let output = try Gzip.decompress(try BinaryFixtures.bytes("inflate/\(compressed)"), limit: 1 << 24)
        #expect(output == (try BinaryFixtures.bytes("inflate/\(expected)")))
    }

    @Test func detectsCorruption() throws {
        var member = try BinaryFixtures.bytes("inflate/text.gz")
        member[member.count - 6] ^= 0xFF  // CRC trailer
        let crc = try #require(catching { try Gzip.decompress(member, limit: 1 << 24) })
        #expect(crc.message.contains("CRC-32 mismatch"))
        var flags = try BinaryFixtures.bytes("inflate/flags.gz")
        flags[12] ^= 1  // inside the extra field, covered by the header CRC-16
        let header = try #require(catching { try Gzip.decompress(flags, limit: 1 << 24) })
        #expect(header.message.contains("CRC-16"))
        let notGzip = try #require(catching { try Gzip.decompress(Array("PK\u{3}\u{4}xxxxxxxx".utf8), limit: 10) })
        #expect(notGzip.message.contains("1f 8b"))
        let cut = try BinaryFixtures.bytes("inflate/text.gz")
        #expect(throws: DecompressionError.self) { try Gzip.decompress(Array(cut.dropLast(4)), limit: 1 << 24) }
        #expect(throws: DecompressionError.self) { try Gzip.decompress(cut, limit: 1000) }
    }
}

/// Runs `body` and returns the `DecompressionError` it throws, or `nil` when it succeeds.
func catching(_ body: () throws -> [UInt8]) -> DecompressionError? {
    do { _ = try body(); return nil } catch { return error as? DecompressionError }
}

/// Packs bits least-significant first, as deflate does; Huffman codes go most-significant bit first.
struct BitWriter {
    var bytes: [UInt8] = []
    var used = 0

    mutating func write(_ value: Int, _ count: Int) {
        for bit in 0..<count {
            if used % 8 == 0 { bytes.append(0) }
            if (value >> bit) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (used % 8)) }
            used += 1
        }
    }

    mutating func writeCode(_ code: Int, length: Int) {
        for bit in stride(from: length - 1, through: 0, by: -1) { write((code >> bit) & 1, 1) }
    }
}

/// A tiny deterministic random generator for fuzz-style tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
