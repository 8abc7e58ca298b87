import Forecasting
import Foundation

extension PipelineConfig {
    /// Decodes a config, filling defaults for absent keys and rejecting unknown ones.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: [
            "paths", "seed", "producers", "ingest", "clean", "features", "model", "intervals", "retry", "daemon", "alerts", "description",
        ])
        self.init()
        paths = try object.value("paths", default: paths)
        seed = try object.value("seed", default: seed)
        producers = try object.value("producers", default: producers)
        ingest = try object.value("ingest", default: ingest)
        clean = try object.value("clean", default: clean)
        features = try object.value("features", default: features)
        model = try object.value("model", default: model)
        intervals = try object.value("intervals", default: intervals)
        retry = try object.value("retry", default: retry)
        daemon = try object.value("daemon", default: daemon)
        alerts = try object.value("alerts", default: alerts)
        if clean.bucket == "week" {
            clean.monthly = nil
        } else {
            // Monthly defaults for what the config leaves out; under `auto` kept aside until clean sees the data.
            let modelKeys = try object.optional("model").map { (keys: PresentKeys) in keys.names } ?? []
            let featureKeys = try object.optional("features").map { (keys: PresentKeys) in keys.names } ?? []
            let given = try object.optional("clean").map { (keys: PresentKeys) in keys.names.contains("monthly") } ?? false
            var monthly = given ? clean.monthly ?? MonthlyModel() : MonthlyModel()
            if !given {
                if modelKeys.contains("seasonLength") { monthly.seasonLength = model.seasonLength }
                if modelKeys.contains("lookback") { monthly.lookback = model.lookback }
                if modelKeys.contains("horizon") { monthly.horizon = model.horizon }
                if featureKeys.contains("periods") { monthly.periods = features.periods }
            }
            if clean.bucket == "month" {
                self = withMonthlyBuckets(monthly)
            } else {
                clean.monthly = monthly
            }
        }
        var seen = Set<String>()
        for producer in producers where !seen.insert(producer.name).inserted {
            throw object.invalid("producers", "producer name '\(producer.name)' appears twice")
        }
    }
}

extension PipelineConfig.Paths {
    /// Decodes the folder layout.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["landing", "processed", "artifacts", "calendars"])
        self.init()
        landing = try object.value("landing", default: landing)
        processed = try object.value("processed", default: processed)
        artifacts = try object.value("artifacts", default: artifacts)
        calendars = try object.value("calendars", default: calendars)
    }
}

extension PipelineConfig.Producer {
    /// Decodes one producer.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: [
            "name", "patterns", "delimiter", "decimalComma", "dateFormat", "weekOneStarts", "dayOneStarts", "columns", "attributes", "filters", "sheet", "headerRow", "overlap",
            "regressors", "flags", "wide", "countRows",
        ])
        self.init(name: try object.required("name"), columns: try object.required("columns"))
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), name != "..", name != "quarantine" else {
            throw object.invalid("name", "producer name '\(name)' must be a plain folder name (no '/', not hidden)")
        }
        patterns = try object.value("patterns", default: patterns)
        delimiter = try object.optional("delimiter")
        if let delimiter, delimiter.utf8.count != 1 {
            throw object.invalid("delimiter", "expected one character such as \",\" or \";\", got \"\(delimiter)\"")
        }
        decimalComma = try object.value("decimalComma", default: decimalComma)
        dateFormat = try object.optional("dateFormat")
        attributes = try object.value("attributes", default: attributes)
        filters = try object.value("filters", default: filters)
        sheet = try object.optional("sheet")
        let overlapText: String = try object.value("overlap", default: overlap.rawValue)
        guard let overlapChoice = PipelineConfig.Overlap(rawValue: overlapText) else {
            throw object.invalid("overlap", "expected \"add\" or \"replace\", got \"\(overlapText)\"")
        }
        overlap = overlapChoice
        headerRow = try object.optional("headerRow")
        if let headerRow, headerRow < 1 {
            throw object.invalid("headerRow", "expected the header's line (1 is the first), got \(headerRow)")
        }
        weekOneStarts = try object.optional("weekOneStarts")
        if let weekOneStarts, ISODay.parse(weekOneStarts) == nil {
            throw object.invalid("weekOneStarts", "expected the first day of week 1 as yyyy-MM-dd, got \"\(weekOneStarts)\"")
        }
        dayOneStarts = try object.optional("dayOneStarts")
        if let dayOneStarts, ISODay.parse(dayOneStarts) == nil {
            throw object.invalid("dayOneStarts", "expected the date of day 1 as yyyy-MM-dd, got \"\(dayOneStarts)\"")
        }
        if weekOneStarts != nil, dayOneStarts != nil {
            throw object.invalid("dayOneStarts", "the date column holds either week numbers (weekOneStarts) or day numbers (dayOneStarts): set one of them")
        }
        wide = try object.optional("wide")
        if wide != nil, weekOneStarts != nil {
            throw object.invalid("weekOneStarts", "a wide producer's dates come from its headers: for numbered weeks set wide.firstDay and wide.unit \"week\" instead")
        }
        if wide != nil, dayOneStarts != nil {
            throw object.invalid("dayOneStarts", "a wide producer's dates come from its headers: for numbered days set wide.firstDay and wide.unit \"day\" instead")
        }
        countRows = try object.value("countRows", default: countRows)
        if columns.revenue != nil, wide != nil {
            throw object.invalid("columns.revenue", "a wide file's cells are quantities without amounts: map a price column (columns.price) instead")
        }
        if countRows, wide != nil {
            throw object.invalid("countRows", "a wide producer's quantities are its date columns: leave countRows out")
        }
        if countRows, !columns.quantity.isEmpty {
            throw object.invalid("countRows", "countRows counts each row as one unit, so columns.quantity ('\(columns.quantity)') must be left out; remove one of them")
        }
        if wide?.headersAreSkus != true, columns.sku.isEmpty {
            throw object.invalid("columns.sku", "required key 'sku' is missing: name the vendor's SKU column (or set producers[].wide with headers \"sku\" for a file with one quantity column per SKU)")
        }
        if wide?.headersAreSkus == true, columns.date.isEmpty {
            throw object.invalid("columns.date", "required key 'date' is missing: a file with one quantity column per SKU (wide.headers \"sku\") needs the column that dates its rows")
        }
        if wide == nil {
            if columns.date.isEmpty {
                throw object.invalid("columns.date", "required key 'date' is missing: name the vendor's date column (or set producers[].wide for a file with one quantity column per date)")
            }
            if columns.quantity.isEmpty, !countRows {
                throw object.invalid("columns.quantity", "required key 'quantity' is missing: name the vendor's quantity column (or set producers[].countRows when each row is one unit sold, or producers[].wide for a file with one quantity column per date)")
            }
        }
        regressors = try object.value("regressors", default: regressors)
        flags = try object.value("flags", default: flags)
        // Both become covariates by our name: names the covariate files can hold, columns that parse.
        for (key, role, mapping) in [("regressors", "regressor", regressors), ("flags", "flag", flags)] {
            for (name, column) in mapping.sorted(by: { $0.key < $1.key }) {
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name != "quantity", name != "price" else {
                    throw object.invalid(key, "\(role) name '\(name)' must be letters, digits or '_' (not quantity or price)")
                }
                do { _ = try ColumnTemplate(column) } catch { throw object.invalid(key, "\(role) '\(name)': \(error)") }
            }
        }
        if let both = flags.keys.sorted().first(where: { regressors[$0] != nil }) {
            throw object.invalid("flags", "'\(both)' is both a regressor and a flag; give one of them another name")
        }
        for (key, text) in [("columns.sku", columns.sku), ("columns.price", columns.price ?? "")] {
            do { _ = try ColumnTemplate(text) } catch { throw object.invalid(key, "\(error)") }
        }
        try checkPairedMappings(object)
    }

    /// `{*}` (a SKU's own column, `HeaderMatch`) needs SKU headers matched by a glob with one `*`, and stands alone.
    private func checkPairedMappings(_ object: ConfigObject) throws {
        let mappings = [("columns.sku", columns.sku), ("columns.price", columns.price ?? "")]
            + regressors.sorted { $0.key < $1.key }.map { ("regressors", $0.value) } + flags.sorted { $0.key < $1.key }.map { ("flags", $0.value) }
        for (key, mapping) in mappings where HeaderMatch.isPaired(mapping) {
            guard let wide, wide.headersAreSkus, wide.columns.filter({ $0 == "*" }).count == 1 else {
                throw object.invalid(key, "'\(mapping)': {*} stands for what the * of wide.columns matched in a SKU's quantity header; it needs wide.headers \"sku\" and a wide.columns glob with one *, such as \"QTY_*\"")
            }
            guard (try? ColumnTemplate(mapping))?.placeholders.allSatisfy({ $0 == "*" }) == true else {
                throw object.invalid(key, "'\(mapping)': {*} names a SKU's own column and cannot be combined with a row's {column} placeholders")
            }
        }
    }
}

extension PipelineConfig.ColumnMapping {
    /// Decodes a column mapping; the producer checks which of `sku`, `date` and `quantity` its layout needs.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["sku", "date", "quantity", "price", "store", "revenue"])
        self.init(sku: try object.optional("sku") ?? "", date: try object.optional("date") ?? "", quantity: try object.optional("quantity") ?? "",
                  price: try object.optional("price"), store: try object.optional("store"), revenue: try object.optional("revenue"))
        if price != nil, revenue != nil {
            throw object.invalid("revenue", "a row's price comes from columns.price or from columns.revenue over the quantity: set one of them")
        }
    }
}

extension PipelineConfig.WideLayout {
    /// Decodes a wide layout; `columns` is required.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["columns", "firstDay", "unit", "headers", "exclude"])
        self.init(columns: try object.required("columns"), firstDay: try object.optional("firstDay"),
                  unit: try object.value("unit", default: "day"), headers: try object.value("headers", default: "date"),
                  exclude: try object.value("exclude", default: []))
        guard ["date", "sku"].contains(headers) else { throw object.invalid("headers", "expected \"date\" or \"sku\", got \"\(headers)\"") }
        if headersAreSkus, firstDay != nil {
            throw object.invalid("firstDay", "firstDay numbers date headers; with headers \"sku\" the dates come from columns.date")
        }
        guard !columns.isEmpty else { throw object.invalid("columns", "expected a glob over header names such as \"d_*\"") }
        if let firstDay, ISODay.parse(firstDay) == nil {
            throw object.invalid("firstDay", "expected the date of header number 1 as yyyy-MM-dd, got \"\(firstDay)\"")
        }
        guard ["day", "week"].contains(unit) else { throw object.invalid("unit", "expected \"day\" or \"week\", got \"\(unit)\"") }
    }
}

extension PipelineConfig.RowFilter {
    /// Decodes a row filter.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["column", "exclude", "include"])
        self.init(column: try object.required("column"), exclude: try object.value("exclude", default: []),
                  include: try object.value("include", default: []))
    }
}

extension PipelineConfig.Ingest {
    /// Decodes the ingest settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["excludeSkus", "dateFrom", "dateTo", "maxBadRowShare"])
        self.init()
        excludeSkus = try object.value("excludeSkus", default: excludeSkus)
        dateFrom = try object.optional("dateFrom")
        dateTo = try object.optional("dateTo")
        for (key, value) in [("dateFrom", dateFrom), ("dateTo", dateTo)] {
            if let value, ISODay.parse(value) == nil { throw object.invalid(key, "expected a date as yyyy-MM-dd, got \"\(value)\"") }
        }
        maxBadRowShare = try object.value("maxBadRowShare", default: maxBadRowShare)
        guard (0...1).contains(maxBadRowShare) else { throw object.invalid("maxBadRowShare", "expected a share between 0 and 1") }
    }
}

extension PipelineConfig.Clean {
    /// Decodes the clean settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: [
            "bucket", "monthly", "bucketWeeks", "anchorWeekday", "dropPartialEdgeBuckets", "outlierZ", "fillGaps", "minTotalQuantity", "minNonZeroBuckets", "keepSkus",
        ])
        self.init()
        bucket = try object.value("bucket", default: bucket)
        guard ["week", "month", "auto"].contains(bucket) else {
            throw object.invalid("bucket", "expected \"week\", \"month\" or \"auto\", got \"\(bucket)\"")
        }
        monthly = try object.optional("monthly")
        bucketWeeks = try object.value("bucketWeeks", default: bucketWeeks)
        guard (1...52).contains(bucketWeeks) else { throw object.invalid("bucketWeeks", "expected 1 to 52 weeks per bucket") }
        anchorWeekday = try object.value("anchorWeekday", default: anchorWeekday)
        guard Weekdays.index(of: anchorWeekday) != nil else {
            throw object.invalid("anchorWeekday", "expected one of \(Weekdays.names.joined(separator: ", ")), got \"\(anchorWeekday)\"")
        }
        dropPartialEdgeBuckets = try object.value("dropPartialEdgeBuckets", default: dropPartialEdgeBuckets)
        outlierZ = try object.value("outlierZ", default: outlierZ)
        guard outlierZ >= 0 else { throw object.invalid("outlierZ", "expected 0 (off) or a positive number of standard deviations") }
        fillGaps = try object.value("fillGaps", default: fillGaps)
        minTotalQuantity = try object.value("minTotalQuantity", default: minTotalQuantity)
        minNonZeroBuckets = try object.value("minNonZeroBuckets", default: minNonZeroBuckets)
        keepSkus = try object.value("keepSkus", default: keepSkus)
    }
}

extension PipelineConfig.MonthlyModel {
    /// Decodes the monthly model settings (written by `auto` into every run's manifest).
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["seasonLength", "lookback", "horizon", "periods"])
        self.init()
        seasonLength = try object.value("seasonLength", default: seasonLength)
        lookback = try object.value("lookback", default: lookback)
        horizon = try object.value("horizon", default: horizon)
        periods = try object.value("periods", default: periods)
        for (key, months) in [("seasonLength", seasonLength), ("lookback", lookback), ("horizon", horizon)] where months < 1 {
            throw object.invalid(key, "expected at least 1 month")
        }
        guard periods.allSatisfy({ $0 >= 2 }) else { throw object.invalid("periods", "every period must be at least 2 months") }
    }
}

extension PipelineConfig.Features {
    /// Decodes the feature settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["periods", "rollingWindows", "holidays", "promotions", "plans"])
        self.init()
        periods = try object.value("periods", default: periods)
        guard periods.allSatisfy({ $0 >= 2 }) else { throw object.invalid("periods", "every period must be at least 2 buckets") }
        rollingWindows = try object.value("rollingWindows", default: rollingWindows)
        guard rollingWindows.allSatisfy({ $0 >= 1 }) else { throw object.invalid("rollingWindows", "every window must be at least 1 bucket") }
        holidays = try object.optional("holidays")
        promotions = try object.optional("promotions")
        plans = try object.optional("plans")
    }
}

extension PipelineConfig.Model {
    /// Decodes the model settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["horizon", "lookback", "seasonLength", "candidates", "selection", "cvOrigins", "lstm", "newSkus", "covariates", "attributes"])
        self.init()
        horizon = try object.value("horizon", default: horizon)
        guard (1...520).contains(horizon) else { throw object.invalid("horizon", "expected 1 to 520 buckets") }
        lookback = try object.value("lookback", default: lookback)
        guard lookback >= 1 else { throw object.invalid("lookback", "expected at least 1 bucket") }
        seasonLength = try object.value("seasonLength", default: seasonLength)
        guard seasonLength >= 1 else { throw object.invalid("seasonLength", "expected at least 1 bucket") }
        candidates = try object.value("candidates", default: candidates)
        for name in candidates where !ModelCatalog.names.contains(name) {
            throw object.invalid("candidates", "unknown model '\(name)'; known: \(ModelCatalog.names.joined(separator: ", "))")
        }
        guard !candidates.isEmpty else { throw object.invalid("candidates", "name at least one model") }
        selection = try object.value("selection", default: selection)
        lstm = try object.value("lstm", default: lstm)
        newSkus = try object.value("newSkus", default: newSkus)
        covariates = try object.optional("covariates")
        attributes = try object.value("attributes", default: attributes)
        guard ["perSeries", "global"].contains(selection) else {
            throw object.invalid("selection", "expected \"perSeries\" or \"global\", got \"\(selection)\"")
        }
        cvOrigins = try object.value("cvOrigins", default: cvOrigins)
        guard cvOrigins >= 1 else { throw object.invalid("cvOrigins", "expected at least 1 origin") }
    }
}

extension PipelineConfig.Intervals {
    /// Decodes the interval settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["levels", "method", "backtestWindows", "seasonalWidth"])
        self.init()
        levels = try object.value("levels", default: levels)
        guard levels.allSatisfy({ $0 > 0 && $0 < 1 }) else { throw object.invalid("levels", "every level must be between 0 and 1, e.g. 0.8") }
        method = try object.value("method", default: method)
        guard ["conformal", "empirical", "gaussian"].contains(method) else {
            throw object.invalid("method", "expected \"conformal\", \"empirical\" or \"gaussian\", got \"\(method)\"")
        }
        backtestWindows = try object.value("backtestWindows", default: backtestWindows)
        guard backtestWindows >= 1 else { throw object.invalid("backtestWindows", "expected at least 1 window") }
        seasonalWidth = try object.value("seasonalWidth", default: seasonalWidth)
    }
}

extension PipelineConfig.Retry {
    /// Decodes `{"default": policy, "<state>": policy, …}`.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["default"] + StateName.allCases.map(\.rawValue))
        self.init()
        defaultPolicy = try object.value("default", default: defaultPolicy)
        for key in object.keys where key != "default" {
            states[key] = try object.required(key)
        }
    }

    /// Encodes as `{"default": policy, "<state>": policy, …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(defaultPolicy, forKey: AnyKey("default"))
        for key in states.keys.sorted() { try container.encode(states[key], forKey: AnyKey(key)) }
    }
}

extension DaemonSettings {
    /// Decodes the daemon settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["settleSeconds", "rescanSeconds", "retrainEveryHours"])
        self.init()
        settleSeconds = try object.value("settleSeconds", default: settleSeconds)
        guard settleSeconds >= 0 else { throw object.invalid("settleSeconds", "expected 0 or more seconds") }
        rescanSeconds = try object.value("rescanSeconds", default: rescanSeconds)
        guard rescanSeconds > 0 else { throw object.invalid("rescanSeconds", "expected a positive number of seconds") }
        retrainEveryHours = try object.value("retrainEveryHours", default: retrainEveryHours)
        guard retrainEveryHours >= 0 else { throw object.invalid("retrainEveryHours", "expected 0 (never) or a positive number of hours") }
    }
}

extension RetryPolicy {
    /// Decodes a retry policy.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: [
            "maxAttempts", "intervalSeconds", "backoffRate", "maxDelaySeconds", "jitter", "timeoutSeconds",
        ])
        self.init()
        maxAttempts = try object.value("maxAttempts", default: maxAttempts)
        guard (1...100).contains(maxAttempts) else { throw object.invalid("maxAttempts", "expected 1 to 100 attempts") }
        intervalSeconds = try object.value("intervalSeconds", default: intervalSeconds)
        backoffRate = try object.value("backoffRate", default: backoffRate)
        guard intervalSeconds >= 0, backoffRate >= 1 else {
            throw object.invalid("backoffRate", "expected intervalSeconds >= 0 and backoffRate >= 1")
        }
        maxDelaySeconds = try object.value("maxDelaySeconds", default: maxDelaySeconds)
        jitter = try object.value("jitter", default: jitter)
        guard (0...1).contains(jitter) else { throw object.invalid("jitter", "expected a fraction between 0 and 1") }
        timeoutSeconds = try object.value("timeoutSeconds", default: timeoutSeconds)
        guard timeoutSeconds > 0 else { throw object.invalid("timeoutSeconds", "expected a positive number of seconds") }
    }
}

/// Weekday names as the config spells them; index 0 is Monday.
enum Weekdays {
    static let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static func index(of name: String) -> Int? { names.firstIndex(of: name.lowercased()) }
    /// The capitalised name of a day's weekday (days since 1970-01-01, a Thursday).
    static func name(ofDay day: Int32) -> String { names[((Int(day) % 7) + 7 + 3) % 7].capitalized }
}

/// The model names the config may list: every `Forecasting.BaselineModel`, and the global LSTM.
enum ModelCatalog {
    static let names = BaselineModel.allCases.map(\.rawValue) + ["lstm"]
}

/// Strict `yyyy-MM-dd` parsing for config values.
enum ISODay {
    static func parse(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return (year, month, day)
    }
}

extension AlertSettings {
    /// Decodes the alert settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["webhook", "email", "maxAttempts", "initialDelaySeconds", "backoffRate",
                                                         "maxDelaySeconds", "dedupWindowSeconds", "drift"])
        self.init()
        webhook = try object.optional("webhook")
        email = try object.optional("email")
        maxAttempts = try object.value("maxAttempts", default: maxAttempts)
        guard maxAttempts >= 1 else { throw object.invalid("maxAttempts", "expected at least 1 attempt") }
        initialDelaySeconds = try object.value("initialDelaySeconds", default: initialDelaySeconds)
        backoffRate = try object.value("backoffRate", default: backoffRate)
        guard backoffRate >= 1 else { throw object.invalid("backoffRate", "expected 1 or more") }
        maxDelaySeconds = try object.value("maxDelaySeconds", default: maxDelaySeconds)
        dedupWindowSeconds = try object.value("dedupWindowSeconds", default: dedupWindowSeconds)
        guard dedupWindowSeconds >= 0, initialDelaySeconds >= 0, maxDelaySeconds >= 0 else {
            throw object.invalid("dedupWindowSeconds", "expected 0 or more seconds")
        }
        drift = try object.value("drift", default: drift)
    }
}

extension AlertSettings.Webhook {
    /// Decodes a webhook channel.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["url", "secretEnv"])
        self.init()
        url = try object.required("url")
        guard url.hasPrefix("http://") else {
            throw object.invalid("url", "expected an http:// URL (for https, run a local TLS relay such as stunnel and point this at it)")
        }
        secretEnv = try object.optional("secretEnv")
    }
}

extension AlertSettings.Email {
    /// Decodes an e-mail channel.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["host", "port", "from", "to", "usernameEnv", "passwordEnv"])
        self.init()
        host = try object.required("host")
        port = try object.value("port", default: port)
        guard (1...65_535).contains(port) else { throw object.invalid("port", "expected a TCP port 1–65535") }
        from = try object.required("from")
        to = try object.required("to")
        guard !to.isEmpty else { throw object.invalid("to", "expected at least one recipient") }
        usernameEnv = try object.optional("usernameEnv")
        passwordEnv = try object.optional("passwordEnv")
    }
}

extension AlertSettings.Drift {
    /// Decodes the drift settings.
    public init(from decoder: any Decoder) throws {
        let object = try ConfigObject(decoder, allowed: ["enabled", "wapeThreshold", "consecutiveBuckets", "clearRatio", "retrainOnDrift"])
        self.init()
        enabled = try object.value("enabled", default: enabled)
        wapeThreshold = try object.value("wapeThreshold", default: wapeThreshold)
        guard wapeThreshold > 0 else { throw object.invalid("wapeThreshold", "expected a positive fraction, e.g. 0.6 for 60 %") }
        consecutiveBuckets = try object.value("consecutiveBuckets", default: consecutiveBuckets)
        guard consecutiveBuckets >= 1 else { throw object.invalid("consecutiveBuckets", "expected at least 1") }
        clearRatio = try object.value("clearRatio", default: clearRatio)
        guard clearRatio > 0, clearRatio <= 1 else { throw object.invalid("clearRatio", "expected a fraction in (0, 1]") }
        retrainOnDrift = try object.value("retrainOnDrift", default: retrainOnDrift)
    }
}

/// The keys a JSON object has, whatever their values.
private struct PresentKeys: Decodable {
    let names: Set<String>

    init(from decoder: any Decoder) throws {
        names = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }
}
