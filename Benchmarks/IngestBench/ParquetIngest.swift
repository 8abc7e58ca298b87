import Formats

/// The job on a Parquet file (placeholder until the typed column reader exists: the generic path).
enum ParquetIngest {
    /// Weekly totals of the file.
    static func run(path: String, columns: JobColumns, threads: Int) throws -> WeeklyTotals {
        try TableIngest.run(path: path, columns: columns)
    }
}
