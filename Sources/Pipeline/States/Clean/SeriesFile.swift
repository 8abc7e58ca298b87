import Forecasting
import Formats
import Foundation

/// One SKU's dense bucket series as the `clean` state writes it.
struct SeriesRecord: Sendable, Equatable {
    var sku: String
    /// Bucket index (in the run's `BucketCalendar`) of the first value.
    var firstBucket: Int
    /// Capped quantities per bucket, zeros filled.
    var values: [Double]
    /// Quantities before capping.
    var raw: [Double]
    /// Per-bucket covariates (price, regressors) by name, aligned with `values`, gaps carried forward.
    var covariates: [String: [Double]] = [:]
}

extension [SeriesRecord] {
    /// The covariate names of the records: `price` first, then the rest sorted.
    var covariateNames: [String] {
        let names = Set(flatMap(\.covariates.keys))
        return (names.contains("price") ? ["price"] : []) + names.subtracting(["price"]).sorted()
    }

    /// The covariates as the forecaster takes them (nil when there are none); a record lacking a name gets zeros.
    var covariates: Covariates? {
        let names = covariateNames
        guard !names.isEmpty else { return nil }
        return Covariates(names: names, values: map { record in
            names.map { record.covariates[$0] ?? [Double](repeating: 0, count: record.values.count) }
        })
    }
}

/// The bucket grid of a run, written to `clean/calendar.json` so later states agree on it.
///
/// Buckets are `weeksPerBucket` weeks starting on `anchorWeekday` (`BucketCalendar`), or calendar
/// months when `months` is set (bucket `i` is month `i` counted from January 1970).
struct BucketGrid: Codable, Equatable, Sendable {
    var weeksPerBucket: Int
    var anchorWeekday: Int
    /// First and last bucket index covered by the data (after dropping partial edges).
    var firstBucket: Int
    var lastBucket: Int
    /// Calendar months instead of weeks (absent in weekly runs, and in runs from before months).
    var months: Bool?

    var calendar: BucketCalendar { BucketCalendar(weeksPerBucket: weeksPerBucket, anchorWeekday: anchorWeekday) }

    /// The bucket containing a day (days since 1970-01-01).
    func index(ofDay day: Int) -> Int {
        guard months == true else { return calendar.index(ofDay: day) }
        let date = DateParsing.civil(fromDays: day)
        return (date.year - 1970) * 12 + date.month - 1
    }

    /// The first day of bucket `index`.
    func startDay(ofIndex index: Int) -> Int {
        guard months == true else { return calendar.startDay(ofIndex: index) }
        let years = index >= 0 ? index / 12 : -((11 - index) / 12)  // rounded down, also before 1970
        return DateParsing.daysFromCivil(year: 1970 + years, month: index - years * 12 + 1, day: 1)
    }

    /// The ISO date a bucket starts on.
    func label(_ bucket: Int) -> String { DateParsing.isoString(days: Int32(startDay(ofIndex: bucket))) }

    /// The inclusive day range of a bucket.
    func days(_ bucket: Int) -> ClosedRange<Int32> {
        Int32(startDay(ofIndex: bucket))...Int32(startDay(ofIndex: bucket + 1) - 1)
    }
}

/// Reads and writes `clean/series.csv` (long format: sku, bucket, quantity, raw_quantity, then one
/// column per covariate) and `calendar.json`.
enum SeriesFile {
    static func write(_ series: [SeriesRecord], grid: BucketGrid, folder: String) throws {
        let names = series.covariateNames
        var rows: [[String]] = []
        for record in series {
            for (offset, value) in record.values.enumerated() {
                rows.append([record.sku, grid.label(record.firstBucket + offset), NumberText.format(value), NumberText.format(record.raw[offset])]
                            + names.map { name in record.covariates[name].map { NumberText.format($0[offset], decimals: 6) } ?? "" })
            }
        }
        try FileSystem.writeAtomically(CSVTable.render(header: ["sku", "bucket", "quantity", "raw_quantity"] + names, rows: rows),
                                       to: "\(folder)/series.csv")
        try FileSystem.writeAtomically(JSONFile.encode(grid), to: "\(folder)/calendar.json")
    }

    /// Whether the clean output in `folder` is in calendar months (false when there is none yet).
    static func isMonthly(folder: String) -> Bool {
        (try? JSONFile.decode(BucketGrid.self, path: "\(folder)/calendar.json"))?.months == true
    }

    static func read(folder: String) throws -> (series: [SeriesRecord], grid: BucketGrid) {
        let grid = try JSONFile.decode(BucketGrid.self, path: "\(folder)/calendar.json")
        let (columns, table) = try CSVTable.read(path: "\(folder)/series.csv", requiring: ["sku", "bucket", "quantity", "raw_quantity"])
        let extra = Array(table.columnNames.enumerated().dropFirst(4))
        var series: [SeriesRecord] = []
        for (index, row) in table.rows.enumerated() {
            let sku = CSVTable.text(row[columns[0]])
            guard let day = DateParsing.parseDay(CSVTable.text(row[columns[1]]), format: "yyyy-MM-dd"),
                  let value = Double(CSVTable.text(row[columns[2]])), let raw = Double(CSVTable.text(row[columns[3]])) else {
                throw PipelineError(.state, "\(folder)/series.csv:\(table.rowOrigins[index]): malformed row")
            }
            let bucket = grid.index(ofDay: Int(day))
            if series.last?.sku != sku { series.append(SeriesRecord(sku: sku, firstBucket: bucket, values: [], raw: [])) }
            series[series.count - 1].values.append(value)
            series[series.count - 1].raw.append(raw)
            for (column, name) in extra {
                let text = CSVTable.text(row[column])
                guard !text.isEmpty else { continue }
                guard let number = Double(text) else { throw PipelineError(.state, "\(folder)/series.csv:\(table.rowOrigins[index]): column '\(name)' is not a number") }
                series[series.count - 1].covariates[name, default: []].append(number)
            }
        }
        return (series, grid)
    }
}

/// Deterministic JSON files between states (sorted keys, pretty).
enum JSONFile {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func decode<T: Decodable>(_ type: T.Type, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(FileSystem.read(path)))
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(.state, "\(path): cannot read: \(error)")
        }
    }
}
