#if canImport(Glibc)
import Glibc
#endif
import Formats

/// The three columns the job reads.
struct JobColumns {
    var sku = "sku"
    var date = "transaction_date"
    var quantity = "quantity"
}

let usage = """
usage: IngestBench FILE [--threads N] [--generic] [--sku NAME] [--date NAME] [--quantity NAME]
Reads FILE (CSV, Parquet, JSON Lines or XLSX by extension), drops rows with quantity <= 0 or an empty SKU,
sums quantity per (SKU, week starting Monday) and prints one JSON line: seconds, groups, quantity, peak RSS.
--generic reads through TableFile.read (rows of Cell) instead of the streaming fast paths.
"""

var arguments = Array(CommandLine.arguments.dropFirst())
var columns = JobColumns()
var threads = 2
var generic = false
var path: String?
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--threads": threads = Int(arguments.first ?? "") ?? 0; if !arguments.isEmpty { arguments.removeFirst() }
    case "--generic": generic = true
    case "--sku": columns.sku = arguments.isEmpty ? "" : arguments.removeFirst()
    case "--date": columns.date = arguments.isEmpty ? "" : arguments.removeFirst()
    case "--quantity": columns.quantity = arguments.isEmpty ? "" : arguments.removeFirst()
    case "--help", "-h": print(usage); exit(0)
    default: path = argument
    }
}
guard let path, threads >= 1 else {
    FileHandleOutput.error(usage)
    exit(2)
}

let started = Clock.now
do {
    let lower = path.lowercased()
    let totals: WeeklyTotals
    let route: String
    if !generic && lower.hasSuffix(".csv") {
        totals = try CSVIngest.run(path: path, columns: columns, threads: threads)
        route = "csv-scanner"
    } else if !generic && lower.hasSuffix(".parquet") {
        totals = try ParquetIngest.run(path: path, columns: columns, threads: threads)
        route = "parquet-columns"
    } else {
        totals = try TableIngest.run(path: path, columns: columns)
        route = "table"
    }
    let seconds = Clock.now - started
    let (groups, quantity) = totals.summary
    print("{\"tool\":\"demandplanner\",\"route\":\"\(route)\",\"threads\":\(threads),\"seconds\":\(seconds),\"groups\":\(groups),"
        + "\"quantity\":\(quantity),\"kept\":\(totals.kept),\"unreadable\":\(totals.unreadable),\"peak_rss_mb\":\(PeakMemory.megabytes())}")
} catch {
    FileHandleOutput.error("IngestBench: \(error)")
    exit(4)
}
