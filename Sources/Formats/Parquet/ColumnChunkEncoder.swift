/// Encodes one column's values for one row group: optional dictionary page, v1 data pages, statistics.
struct ColumnChunkEncoder {
    /// The most distinct strings a dictionary may hold before the chunk falls back to PLAIN.
    static let dictionaryEntryLimit = 1 << 16
    /// The most dictionary bytes before the chunk falls back to PLAIN.
    static let dictionaryByteLimit = 1 << 20

    /// The encoded chunk: its pages (headers included) and what the footer needs to know.
    struct Encoded {
        /// The pages with their headers.
        var bytes: [UInt8] = []
        /// The length of the dictionary page with its header, when there is one (it comes first).
        var dictionaryPageLength: Int?
        /// The size of the pages before compression, headers included.
        var uncompressedSize = 0
        /// The encodings used.
        var encodings: [ParquetEncoding] = []
        /// Min, max and null count of the chunk.
        var statistics = ParquetStatistics()
    }

    /// The page codec (UNCOMPRESSED or SNAPPY).
    let compression: ParquetCompression
    /// Rows per data page.
    let pageSize: Int
    /// Whether string chunks may be dictionary-encoded.
    let useDictionary: Bool

    /// Encodes one row group's values of a column.
    func encode(_ data: ParquetColumnData) -> Encoded {
        var encoded = Encoded()
        let levels = definitionLevels(data)
        encoded.statistics = statistics(data)
        if case .string(let strings) = data, useDictionary, let (dictionary, indices) = dictionaryEncode(strings) {
            var page: [UInt8] = []
            for entry in dictionary { appendByteArray(entry, to: &page) }
            var header = ParquetPageHeader()
            header.type = ParquetPageType.dictionaryPage.rawValue
            header.dictionaryPage = ParquetDictionaryPageHeader(numValues: Int32(dictionary.count), encoding: ParquetEncoding.plain.rawValue)
            let before = encoded.bytes.count
            appendPage(header, page, to: &encoded)
            encoded.dictionaryPageLength = encoded.bytes.count - before
            let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(max(dictionary.count - 1, 0)))
            var valueIndex = 0
            for pageStart in stride(from: 0, to: data.count, by: pageSize) {
                let pageEnd = min(pageStart + pageSize, data.count)
                let present = levels[pageStart..<pageEnd].reduce(0) { $0 + Int($1) }
                var values: [UInt8] = [UInt8(bitWidth)]
                values += RLEHybridEncoder.encode(Array(indices[valueIndex..<(valueIndex + present)]), bitWidth: bitWidth)
                valueIndex += present
                appendDataPage(levels: levels[pageStart..<pageEnd], values: values, encoding: .rleDictionary, to: &encoded)
            }
            encoded.encodings = [.plain, .rle, .rleDictionary]
            return encoded
        }
        for pageStart in stride(from: 0, to: data.count, by: pageSize) {
            let range = pageStart..<min(pageStart + pageSize, data.count)
            appendDataPage(levels: levels[range], values: plainValues(data.slice(range)), encoding: .plain, to: &encoded)
        }
        encoded.encodings = [.plain, .rle]
        return encoded
    }

    private func definitionLevels(_ data: ParquetColumnData) -> [UInt32] {
        switch data {
        case .string(let v): return v.map { $0 == nil ? 0 : 1 }
        case .int64(let v): return v.map { $0 == nil ? 0 : 1 }
        case .double(let v): return v.map { $0 == nil ? 0 : 1 }
        case .date(let v): return v.map { $0 == nil ? 0 : 1 }
        }
    }

    /// The dictionary (first-seen order) and each non-null value's index, or nil when a dictionary would be too big.
    private func dictionaryEncode(_ strings: [String?]) -> ([[UInt8]], [UInt32])? {
        var positions: [String: UInt32] = [:]
        var dictionary: [[UInt8]] = []
        var indices: [UInt32] = []
        var bytes = 0
        for case let value? in strings {
            if let index = positions[value] {
                indices.append(index)
                continue
            }
            let utf8 = Array(value.utf8)
            bytes += utf8.count + 4
            guard dictionary.count < Self.dictionaryEntryLimit, bytes <= Self.dictionaryByteLimit else { return nil }
            positions[value] = UInt32(dictionary.count)
            indices.append(UInt32(dictionary.count))
            dictionary.append(utf8)
        }
        return (dictionary, indices)
    }

    private func plainValues(_ data: ParquetColumnData) -> [UInt8] {
        var out: [UInt8] = []
        switch data {
        case .string(let v): for case let s? in v { appendByteArray(Array(s.utf8), to: &out) }
        case .int64(let v): for case let x? in v { appendLittleEndian(UInt64(bitPattern: x), bytes: 8, to: &out) }
        case .double(let v): for case let x? in v { appendLittleEndian(x.bitPattern, bytes: 8, to: &out) }
        case .date(let v): for case let x? in v { appendLittleEndian(UInt64(UInt32(bitPattern: x)), bytes: 4, to: &out) }
        }
        return out
    }

    private func appendDataPage(levels: ArraySlice<UInt32>, values: [UInt8], encoding: ParquetEncoding, to encoded: inout Encoded) {
        let levelBytes = RLEHybridEncoder.encode(Array(levels), bitWidth: 1)
        var page: [UInt8] = []
        appendLittleEndian(UInt64(levelBytes.count), bytes: 4, to: &page)
        page += levelBytes
        page += values
        var header = ParquetPageHeader()
        header.type = ParquetPageType.dataPage.rawValue
        header.dataPage = ParquetDataPageHeader(numValues: Int32(levels.count), encoding: encoding.rawValue)
        appendPage(header, page, to: &encoded)
    }

    private func appendPage(_ header: ParquetPageHeader, _ page: [UInt8], to encoded: inout Encoded) {
        var header = header
        let stored = compression == .snappy ? SnappyEncoder.compress(page) : page
        header.uncompressedPageSize = Int32(page.count)
        header.compressedPageSize = Int32(stored.count)
        var writer = ThriftCompactWriter()
        header.write(&writer)
        writer.endStruct()
        encoded.bytes += writer.bytes
        encoded.bytes += stored
        encoded.uncompressedSize += writer.bytes.count + page.count
    }

    private func statistics(_ data: ParquetColumnData) -> ParquetStatistics {
        var stats = ParquetStatistics()
        func encode64(_ value: UInt64) -> [UInt8] { var out: [UInt8] = []; appendLittleEndian(value, bytes: 8, to: &out); return out }
        switch data {
        case .string(let v):
            stats.nullCount = Int64(v.count(where: { $0 == nil }))
            // Compared as UTF-8 in place: a byte array per value was most of writing a large column.
            // A value equal to the one before (sorted tables repeat them) cannot change either.
            var least: String?, greatest: String?, previous: String?
            for case let value? in v {
                if let previous, previous == value { continue }
                previous = value
                if let current = least, !value.utf8Precedes(current) {
                    if let top = greatest, top.utf8Precedes(value) { greatest = value }
                    continue
                }
                if least == nil { greatest = value }
                least = value
            }
            stats.minValue = least.map { Array($0.utf8) }
            stats.maxValue = greatest.map { Array($0.utf8) }
        case .int64(let v):
            stats.nullCount = Int64(v.count(where: { $0 == nil }))
            let present = v.compactMap { $0 }
            stats.minValue = present.min().map { encode64(UInt64(bitPattern: $0)) }
            stats.maxValue = present.max().map { encode64(UInt64(bitPattern: $0)) }
        case .double(let v):
            stats.nullCount = Int64(v.count(where: { $0 == nil }))
            let present = v.compactMap { $0 }.filter { !$0.isNaN }
            // The format asks for -0.0 as a zero minimum and +0.0 as a zero maximum.
            stats.minValue = present.min().map { encode64(($0 == 0 ? -0.0 : $0).bitPattern) }
            stats.maxValue = present.max().map { encode64(($0 == 0 ? 0.0 : $0).bitPattern) }
        case .date(let v):
            stats.nullCount = Int64(v.count(where: { $0 == nil }))
            let present = v.compactMap { $0 }
            func encode32(_ x: Int32) -> [UInt8] { var out: [UInt8] = []; appendLittleEndian(UInt64(UInt32(bitPattern: x)), bytes: 4, to: &out); return out }
            stats.minValue = present.min().map(encode32)
            stats.maxValue = present.max().map(encode32)
        }
        return stats
    }
}

/// Appends a PLAIN byte array: 4-byte little-endian length, then the bytes.
func appendByteArray(_ value: [UInt8], to out: inout [UInt8]) {
    appendLittleEndian(UInt64(value.count), bytes: 4, to: &out)
    out += value
}

/// Appends the low `bytes` bytes of `value`, least significant first.
func appendLittleEndian(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
    for index in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
}
