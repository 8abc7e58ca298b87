import Formats

/// Holiday and promotion calendars from CSV files in `config/calendars/`, as per-bucket flags.
///
/// `holidays.csv` has a `date` column (other columns are ignored); `promotions.csv` has `sku`,
/// `start`, `end` (inclusive; an empty `sku` means every SKU). A bucket is flagged when any of its
/// days is a holiday or inside a promotion.
struct Calendars: Sendable {
    /// Holiday days (days since 1970-01-01).
    var holidays: Set<Int32> = []
    /// Promotions: SKU (`nil` = all) and inclusive day range.
    var promotions: [(sku: String?, range: ClosedRange<Int32>)] = []

    /// The calendars archived with a run (empty when none is configured).
    static func load(_ context: StateContext) throws -> Calendars {
        let holidays = context.inputs.first { $0.producer == ReservedInputs.holidays }.map { context.inputPath($0) }
        let promotions = context.inputs.first { $0.producer == ReservedInputs.promotions }.map { context.inputPath($0) }
        return try load(holidays: holidays, promotions: promotions)
    }

    /// Loads the configured calendars; a missing or unreadable file is an error naming it.
    static func load(holidays: String?, promotions: String?) throws -> Calendars {
        var calendars = Calendars()
        if let holidays {
            let (columns, table) = try readCalendar(holidays, requiring: ["date"])
            for (index, row) in table.rows.enumerated() {
                guard let day = DateParsing.parseDay(CSVTable.text(row[columns[0]]), format: "yyyy-MM-dd") else {
                    throw PipelineError(.config, "\(holidays):\(table.rowOrigins[index]): column 'date': expected yyyy-MM-dd")
                }
                calendars.holidays.insert(day)
            }
        }
        if let promotions {
            let (columns, table) = try readCalendar(promotions, requiring: ["sku", "start", "end"])
            for (index, row) in table.rows.enumerated() {
                let sku = CSVTable.text(row[columns[0]])
                guard let start = DateParsing.parseDay(CSVTable.text(row[columns[1]]), format: "yyyy-MM-dd"),
                      let end = DateParsing.parseDay(CSVTable.text(row[columns[2]]), format: "yyyy-MM-dd"), start <= end else {
                    throw PipelineError(.config, "\(promotions):\(table.rowOrigins[index]): expected start <= end as yyyy-MM-dd")
                }
                calendars.promotions.append((sku.isEmpty ? nil : sku, start...end))
            }
        }
        return calendars
    }

    /// Whether any day in `days` is a holiday.
    func hasHoliday(in days: ClosedRange<Int32>) -> Bool {
        days.contains { holidays.contains($0) }
    }

    /// The calendars' answers for buckets, remembered by their days: every SKU asks about the same weeks,
    /// so each bucket's holidays and all-SKU promotions are looked up once, not once per SKU.
    struct Lookup {
        private let calendars: Calendars
        private let promotionsForAll: [ClosedRange<Int32>]
        private let promotionsBySKU: [String: [ClosedRange<Int32>]]
        private var answers: [ClosedRange<Int32>: (holiday: Bool, promotedForAll: Bool)] = [:]

        init(_ calendars: Calendars) {
            self.calendars = calendars
            promotionsForAll = calendars.promotions.filter { $0.sku == nil }.map(\.range)
            var bySKU: [String: [ClosedRange<Int32>]] = [:]
            for promotion in calendars.promotions { if let sku = promotion.sku { bySKU[sku, default: []].append(promotion.range) } }
            promotionsBySKU = bySKU
        }

        /// Whether `days` hold a holiday, and whether a promotion of every SKU or one naming `sku`
        /// overlaps them.
        mutating func flags(_ sku: String, in days: ClosedRange<Int32>) -> (holiday: Bool, promoted: Bool) {
            let known = answers[days] ?? {
                let answer = (holiday: calendars.hasHoliday(in: days), promotedForAll: promotionsForAll.contains { $0.overlaps(days) })
                answers[days] = answer
                return answer
            }()
            let promoted = known.promotedForAll || (promotionsBySKU[sku]?.contains { $0.overlaps(days) } ?? false)
            return (known.holiday, promoted)
        }
    }

    private static func readCalendar(_ path: String, requiring columns: [String]) throws -> (indices: [Int], table: Table) {
        guard FileSystem.exists(path) else {
            throw PipelineError(.config, "\(path): calendar file not found (features.holidays / features.promotions in the config)")
        }
        return try CSVTable.read(path: path, requiring: columns)
    }
}
