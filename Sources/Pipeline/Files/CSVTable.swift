import Formats

/// The pipeline's own CSV files between states: written deterministically, read back by header name.
enum CSVTable {
    /// Renders a header and rows as RFC 4180 CSV (`\n` line ends).
    static func render(header: [String], rows: [[String]]) -> String {
        CSVWriter.render(header: header, rows: rows)
    }

    /// Reads one of our own CSV files, requiring the named columns; returns their indices and the rows.
    /// Columns named in `skipping` keep their names but hold nulls.
    static func read(path: String, requiring columns: [String], skipping: Set<String> = []) throws -> (indices: [Int], table: Table) {
        var options = ReadOptions(delimiter: UInt8(ascii: ","))
        if !skipping.isEmpty { options.columns = Set(try TableFile.columnNames(path: path, options: options)).subtracting(skipping) }
        let table = try CSVReader.read(path: path, options: options)
        let indices = try columns.map { name in
            guard let index = table.columnIndex(name) else {
                throw PipelineError(.state, "\(path): expected a column '\(name)'; found \(table.columnNames.joined(separator: ", "))")
            }
            return index
        }
        return (indices, table)
    }

    /// A cell of our own CSV as text.
    static func text(_ cell: Cell) -> String { CellText.text(cell) }
}

/// Number text in our outputs: integral values without a fraction, others shortest round-trip.
enum NumberText {
    static func format(_ value: Double) -> String {
        integral(value).map { String($0) } ?? String(value)
    }

    /// The value as an integer when it is written without a fraction (integral and below 10^15 in magnitude).
    static func integral(_ value: Double) -> Int64? {
        value == value.rounded() && abs(value) < 1e15 ? Int64(value) : nil
    }

    /// Fixed decimals for values people read (forecasts), still deterministic.
    static func format(_ value: Double, decimals: Int) -> String {
        format(rounded(value, decimals: decimals))
    }

    /// Writes the value as `format` would (rounded to `decimals` first when given) as one CSV field.
    static func write(_ value: Double, decimals: Int? = nil, to writer: inout CSVByteWriter) {
        let value = decimals.map { rounded(value, decimals: $0) } ?? value
        if let integer = integral(value) { writer.field(integer) } else { writer.field(String(value)) }
    }

    private static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10.0, Double(decimals))
        return (value * scale).rounded() / scale
    }
}

import Foundation
