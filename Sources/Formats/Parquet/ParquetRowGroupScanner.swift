/// Streams chosen columns of a Parquet file one row group at a time, reading only those columns' bytes.
///
/// The fast path of `ParquetReader` for large files: the file is memory-mapped, each needed column chunk is
/// copied out and decoded into `ParquetColumnValues` (typed arrays, dictionary codes), and the mapped pages
/// are given back, so memory stays near one row group per thread. With `threads > 1` the row groups are split
/// into that many contiguous runs decoded in parallel.
public enum ParquetRowGroupScanner {
    /// Calls `body` for every row group with the columns named in `columns`, in that order.
    ///
    /// Each thread starts from `initial()` and sees a contiguous run of row groups in file order; the partial
    /// results come back in file order.
    /// - Throws: `FormatError` naming the file (and column and row group): a missing or nested column, or any
    ///   error `ParquetReader` reports for the same bytes; or whatever `body` throws.
    public static func scan<Partial>(
        path: String, columns: [String], options: ReadOptions = ReadOptions(), threads: Int = 1,
        initial: @Sendable () -> Partial, body: @Sendable (inout Partial, ParquetRowGroupColumns) throws -> Void
    ) throws -> [Partial] {
        let mapped = try MappedFile(path: path)
        let file = ParquetMappedFile(mapped: mapped)
        let metadata = try file.metadata()
        let schema: ParquetSchema
        do { schema = try ParquetSchema(metadata.schema) } catch {
            throw FormatError(file: path, message: "invalid schema: \(error.message)")
        }
        let leaves = try columns.map { name throws -> ParquetLeafColumn in
            guard let field = schema.fields.first(where: { $0.name == name }) else {
                throw FormatError(file: path, column: name, message: "no column named '\(name)'; the file has \(schema.fields.map(\.name).joined(separator: ", "))")
            }
            guard !field.isNested else { throw FormatError(file: path, column: name, message: "unsupported: nested column \(name)") }
            guard let physical = field.element.physicalType else {
                throw FormatError(file: path, column: name, message: "unknown physical type \(field.element.unknownPhysicalType ?? -1)")
            }
            return ParquetLeafColumn(name: name, element: field.element, leafIndex: field.firstLeaf,
                                     maxDefinitionLevel: field.element.repetition == .required ? 0 : 1,
                                     physicalType: physical, converter: CellConverter(element: field.element))
        }
        var firstRows: [Int] = []
        var rows = 0
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0, group.numRows <= Int64(Int32.max) else {
                throw FormatError(file: path, message: "row group \(index) declares \(group.numRows) rows")
            }
            guard group.columns.count == schema.leafCount else {
                throw FormatError(file: path, message: "row group \(index) has \(group.columns.count) column chunks but the schema has \(schema.leafCount) leaf columns")
            }
            firstRows.append(rows)
            rows += Int(group.numRows)
        }
        let groupCount = metadata.rowGroups.count
        let parts = max(1, min(threads, groupCount))
        let outcomes = UnsafeMutableBufferPointer<(Partial, (any Error)?)?>.allocate(capacity: parts)
        outcomes.initialize(repeating: nil)
        defer {
            _ = outcomes.deinitialize()
            outcomes.deallocate()
        }
        ParallelParts.run(parts) { part in
            var partial = initial()
            do {
                for groupIndex in (groupCount * part / parts)..<(groupCount * (part + 1) / parts) {
                    let group = metadata.rowGroups[groupIndex]
                    let values = try leaves.map { leaf in
                        try file.readChunk(group.columns[leaf.leafIndex], column: leaf, rows: Int(group.numRows),
                                           group: groupIndex, memoryLimit: options.memoryLimitBytes)
                    }
                    try body(&partial, ParquetRowGroupColumns(index: groupIndex, firstRow: firstRows[groupIndex],
                                                              rowCount: Int(group.numRows), columns: values))
                }
                outcomes[part] = (partial, nil)
            } catch {
                outcomes[part] = (partial, error)
            }
        }
        var results: [Partial] = []
        for part in 0..<parts {
            guard let (partial, error) = outcomes[part] else { continue }
            if let error { throw error }
            results.append(partial)
        }
        return results
    }
}
