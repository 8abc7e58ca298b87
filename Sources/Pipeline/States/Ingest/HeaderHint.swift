import Foundation
import Formats

/// Where a vendor file's header really is, when a report's title or export notes come first and
/// ingest could not find the producer's columns on the first line.
enum HeaderHint {
    /// Lines (CSV) or rows (workbooks) searched for the header.
    static let searchedRows = 30

    /// The advice for a file refused before `producers[].headerRow` was set: the 1-based line or sheet
    /// row, after the first, holding every one of the producer's SKU, date and quantity column names;
    /// nil when none does (or the producer reads templates or wide layouts).
    static func advice(path: String, producer: PipelineConfig.Producer) -> String? {
        guard producer.headerRow == nil, producer.wide == nil else { return nil }
        let names = [producer.columns.sku, producer.columns.date, producer.columns.quantity].filter { !$0.isEmpty }
        guard !names.isEmpty, !names.contains(where: { $0.contains("{") }),
              let row = line(path: path, holding: Set(names), delimiter: producer.delimiter?.utf8.first) else { return nil }
        return "its header looks like line \(row) (the lines above it a title or notes): set producers[].headerRow to \(row)"
    }

    /// The first line or row after the first, among the first `searchedRows`, whose cells include all
    /// `names`, when the first does not (a header repeated further down is no title above it). A CSV
    /// file is tried with `delimiter`, else with each common one: a title line above the header leaves
    /// nothing to sniff the delimiter from.
    static func line(path: String, holding names: Set<String>, delimiter: UInt8?) -> Int? {
        guard let prefix = try? FileBytes.prefix(path: path, count: 512) else { return nil }
        guard FileFormat.detect(path: path, prefix: prefix) == .csv else {
            guard let table = try? TableFile.read(path: path), !names.isSubset(of: Set(table.columnNames)) else { return nil }
            return row(holding: names, in: table)
        }
        // The first 64 KiB, cut to whole lines: enough for a title, notes and the header.
        guard let head = try? FileBytes.prefix(path: path, count: 64 << 10), let end = head.lastIndex(of: 0x0A) else { return nil }
        for candidate in delimiter.map({ [$0] }) ?? Array(",;\t|".utf8) {
            // Records, not a table: a one-field title line would make every later line too long for its "header".
            guard let records = try? CSVReader.records(bytes: Array(head[...end]), file: path, options: ReadOptions(delimiter: candidate)),
                  let first = records.first else { continue }
            if names.isSubset(of: Set(first.fields.map { $0.trimmingCharacters(in: .whitespaces) })) { return nil }
            for record in records.dropFirst().prefix(searchedRows)
            where names.isSubset(of: Set(record.fields.map { $0.trimmingCharacters(in: .whitespaces) })) {
                return record.line
            }
        }
        return nil
    }

    private static func row(holding names: Set<String>, in table: Table) -> Int? {
        for (index, row) in table.rows.prefix(searchedRows).enumerated() where names.isSubset(of: Set(row.map { CellText.trimmed($0) })) {
            return table.rowOrigins[index]
        }
        return nil
    }
}
