/// libFuzzer entry for the CSV readers: the table reader and the field scanner must agree and never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let table = try? CSVReader.table(bytes: bytes, file: "fuzz.csv")
    let columns = table?.columnNames ?? []
    for partitions in [1, 3] {
        let scanned = try? CSVFieldScanner.scan(bytes: bytes, file: "fuzz.csv", columns: columns, partitions: partitions,
                                                initial: { [[String?]]() }) { rows, record in
            rows.append((0..<record.count).map { record.string($0) })
        }
        if let table, let scanned {
            let expected = table.rows.map { $0.map { cell -> String? in if case .string(let text) = cell { return text } else { return nil } } }
            if scanned.flatMap({ $0 }) != expected { fatalError("CSVFieldScanner differs from CSVReader.table with \(partitions) partitions") }
        }
    }
    return 0
}
