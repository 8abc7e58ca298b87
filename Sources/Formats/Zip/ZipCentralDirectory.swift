/// Locating and parsing a zip archive's end records and central directory.
enum ZipCentralDirectory {
    /// Where the central directory is and how many entries it holds.
    struct Location {
        /// Offset of the first central-directory entry.
        var offset: Int
        /// Size of the central directory in bytes.
        var size: Int
        /// Number of entries the end record declares.
        var entryCount: Int
    }

    /// `PK\u{5}\u{6}`: end of central directory record.
    static let endSignature: UInt32 = 0x0605_4B50
    /// `PK\u{6}\u{7}`: Zip64 end of central directory locator.
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    /// `PK\u{6}\u{6}`: Zip64 end of central directory record.
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    /// `PK\u{1}\u{2}`: central directory file header.
    static let entrySignature: UInt32 = 0x0201_4B50

    /// Finds the end-of-central-directory record (and its Zip64 form when present).
    static func locate(in bytes: [UInt8], name: String) throws -> Location {
        func failure(_ message: String) -> FormatError { FormatError(file: name, message: message) }
        guard bytes.count >= 22 else {
            throw failure("file is \(bytes.count) bytes, too short for a zip archive (at least 22 expected); not an .xlsx/zip file")
        }
        // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var found: Int?
        while candidate >= lowest {
            if bytes[candidate] == 0x50, bytes.uint32LE(at: candidate) == endSignature,
               candidate + 22 + Int(bytes.uint16LE(at: candidate + 20)) <= bytes.count {
                found = candidate
                break
            }
            candidate -= 1
        }
        guard let end = found else {
            if bytes.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
                throw failure("truncated: the file starts as a zip archive but its end (the end-of-central-directory record) is missing; "
                              + "it was cut short in a copy or download, ask for the whole file")
            }
            let magic = bytes.prefix(4).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined(separator: " ")
            throw failure("no end-of-central-directory record; not a zip archive (starts with \(magic), expected 50 4b 03 04)")
        }
        var location = Location(
            offset: Int(bytes.uint32LE(at: end + 16)),
            size: Int(bytes.uint32LE(at: end + 12)),
            entryCount: Int(bytes.uint16LE(at: end + 10)))
        // A Zip64 locator sits immediately before the classic record.
        if end >= 20, bytes.uint32LE(at: end - 20) == zip64LocatorSignature {
            let recordOffset64 = bytes.uint64LE(at: end - 12)
            guard bytes.count >= 56, recordOffset64 <= UInt64(bytes.count - 56) else {
                throw failure("Zip64 end record offset \(recordOffset64) lies outside the \(bytes.count)-byte file")
            }
            let record = Int(recordOffset64)
            guard bytes.uint32LE(at: record) == zip64EndSignature else {
                throw failure("no Zip64 end-of-central-directory signature (50 4b 06 06) at offset \(record) named by the locator")
            }
            let count64 = bytes.uint64LE(at: record + 32)
            let size64 = bytes.uint64LE(at: record + 40)
            let offset64 = bytes.uint64LE(at: record + 48)
            guard count64 <= UInt64(bytes.count), size64 <= UInt64(bytes.count), offset64 <= UInt64(bytes.count) else {
                throw failure("Zip64 end record declares a central directory (\(count64) entries, \(size64) bytes at \(offset64)) larger than the file")
            }
            location = Location(offset: Int(offset64), size: Int(size64), entryCount: Int(count64))
        }
        guard location.offset <= bytes.count, location.size <= bytes.count - location.offset else {
            throw failure("central directory (\(location.size) bytes at offset \(location.offset)) runs past the end of the \(bytes.count)-byte file; the archive is truncated")
        }
        return location
    }

    /// Parses every central-directory file header.
    static func readEntries(in bytes: [UInt8], directory: Location, name: String) throws -> [ZipEntry] {
        var entries: [ZipEntry] = []
        entries.reserveCapacity(min(directory.entryCount, directory.size / 46))
        var offset = directory.offset
        let end = directory.offset + directory.size
        while offset + 4 <= end, bytes.uint32LE(at: offset) == entrySignature {
            guard offset + 46 <= end else {
                throw FormatError(file: name, message: "central directory entry at offset \(offset) is cut short (46 header bytes expected)")
            }
            let flags = bytes.uint16LE(at: offset + 8)
            let method = bytes.uint16LE(at: offset + 10)
            let crc = bytes.uint32LE(at: offset + 16)
            var compressed = UInt64(bytes.uint32LE(at: offset + 20))
            var uncompressed = UInt64(bytes.uint32LE(at: offset + 24))
            let nameLength = Int(bytes.uint16LE(at: offset + 28))
            let extraLength = Int(bytes.uint16LE(at: offset + 30))
            let commentLength = Int(bytes.uint16LE(at: offset + 32))
            var localOffset = UInt64(bytes.uint32LE(at: offset + 42))
            let nameStart = offset + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= end else {
                throw FormatError(file: name, message: "central directory entry at offset \(offset) has name/extra/comment lengths running past the directory end")
            }
            let entryName = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self)
            // Zip64 extended information (header id 1): present only for fields saturated at 0xFFFFFFFF.
            var extra = extraStart
            while extra + 4 <= extraStart + extraLength {
                let id = bytes.uint16LE(at: extra)
                let size = Int(bytes.uint16LE(at: extra + 2))
                let dataEnd = extra + 4 + size
                guard dataEnd <= extraStart + extraLength else { break }
                if id == 1 {
                    var field = extra + 4
                    func next64() -> UInt64? {
                        guard field + 8 <= dataEnd else { return nil }
                        defer { field += 8 }
                        return bytes.uint64LE(at: field)
                    }
                    if uncompressed == 0xFFFF_FFFF, let value = next64() { uncompressed = value }
                    if compressed == 0xFFFF_FFFF, let value = next64() { compressed = value }
                    if localOffset == 0xFFFF_FFFF, let value = next64() { localOffset = value }
                }
                extra = dataEnd
            }
            let limit = UInt64(bytes.count)
            guard compressed <= limit, localOffset <= limit, uncompressed <= UInt64(Int.max) else {
                throw FormatError(file: name, message: "zip entry '\(entryName)' declares sizes or an offset beyond the \(bytes.count)-byte file")
            }
            entries.append(ZipEntry(
                name: entryName, method: method, flags: flags, crc32: crc,
                compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), localHeaderOffset: Int(localOffset)))
            offset = next
        }
        if entries.count != directory.entryCount && directory.entryCount != 0xFFFF {
            throw FormatError(file: name, message: "central directory holds \(entries.count) entries but the end record declares \(directory.entryCount)")
        }
        return entries
    }
}
