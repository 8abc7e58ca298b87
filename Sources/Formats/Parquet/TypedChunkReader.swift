/// Reads one flat column chunk into `ParquetColumnValues` when every page is PLAIN integers/doubles or dictionary codes.
///
/// Returns `nil` for anything else (other encodings, a dictionary fallback to PLAIN mid-chunk, logical types
/// that change the cell): the caller then uses `ColumnChunkReader`, so results never differ from the table reader.
struct TypedChunkReader {
    /// How the column's values are kept.
    private enum Layout { case integers, doubles, dictionary }

    let bytes: [UInt8]
    let column: ParquetLeafColumn
    let codec: ParquetCompression
    let memoryLimit: Int

    /// Reads pages in `range` until `rowCount` rows; `nil` when the chunk needs the generic reader.
    func read(range: Range<Int>, rowCount: Int) throws(ParquetDataError) -> ParquetColumnValues? {
        let layout: Layout
        switch (column.physicalType, column.converter.kind) {
        case (.int32, .signed), (.int64, .signed): layout = .integers
        case (.double, .double): layout = .doubles
        case (.byteArray, _), (.fixedLenByteArray, _): layout = .dictionary
        default: return nil
        }
        var integers: [Int64] = [], doubles: [Double] = [], codes: [Int32] = []
        var valid: [Bool]? = column.maxDefinitionLevel > 0 ? [] : nil
        var dictionary: [Cell]?
        var dictionaryValues: ParquetValues?
        var produced = 0
        var position = range.lowerBound
        while produced < rowCount {
            guard position < range.upperBound else { throw ParquetDataError("column chunk ends after \(produced) of \(rowCount) values") }
            let header: ParquetPageHeader, bodyStart: Int
            do { (header, bodyStart) = try ParquetPageHeader.decode(bytes, at: position, end: range.upperBound) } catch {
                throw ParquetDataError("invalid page header at byte \(position): \(error.description)")
            }
            let size = Int(header.compressedPageSize)
            guard size >= 0, size <= range.upperBound - bodyStart, header.uncompressedPageSize >= 0 else {
                throw ParquetDataError("page at byte \(position) declares \(size) bytes but only \(range.upperBound - bodyStart) remain in the column chunk")
            }
            let body = bodyStart..<(bodyStart + size)
            position = body.upperBound
            switch ParquetPageType(rawValue: header.type) {
            case .dictionaryPage:
                guard let info = header.dictionaryPage, dictionary == nil, info.numValues >= 0 else { return nil }
                let data = try PageDecompressor.decompress(bytes, body, codec: codec, uncompressedSize: Int(header.uncompressedPageSize), limit: memoryLimit)
                let values = try PlainDecoder.decode(data, type: column.physicalType, typeLength: Int(column.element.typeLength ?? 0), count: Int(info.numValues))
                dictionary = try column.converter.cells(values)
                dictionaryValues = values
            case .dataPage:
                guard let info = header.dataPage, info.numValues >= 0, Int(info.numValues) <= rowCount - produced,
                      ParquetEncoding(rawValue: info.definitionLevelEncoding) == .rle || column.maxDefinitionLevel == 0 else { return nil }
                let count = Int(info.numValues)
                let data = try PageDecompressor.decompress(bytes, body, codec: codec, uncompressedSize: Int(header.uncompressedPageSize), limit: memoryLimit)
                var levels: [UInt64]?
                var start = 0
                if column.maxDefinitionLevel > 0 {
                    let decoded = try RLEHybridDecoder.decodeLengthPrefixed(data, start: 0, end: data.count, bitWidth: 1, count: count)
                    levels = decoded.values
                    start = decoded.next
                }
                guard try append(data, start: start, encoding: info.encoding, count: count, levels: levels, layout: layout,
                                 dictionary: dictionary, dictionaryValues: dictionaryValues, integers: &integers, doubles: &doubles, codes: &codes, valid: &valid) else { return nil }
                produced += count
            case .dataPageV2:
                guard let info = header.dataPageV2, info.numValues >= 0, Int(info.numValues) <= rowCount - produced,
                      info.repetitionLevelsByteLength == 0, info.definitionLevelsByteLength >= 0,
                      Int(info.definitionLevelsByteLength) <= body.count else { return nil }
                let count = Int(info.numValues)
                let levelsEnd = body.lowerBound + Int(info.definitionLevelsByteLength)
                var levels: [UInt64]?
                if column.maxDefinitionLevel > 0 {
                    levels = try RLEHybridDecoder.decode(bytes, start: body.lowerBound, end: levelsEnd, bitWidth: 1, count: count)
                }
                let valuesRange = levelsEnd..<body.upperBound
                let data: [UInt8]
                if valuesRange.isEmpty {
                    data = []
                } else if info.isCompressed && codec != .uncompressed {
                    data = try PageDecompressor.decompress(bytes, valuesRange, codec: codec,
                                                           uncompressedSize: Int(header.uncompressedPageSize) - Int(info.definitionLevelsByteLength), limit: memoryLimit)
                } else {
                    data = Array(bytes[valuesRange])
                }
                guard try append(data, start: 0, encoding: info.encoding, count: count, levels: levels, layout: layout,
                                 dictionary: dictionary, dictionaryValues: dictionaryValues, integers: &integers, doubles: &doubles, codes: &codes, valid: &valid) else { return nil }
                produced += count
            case .indexPage, nil:
                continue
            }
        }
        switch layout {
        case .integers: return .integers(integers, valid: valid)
        case .doubles: return .doubles(doubles, valid: valid)
        case .dictionary: return .dictionary(dictionary ?? [], codes: codes)
        }
    }

    /// Appends one page's rows; `false` when the page's encoding has no typed path here.
    private func append(
        _ data: [UInt8], start: Int, encoding: Int32, count: Int, levels: [UInt64]?, layout: Layout, dictionary: [Cell]?, dictionaryValues: ParquetValues?,
        integers: inout [Int64], doubles: inout [Double], codes: inout [Int32], valid: inout [Bool]?
    ) throws(ParquetDataError) -> Bool {
        let present = levels.map { $0.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } } ?? count
        let encoding = ParquetEncoding(rawValue: encoding)
        switch layout {
        case .integers, .doubles:
            let values: ParquetValues
            if encoding == .plain {
                values = try PlainDecoder.decode(data, start: start, type: column.physicalType, count: present)
            } else if encoding == .plainDictionary || encoding == .rleDictionary, let dictionaryValues {
                guard let decoded = try lookUp(data, start: start, count: present, in: dictionaryValues) else { return false }
                values = decoded
            } else {
                return false
            }
            var next = 0
            for index in 0..<count {
                let isValid = levels.map { $0[index] == 1 } ?? true
                valid?.append(isValid)
                switch values {
                case .int32(let v): integers.append(isValid ? Int64(v[next]) : 0)
                case .int64(let v): integers.append(isValid ? v[next] : 0)
                case .double(let v): doubles.append(isValid ? v[next] : 0)
                default: return false
                }
                if isValid { next += 1 }
            }
        case .dictionary:
            guard encoding == .plainDictionary || encoding == .rleDictionary, let dictionary else { return false }
            if present == 0 {
                codes.append(contentsOf: repeatElement(-1, count: count))
                return true
            }
            let indices = try Self.indices(data, start: start, count: present)
            var next = 0
            for index in 0..<count {
                if let levels, levels[index] != 1 {
                    codes.append(-1)
                    continue
                }
                let code = indices[next]
                guard code < UInt64(dictionary.count) else {
                    throw ParquetDataError("dictionary index \(code) is out of range for a dictionary of \(dictionary.count) values")
                }
                codes.append(Int32(code))
                next += 1
            }
        }
        return true
    }

    /// The dictionary indices of a page: a bit width byte, then RLE/bit-packed runs.
    private static func indices(_ data: [UInt8], start: Int, count: Int) throws(ParquetDataError) -> [UInt64] {
        guard start < data.count else { throw ParquetDataError("dictionary-encoded page without its bit width byte") }
        let bitWidth = Int(data[start])
        guard bitWidth <= 32 else { throw ParquetDataError("dictionary index bit width \(bitWidth) exceeds 32") }
        return try RLEHybridDecoder.decode(data, start: start + 1, bitWidth: bitWidth, count: count)
    }

    /// The page's values looked up in a numeric dictionary; `nil` for dictionaries of other types.
    private func lookUp(_ data: [UInt8], start: Int, count: Int, in dictionary: ParquetValues) throws(ParquetDataError) -> ParquetValues? {
        if count == 0 { return .int64([]) }
        let indices = try Self.indices(data, start: start, count: count)
        guard indices.allSatisfy({ $0 < UInt64(dictionary.count) }) else {
            let bad = indices.first { $0 >= UInt64(dictionary.count) } ?? 0
            throw ParquetDataError("dictionary index \(bad) is out of range for a dictionary of \(dictionary.count) values")
        }
        switch dictionary {
        case .int32(let values): return .int32(indices.map { values[Int($0)] })
        case .int64(let values): return .int64(indices.map { values[Int($0)] })
        case .double(let values): return .double(indices.map { values[Int($0)] })
        default: return nil
        }
    }
}
