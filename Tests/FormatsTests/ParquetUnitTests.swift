import Foundation
import Testing
@testable import Formats

/// Unit tests of the building blocks: Thrift compact protocol, Snappy, RLE hybrid, delta and other decoders.
@Suite struct ParquetUnitTests {
    // MARK: Thrift

    @Test func thriftRoundTripAndSkipping() throws {
        var writer = ThriftCompactWriter()
        writer.writeI32Field(1, -5)
        writer.writeStringField(2, "héllo")
        writer.writeBoolField(3, true)
        writer.writeI64Field(20, Int64.min)
        writer.writeStructField(21) { nested in
            nested.writeBoolField(1, false)
            nested.writeFieldHeader(2, .list)
            nested.writeListHeader(.i32, count: 20)
            for value in 0..<20 { nested.writeZigzag(Int64(value)) }
        }
        writer.writeFieldHeader(22, .double)
        writer.writeVarint(0)  // placeholder replaced below
        writer.endStruct()
        var bytes = writer.bytes
        // Replace the placeholder varint (1 byte) with an 8-byte double 2.5.
        let placeholder = bytes.count - 2
        bytes.replaceSubrange(placeholder..<(placeholder + 1), with: withUnsafeBytes(of: (2.5).bitPattern.littleEndian, Array.init))

        var reader = ThriftCompactReader(bytes: bytes)
        var seen: [Int16] = []
        var values: (Int32, String, Bool, Int64, Double) = (0, "", false, 0, 0)
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            seen.append(id)
            switch id {
            case 1: values.0 = try reader.readI32()
            case 2: values.1 = try reader.readString()
            case 3: values.2 = try reader.readBool()
            case 20: values.3 = try reader.readI64()
            case 22: values.4 = try reader.readDouble()
            default: try reader.skip(type)
            }
        }
        #expect(seen == [1, 2, 3, 20, 21, 22])
        #expect(values.0 == -5 && values.1 == "héllo" && values.2 && values.3 == Int64.min && values.4 == 2.5)
        #expect(reader.remaining == 0)
    }

    @Test func thriftRejectsBadInput() {
        // A binary whose length exceeds the buffer.
        var reader = ThriftCompactReader(bytes: [0x18, 0xFF, 0x01, 0x41])
        #expect(throws: ThriftError.self) { try reader.readStruct { (r: inout ThriftCompactReader, _: Int16, t: ThriftType) throws(ThriftError) in try r.skip(t) } }
        // Structs nested deeper than the limit.
        let deep = [UInt8](repeating: 0x1C, count: 200) + [UInt8](repeating: 0, count: 201)
        var deepReader = ThriftCompactReader(bytes: deep)
        #expect(throws: ThriftError.self) { try deepReader.skip(.structure) }
        // A list claiming more elements than bytes.
        var listReader = ThriftCompactReader(bytes: [0xF5, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(throws: ThriftError.self) { try listReader.readListHeader() }
        // Truncated varint.
        var truncated = ThriftCompactReader(bytes: [0x15, 0x80])
        #expect(throws: ThriftError.self) { try truncated.readStruct { (r: inout ThriftCompactReader, _: Int16, t: ThriftType) throws(ThriftError) in try r.skip(t) } }
    }

    @Test func thriftSkipsMapsAndLongFieldDeltas() throws {
        // struct { 1: map<i32,string> {1: "a"}, 100: i32 7 }
        let bytes: [UInt8] = [0x1B, 0x01, 0x58, 0x02, 0x01, 0x61, 0x05, 0xC8, 0x01, 0x0E, 0x00]
        var reader = ThriftCompactReader(bytes: bytes)
        var found: Int32?
        try reader.readStruct { (reader: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(ThriftError) in
            if id == 100 { found = try reader.readI32() } else { try reader.skip(type) }
        }
        #expect(found == 7)
    }

    // MARK: Snappy

    @Test func snappyDecodesLiteralsAndCopies() throws {
        // Length 11: literal "abc", copy length 8 offset 3 (1-byte-offset form).
        let block: [UInt8] = [11, 0x08, 0x61, 0x62, 0x63, 0x01 | (4 << 2), 0x03]
        #expect(try SnappyDecoder.decompress(block[...], limit: 100) == Array("abcabcabcab".utf8))
        // Copy with a 2-byte offset.
        let block2: [UInt8] = [6, 0x04, 0x78, 0x79, 0x02 | (3 << 2), 0x02, 0x00]
        #expect(try SnappyDecoder.decompress(block2[...], limit: 100) == Array("xyxyxy".utf8))
    }

    @Test func snappyRejectsCorruptBlocks() {
        #expect(throws: DecompressionError.self) { try SnappyDecoder.decompress([5, 0x01 | (1 << 2), 0x05][...], limit: 100) }
        #expect(throws: DecompressionError.self) { try SnappyDecoder.decompress([10, 0x08, 0x61][...], limit: 100) }
        #expect(throws: DecompressionError.self) { try SnappyDecoder.decompress([0xFF, 0xFF, 0xFF, 0x7F][...], limit: 1000) }
        #expect(throws: DecompressionError.self) { try SnappyDecoder.decompress([3, 0x08, 0x61, 0x62, 0x63, 0x64][...], limit: 100) }
    }

    @Test func snappyRoundTrip() throws {
        var random = ParquetRobustnessTests.SplitMix(state: 1)
        let texts: [[UInt8]] = [
            [], Array("a".utf8), Array(String(repeating: "hello parquet ", count: 5000).utf8),
            (0..<200_000).map { _ in UInt8.random(in: 0...3, using: &random) },
            (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) },
        ]
        for input in texts {
            let compressed = SnappyEncoder.compress(input)
            #expect(try SnappyDecoder.decompress(compressed[...], limit: input.count) == input)
        }
        #expect(SnappyEncoder.compress(Array(String(repeating: "abcd", count: 10_000).utf8)).count < 2_000)
    }

    // MARK: RLE hybrid

    @Test func rleHybridDecodesRunsAndPackedGroups() throws {
        // RLE run of 5 x value 3 (bit width 2), then one bit-packed group of 8 values 0...7 (bit width 3).
        #expect(try RLEHybridDecoder.decode([0x0A, 0x03], bitWidth: 2, count: 5) == [3, 3, 3, 3, 3])
        let packed: [UInt8] = [0x03, 0x88, 0xC6, 0xFA]
        #expect(try RLEHybridDecoder.decode(packed, bitWidth: 3, count: 8) == [0, 1, 2, 3, 4, 5, 6, 7])
        // Fewer values wanted than the group holds.
        #expect(try RLEHybridDecoder.decode(packed, bitWidth: 3, count: 5) == [0, 1, 2, 3, 4])
        // Bit width 0: all zeros.
        #expect(try RLEHybridDecoder.decode([0x08], bitWidth: 0, count: 4) == [0, 0, 0, 0])
        #expect(throws: ParquetDataError.self) { try RLEHybridDecoder.decode([0x0A, 0x03], bitWidth: 2, count: 6) }
        #expect(throws: ParquetDataError.self) { try RLEHybridDecoder.decode([0x07, 0x88], bitWidth: 3, count: 24) }
    }

    @Test func rleHybridRoundTrip() throws {
        var random = ParquetRobustnessTests.SplitMix(state: 9)
        for bitWidth in [1, 3, 8, 13, 20] {
            let limit = UInt32((1 << bitWidth) - 1)
            var values: [UInt32] = []
            while values.count < 3_000 {
                let value = UInt32.random(in: 0...limit, using: &random)
                values += repeatElement(value, count: Bool.random(using: &random) ? Int.random(in: 1...40, using: &random) : 1)
            }
            let encoded = RLEHybridEncoder.encode(values, bitWidth: bitWidth)
            let decoded = try RLEHybridDecoder.decode(encoded, bitWidth: bitWidth, count: values.count)
            #expect(decoded == values.map(UInt64.init))
        }
    }

    // MARK: Delta encodings

    /// DELTA_BINARY_PACKED with block 128, 4 miniblocks of 32: values 1...5 → deltas all 1, min delta 1, bit width 0.
    @Test func deltaBinaryPackedSmall() throws {
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        let (values, next) = try DeltaBinaryPackedDecoder.decode(bytes, maximumCount: 5)
        #expect(values == [1, 2, 3, 4, 5])
        #expect(next == bytes.count)
    }

    @Test func deltaBinaryPackedWithWidths() throws {
        // First value 7, then deltas -2, +3 (min delta -2, packed 0 and 5 at width 3), block 128 / 4 miniblocks of 32.
        var bytes: [UInt8] = [0x80, 0x01, 0x04, 0x03, 0x0E, 0x03, 0x03, 0x00, 0x00, 0x00]
        bytes += [0x28] + [UInt8](repeating: 0, count: 11)  // 32 values x 3 bits = 12 bytes: 0, 5, 0...
        let (values, next) = try DeltaBinaryPackedDecoder.decode(bytes, maximumCount: 3)
        #expect(values == [7, 5, 8])
        #expect(next == bytes.count)
        #expect(throws: ParquetDataError.self) { try DeltaBinaryPackedDecoder.decode(bytes, maximumCount: 2) }
        #expect(throws: ParquetDataError.self) { try DeltaBinaryPackedDecoder.decode(Array(bytes.prefix(12)), maximumCount: 3) }
    }

    @Test func deltaByteArrays() throws {
        // Lengths [3, 2] via DELTA_BINARY_PACKED (first 3, delta -1, min delta -1, width 0), then "abcde".
        let lengths: [UInt8] = [0x80, 0x01, 0x04, 0x02, 0x06, 0x01, 0x00, 0x00, 0x00, 0x00]
        let dlba = lengths + Array("abcde".utf8)
        let (values, _) = try DeltaByteArrayDecoder.decodeLengths(dlba, count: 2)
        #expect(values == [Array("abc".utf8), Array("de".utf8)])
        // DELTA_BYTE_ARRAY: prefixes [0, 2] (first 0, delta 2, width 0), suffixes "abc", "de" → "abc", "abde".
        let prefixes: [UInt8] = [0x80, 0x01, 0x04, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]
        #expect(try DeltaByteArrayDecoder.decode(prefixes + dlba, count: 2) == [Array("abc".utf8), Array("abde".utf8)])
        let badPrefix: [UInt8] = [0x80, 0x01, 0x04, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00]
        #expect(throws: ParquetDataError.self) { try DeltaByteArrayDecoder.decode(badPrefix + dlba, count: 2) }
    }

    // MARK: PLAIN, BYTE_STREAM_SPLIT, decimals, INT96

    @Test func plainAndByteStreamSplit() throws {
        #expect(try PlainDecoder.decode([0b0000_0101], type: .boolean, count: 3) == .boolean([true, false, true]))
        #expect(try PlainDecoder.decode([1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], type: .int32, count: 2) == .int32([1, -1]))
        #expect(try PlainDecoder.decode([2, 0, 0, 0, 0x68, 0x69], type: .byteArray, count: 1) == .bytes([Array("hi".utf8)]))
        #expect(throws: ParquetDataError.self) { try PlainDecoder.decode([9, 0, 0, 0, 0x68], type: .byteArray, count: 1) }
        #expect(throws: ParquetDataError.self) { try PlainDecoder.decode([1, 2, 3], type: .int64, count: 1) }
        // Two floats 1.0 (0x3F800000) and 2.0 (0x40000000) split into 4 streams.
        let split: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3F, 0x40]
        #expect(try ByteStreamSplitDecoder.decode(split, type: .float, count: 2) == .float([1, 2]))
    }

    @Test func decimalText() {
        #expect(DecimalText.text(12345, scale: 2) == "123.45")
        #expect(DecimalText.text(-5, scale: 3) == "-0.005")
        #expect(DecimalText.text(0, scale: 2) == "0.00")
        #expect(DecimalText.text(42, scale: 0) == "42")
        #expect(DecimalText.text(bigEndian: [0xFF, 0xFF, 0xFF, 0xFE], scale: 1) == "-0.2")
        #expect(DecimalText.text(bigEndian: [0x00, 0x00, 0x04, 0xD2], scale: 2) == "12.34")
        // 2^100 = 1267650600228229401496703205376.
        var big = [UInt8](repeating: 0, count: 14)
        big[1] = 0x10
        #expect(DecimalText.text(bigEndian: big, scale: 5) == "12676506002282294014967032.05376")
        #expect(DecimalText.text(bigEndian: [0x80] + [UInt8](repeating: 0, count: 15), scale: 0) == "-170141183460469231731687303715884105728")
    }

    @Test func int96ToMicroseconds() {
        // 2009-01-01 is Julian day 2454833; one minute past midnight.
        let value = ParquetInt96(nanosOfDay: 60_000_000_000, julianDay: 2_454_833)
        #expect(DateParsing.isoString(timestamp: value.microsecondsSinceEpoch, unit: .microseconds) == "2009-01-01T00:01:00.000000")
    }

    @Test func lz4RawBlock() throws {
        // Literal "abcd", then match offset 4 length 4+4, then the final literal "z".
        let block: [UInt8] = [0x44, 0x61, 0x62, 0x63, 0x64, 0x04, 0x00, 0x10, 0x7A]
        #expect(try LZ4BlockDecoder.decompress(block[...], expectedSize: 13) == Array("abcdabcdabcdz".utf8))
        #expect(throws: DecompressionError.self) { try LZ4BlockDecoder.decompress([0x40, 0x61, 0x09, 0x00][...], expectedSize: 10) }
    }
}
