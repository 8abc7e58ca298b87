import Foundation
import Testing
@testable import Formats

/// Builds small zip archives byte by byte so that each container quirk can be tested on its own.
struct ZipBuilder {
    struct Item {
        var name: String
        var stored: [UInt8]      // bytes as they go into the archive
        var plain: [UInt8]       // bytes after decompression
        var method: UInt16
        var flags: UInt16 = 0
    }

    var items: [Item] = []
    var zip64 = false            // Zip64 central-directory extras + Zip64 end record and locator
    var dataDescriptors = false  // zero CRC/sizes in local headers, real ones after the data
    var comment: [UInt8] = []

    mutating func addStored(_ name: String, _ bytes: [UInt8]) {
        items.append(Item(name: name, stored: bytes, plain: bytes, method: 0))
    }

    mutating func addDeflated(_ name: String, compressed: [UInt8], plain: [UInt8]) {
        items.append(Item(name: name, stored: compressed, plain: plain, method: 8))
    }

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for item in items {
            let offset = out.count
            let crc = CRC32.checksum(item.plain)
            let name = Array(item.name.utf8)
            let flags = item.flags | (dataDescriptors ? 8 : 0)
            out += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(item.method) + le16(0) + le16(0)
            if dataDescriptors {
                out += le32(0) + le32(0) + le32(0)
            } else {
                out += le32(crc) + le32(UInt32(item.stored.count)) + le32(UInt32(item.plain.count))
            }
            out += le16(UInt16(name.count)) + le16(0) + name + item.stored
            if dataDescriptors {
                out += le32(0x0807_4B50) + le32(crc) + le32(UInt32(item.stored.count)) + le32(UInt32(item.plain.count))
            }
            var extra: [UInt8] = []
            if zip64 {
                extra = le16(1) + le16(24) + le64(UInt64(item.plain.count)) + le64(UInt64(item.stored.count)) + le64(UInt64(offset))
            }
            central += le32(0x0201_4B50) + le16(45) + le16(20) + le16(flags) + le16(item.method) + le16(0) + le16(0) + le32(crc)
            central += zip64 ? le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) : le32(UInt32(item.stored.count)) + le32(UInt32(item.plain.count))
            central += le16(UInt16(name.count)) + le16(UInt16(extra.count)) + le16(0) + le16(0) + le16(0) + le32(0)
            central += zip64 ? le32(0xFFFF_FFFF) : le32(UInt32(offset))
            central += name + extra
        }
        let centralOffset = out.count
        out += central
        if zip64 {
            let recordOffset = out.count
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(UInt64(items.count)) + le64(UInt64(items.count)) + le64(UInt64(central.count)) + le64(UInt64(centralOffset))
            out += le32(0x0706_4B50) + le32(0) + le64(UInt64(recordOffset)) + le32(1)
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF) + le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF)
        } else {
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(items.count)) + le16(UInt16(items.count))
            out += le32(UInt32(central.count)) + le32(UInt32(centralOffset))
        }
        return out + le16(UInt16(comment.count)) + comment
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
    private func le64(_ value: UInt64) -> [UInt8] { le32(UInt32(value & 0xFFFF_FFFF)) + le32(UInt32(value >> 32)) }
}

@Suite struct ZipArchiveTests {
    func sampleBuilder() throws -> ZipBuilder {
        var builder = ZipBuilder()
        builder.addStored("[Content_Types].xml", Array("<Types/>".utf8))
        builder.addStored("xl/", [])
        builder.addDeflated("xl/text.txt", compressed: try BinaryFixtures.bytes("inflate/text.dynamic.deflate"),
                            plain: try BinaryFixtures.bytes("inflate/text.raw"))
        return builder
    }

    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch let error as FormatError { return error.message } catch { return "\(error)" }
    }

    @Test(arguments: [(false, false, 0), (true, false, 0), (false, true, 0), (true, true, 100)])
    func readsEntries(zip64: Bool, dataDescriptors: Bool, commentLength: Int) throws {
        var builder = try sampleBuilder()
        builder.zip64 = zip64
        builder.dataDescriptors = dataDescriptors
        builder.comment = [UInt8](repeating: UInt8(ascii: "c"), count: commentLength)
        let archive = try ZipArchive(bytes: builder.build(), name: "test.zip")
        #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "xl/", "xl/text.txt"])
        #expect(archive.entries[1].isDirectory)
        #expect(try archive.data(named: "[Content_Types].xml") == Array("<Types/>".utf8))
        #expect(try archive.data(named: "xl/text.txt") == (try BinaryFixtures.bytes("inflate/text.raw")))
        #expect(archive.entry(named: "/XL/Text.txt")?.name == "xl/text.txt")
        #expect(archive.entry(named: "missing") == nil)
    }

    @Test func enforcesEntryLimit() throws {
        let archive = try ZipArchive(bytes: try sampleBuilder().build(), name: "test.zip")
        #expect(message { try archive.data(named: "xl/text.txt", limit: 1000) }.contains("above the limit of 1000 bytes"))
    }

    @Test func lyingDeclaredSizeStillStopsAtLimit() throws {
        // The central directory claims 100 bytes, but the stream inflates to 10 MB: stop at the declared size.
        var builder = ZipBuilder()
        builder.addDeflated("bomb.bin", compressed: try BinaryFixtures.bytes("inflate/zeros10m.deflate"), plain: [UInt8](repeating: 0, count: 100))
        let archive = try ZipArchive(bytes: builder.build(), name: "bomb.zip")
        #expect(message { try archive.data(named: "bomb.bin") }.contains("exceeds the limit of 100 bytes"))
    }

    @Test func detectsCorruption() throws {
        let good = try sampleBuilder().build()
        // CRC mismatch: flip one byte of the stored [Content_Types].xml data (starts after its 30+19-byte header).
        var flipped = good
        flipped[30 + 19] ^= 0x20
        let archive = try ZipArchive(bytes: flipped, name: "crc.zip")
        #expect(message { try archive.data(named: "[Content_Types].xml") }.contains("CRC-32 mismatch"))
        // Not a zip at all.
        #expect(message { try ZipArchive(bytes: Array("name,qty\nA,1\n".utf8) + [UInt8](repeating: 32, count: 30), name: "x.csv") }
            .contains("not a zip archive"))
        #expect(message { try ZipArchive(bytes: [1, 2, 3], name: "tiny") }.contains("too short"))
        // Cut short in a download (a workbook's first 3 MB): a zip start without its end.
        let cutShort = message { try ZipArchive(bytes: Array(good[..<(good.count - 30)]), name: "cut.xlsx") }
        #expect(cutShort.contains("truncated: the file starts as a zip archive but its end"), "\(cutShort)")
        // Truncated: the central directory offset now points past the end.
        let truncated = Array(good[..<40]) + Array(good[(good.count - 22)...])
        #expect(message { try ZipArchive(bytes: truncated, name: "cut.zip") }.contains("runs past the end"))
        // Unsupported method and encryption.
        var builder = ZipBuilder()
        builder.items.append(.init(name: "a.bz2", stored: [1, 2, 3], plain: [1, 2, 3], method: 12))
        builder.items.append(.init(name: "secret", stored: [1], plain: [1], method: 0, flags: 1))
        let odd = try ZipArchive(bytes: builder.build(), name: "odd.zip")
        #expect(message { try odd.data(named: "a.bz2") }.contains("compression method 12"))
        #expect(message { try odd.data(named: "secret") }.contains("encrypted"))
        #expect(message { try odd.data(named: "nope") }.contains("no entry named 'nope'"))
    }

    @Test func localHeaderOffsetOutOfRange() throws {
        var bytes = try sampleBuilder().build()
        // Point the first central-directory entry's local header offset far outside the file.
        let central = Int(bytes[bytes.count - 6]) | Int(bytes[bytes.count - 5]) << 8
        var far = bytes
        far[central + 42] = 0xF0; far[central + 43] = 0xFF; far[central + 44] = 0x00; far[central + 45] = 0x00
        #expect(message { try ZipArchive(bytes: far, name: "offset.zip") }.contains("beyond the"))
        // An offset inside the file that does not hold a local header.
        bytes[central + 42] = 5
        let archive = try ZipArchive(bytes: bytes, name: "offset.zip")
        #expect(message { try archive.data(named: "[Content_Types].xml") }.contains("no local file header signature"))
        // Within the last 30 bytes: too close to the end for a header.
        bytes[central + 42] = UInt8((bytes.count - 10) & 0xFF); bytes[central + 43] = UInt8((bytes.count - 10) >> 8)
        let late = try ZipArchive(bytes: bytes, name: "offset.zip")
        #expect(message { try late.data(named: "[Content_Types].xml") }.contains("outside"))
    }

    @Test func missingFileIsAFormatError() {
        #expect(message { try ZipArchive(path: "/nonexistent/book.xlsx") }.contains("cannot open"))
    }
}
