/// Reads the pages of one flat column chunk into cells, one per row, nulls included.
struct ColumnChunkReader {
    /// The whole file.
    let bytes: [UInt8]
    /// The column being read.
    let column: ParquetLeafColumn
    /// The chunk's page codec.
    let codec: ParquetCompression
    /// The largest uncompressed page accepted.
    let memoryLimit: Int
    private var dictionary: [Cell]?
    private var cells: [Cell] = []

    /// Creates a reader for one chunk of `column` in `bytes`.
    init(bytes: [UInt8], column: ParquetLeafColumn, codec: ParquetCompression, memoryLimit: Int) {
        self.bytes = bytes
        self.column = column
        self.codec = codec
        self.memoryLimit = memoryLimit
    }

    /// Reads pages in `range` until `rowCount` values have been produced.
    mutating func read(range: Range<Int>, rowCount: Int) throws(ParquetDataError) -> [Cell] {
        cells = []
        cells.reserveCapacity(rowCount)
        var position = range.lowerBound
        while cells.count < rowCount {
            guard position < range.upperBound else {
                throw ParquetDataError("column chunk ends after \(cells.count) of \(rowCount) values")
            }
            let header: ParquetPageHeader
            let bodyStart: Int
            do {
                (header, bodyStart) = try ParquetPageHeader.decode(bytes, at: position, end: range.upperBound)
            } catch {
                throw ParquetDataError("invalid page header at byte \(position): \(error.description)")
            }
            let size = Int(header.compressedPageSize)
            guard size >= 0, size <= range.upperBound - bodyStart else {
                throw ParquetDataError("page at byte \(position) declares \(size) bytes but only \(range.upperBound - bodyStart) remain in the column chunk")
            }
            guard header.uncompressedPageSize >= 0 else {
                throw ParquetDataError("page at byte \(position) declares a negative uncompressed size")
            }
            let body = bodyStart..<(bodyStart + size)
            switch ParquetPageType(rawValue: header.type) {
            case .dictionaryPage:
                try readDictionary(header, body)
            case .dataPage:
                try readDataPageV1(header, body, remaining: rowCount - cells.count)
            case .dataPageV2:
                try readDataPageV2(header, body, remaining: rowCount - cells.count)
            case .indexPage, nil:
                break
            }
            position = body.upperBound
        }
        return cells
    }

    private mutating func readDictionary(_ header: ParquetPageHeader, _ body: Range<Int>) throws(ParquetDataError) {
        guard let info = header.dictionaryPage else { throw ParquetDataError("dictionary page without its header") }
        guard dictionary == nil else { throw ParquetDataError("second dictionary page in one column chunk") }
        let count = Int(info.numValues)
        guard count >= 0 else { throw ParquetDataError("dictionary page declares \(count) values") }
        let data = try PageDecompressor.decompress(
            bytes, body, codec: codec, uncompressedSize: Int(header.uncompressedPageSize), limit: memoryLimit)
        let values = try PlainDecoder.decode(
            data, type: column.physicalType, typeLength: Int(column.element.typeLength ?? 0), count: count)
        dictionary = try column.converter.cells(values)
    }

    private mutating func readDataPageV1(_ header: ParquetPageHeader, _ body: Range<Int>, remaining: Int) throws(ParquetDataError) {
        guard let info = header.dataPage else { throw ParquetDataError("data page without its header") }
        let count = try checkedCount(info.numValues, remaining: remaining)
        let data = try PageDecompressor.decompress(
            bytes, body, codec: codec, uncompressedSize: Int(header.uncompressedPageSize), limit: memoryLimit)
        var valuesStart = 0
        var levels: [UInt64]?
        if column.maxDefinitionLevel > 0 {
            switch ParquetEncoding(rawValue: info.definitionLevelEncoding) {
            case .rle:
                let decoded = try RLEHybridDecoder.decodeLengthPrefixed(data, start: 0, end: data.count, bitWidth: 1, count: count)
                levels = decoded.values
                valuesStart = decoded.next
            case .bitPacked:
                let length = (count + 7) / 8
                guard length <= data.count else { throw ParquetDataError("BIT_PACKED levels need \(length) bytes") }
                levels = (0..<count).map { UInt64(data[$0 / 8] >> UInt8(7 - $0 % 8) & 1) }
                valuesStart = length
            default:
                throw ParquetDataError("unsupported definition level encoding \(info.definitionLevelEncoding)")
            }
        }
        try appendValues(data, start: valuesStart, encoding: info.encoding, count: count, levels: levels)
    }

    private mutating func readDataPageV2(_ header: ParquetPageHeader, _ body: Range<Int>, remaining: Int) throws(ParquetDataError) {
        guard let info = header.dataPageV2 else { throw ParquetDataError("v2 data page without its header") }
        let count = try checkedCount(info.numValues, remaining: remaining)
        let repetitionLength = Int(info.repetitionLevelsByteLength)
        let definitionLength = Int(info.definitionLevelsByteLength)
        guard repetitionLength >= 0, definitionLength >= 0, repetitionLength + definitionLength <= body.count else {
            throw ParquetDataError("v2 page level lengths \(repetitionLength)+\(definitionLength) exceed the page's \(body.count) bytes")
        }
        var levels: [UInt64]?
        if column.maxDefinitionLevel > 0 {
            let start = body.lowerBound + repetitionLength
            levels = try RLEHybridDecoder.decode(bytes, start: start, end: start + definitionLength, bitWidth: 1, count: count)
        }
        let valuesRange = (body.lowerBound + repetitionLength + definitionLength)..<body.upperBound
        let uncompressedSize = Int(header.uncompressedPageSize) - repetitionLength - definitionLength
        let data: [UInt8]
        if valuesRange.isEmpty {
            data = []
        } else if info.isCompressed && codec != .uncompressed {
            guard uncompressedSize >= 0 else { throw ParquetDataError("v2 page uncompressed size is smaller than its levels") }
            data = try PageDecompressor.decompress(bytes, valuesRange, codec: codec, uncompressedSize: uncompressedSize, limit: memoryLimit)
        } else {
            data = Array(bytes[valuesRange])
        }
        try appendValues(data, start: 0, encoding: info.encoding, count: count, levels: levels)
    }

    private func checkedCount(_ declared: Int32, remaining: Int) throws(ParquetDataError) -> Int {
        guard declared >= 0 else { throw ParquetDataError("data page declares \(declared) values") }
        guard Int(declared) <= remaining else {
            throw ParquetDataError("data page declares \(declared) values but only \(remaining) rows remain in the row group")
        }
        return Int(declared)
    }

    /// Decodes the page's non-null values and interleaves them with nulls according to `levels`.
    private mutating func appendValues(_ data: [UInt8], start: Int, encoding: Int32, count: Int, levels: [UInt64]?) throws(ParquetDataError) {
        let maxLevel = UInt64(column.maxDefinitionLevel)
        let present = levels.map { $0.reduce(0) { $0 + ($1 == maxLevel ? 1 : 0) } } ?? count
        let values = try decodeValues(data, start: start, encoding: encoding, count: present)
        guard values.count >= present else {
            throw ParquetDataError("page holds \(values.count) values but its levels need \(present)")
        }
        guard let levels else {
            cells.append(contentsOf: values[0..<present])
            return
        }
        var next = 0
        for level in levels {
            if level == maxLevel {
                cells.append(values[next])
                next += 1
            } else {
                cells.append(.null)
            }
        }
    }

    private func decodeValues(_ data: [UInt8], start: Int, encoding raw: Int32, count: Int) throws(ParquetDataError) -> [Cell] {
        if count == 0 { return [] }
        let type = column.physicalType
        let typeLength = Int(column.element.typeLength ?? 0)
        guard let encoding = ParquetEncoding(rawValue: raw) else { throw ParquetDataError("unknown value encoding \(raw)") }
        switch encoding {
        case .plain:
            return try column.converter.cells(PlainDecoder.decode(data, start: start, type: type, typeLength: typeLength, count: count))
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetDataError("dictionary-encoded page without a dictionary page") }
            guard start < data.count else { throw ParquetDataError("dictionary-encoded page without its bit width byte") }
            let bitWidth = Int(data[start])
            guard bitWidth <= 32 else { throw ParquetDataError("dictionary index bit width \(bitWidth) exceeds 32") }
            let indices = try RLEHybridDecoder.decode(data, start: start + 1, bitWidth: bitWidth, count: count)
            var result: [Cell] = []
            result.reserveCapacity(count)
            for index in indices {
                guard index < UInt64(dictionary.count) else {
                    throw ParquetDataError("dictionary index \(index) is out of range for a dictionary of \(dictionary.count) values")
                }
                result.append(dictionary[Int(index)])
            }
            return result
        case .rle:
            guard type == .boolean else { throw ParquetDataError("RLE value encoding is only defined for BOOLEAN") }
            let decoded = try RLEHybridDecoder.decodeLengthPrefixed(data, start: start, end: data.count, bitWidth: 1, count: count)
            return try column.converter.cells(.boolean(decoded.values.map { $0 != 0 }))
        case .deltaBinaryPacked:
            let (values, _) = try DeltaBinaryPackedDecoder.decode(data, start: start, maximumCount: count)
            switch type {
            case .int32: return try column.converter.cells(.int32(values.map { Int32(truncatingIfNeeded: $0) }))
            case .int64: return try column.converter.cells(.int64(values))
            default: throw ParquetDataError("DELTA_BINARY_PACKED is not defined for \(type)")
            }
        case .deltaLengthByteArray:
            guard type == .byteArray else { throw ParquetDataError("DELTA_LENGTH_BYTE_ARRAY is not defined for \(type)") }
            return try column.converter.cells(.bytes(DeltaByteArrayDecoder.decodeLengths(data, start: start, count: count).values))
        case .deltaByteArray:
            guard type == .byteArray || type == .fixedLenByteArray else { throw ParquetDataError("DELTA_BYTE_ARRAY is not defined for \(type)") }
            return try column.converter.cells(.bytes(DeltaByteArrayDecoder.decode(data, start: start, count: count)))
        case .byteStreamSplit:
            return try column.converter.cells(ByteStreamSplitDecoder.decode(data, start: start, type: type, typeLength: typeLength, count: count))
        case .bitPacked:
            throw ParquetDataError("BIT_PACKED is only defined for levels")
        }
    }
}
