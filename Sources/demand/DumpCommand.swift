import Formats
import Pipeline

/// `demand dump FILE`: print the table a vendor file parses to, as normalized CSV.
enum DumpCommand {
    static let command = Command(
        name: "dump", summary: "print the table a file parses to (normalized CSV) — \"what did you read from my file?\"",
        usage: """
            Usage: demand dump FILE [--producer NAME [--mapped]] [--root DIR] [--config FILE] [--limit N]

            Reads FILE (CSV, JSON, JSON Lines, XLSX, Parquet; format from the extension or the first
            bytes) and prints the parsed table as CSV on stdout: comma-separated, quoted where needed,
            dates as yyyy-MM-dd.
              --producer NAME   read with that producer's settings (delimiter, decimal comma, sheet, header row, wide
                                layout) from the config
              --mapped          with --producer: print what ingest keeps (sku, date, quantity, price, store,
                                source, then each regressor and flag by its name) and, on stderr,
                                how many rows were left out and why
              --limit N         print only the first N rows
            """,
        run: run)

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, valueOptions: RootOptions.valueOptions.union(["producer", "limit"]), flagOptions: ["mapped"])
        guard arguments.positionals.count == 1 else { throw UsageError("give exactly one file to dump") }
        let path = arguments.positionals[0]
        let limit = try arguments.integer("limit", default: Int.max)
        var producer: PipelineConfig.Producer?
        var config = PipelineConfig()
        if let name = arguments.value("producer") {
            config = try RootOptions.config(arguments, root: RootOptions.root(arguments))
            guard let match = config.producers.first(where: { $0.name == name }) else {
                throw PipelineError(.usage, "no producer '\(name)' in the config; known: \(config.producers.map(\.name).joined(separator: ", "))")
            }
            producer = match
        }
        if arguments.flags.contains("mapped") {
            guard let producer else { throw UsageError("--mapped needs --producer NAME") }
            let preview = try VendorFilePreview.mapped(path: path, producer: producer, ingest: config.ingest)
            print(CSVWriter.render(header: preview.header, rows: Array(preview.rows.prefix(limit))), terminator: "")
            Terminal.progress("\(preview.rows.count) rows kept, \(preview.rejected.values.reduce(0, +)) left out \(preview.rejected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            if let first = preview.firstUnreadable { Terminal.progress("first unreadable: \(first)") }
            if let advice = preview.dateAdvice { Terminal.progress(advice) }
            if let advice = preview.pairedColumnsAdvice { Terminal.progress(advice) }
            return 0
        }
        // A sheet pattern ("Year *") reads several sheets, which --mapped shows; the plain table is the first one's.
        let options = ReadOptions(delimiter: producer?.delimiter?.utf8.first, decimalComma: producer?.decimalComma ?? false,
                                  sheet: producer?.oneSheet, headerRow: producer?.headerRow)
        var table: Table
        do { table = try TableFile.read(path: path, options: options) } catch let error as FormatError {
            throw PipelineError(.input, error.description)
        }
        if table.rows.count > limit {
            table.rows = Array(table.rows.prefix(limit))
            table.rowOrigins = Array(table.rowOrigins.prefix(limit))
        }
        print(CSVWriter.render(table), terminator: "")
        return 0
    }
}
