import Forecasting
/// The whole configuration of a DemandPlanner root, with every default filled in.
///
/// Loaded from `config/demand.json` by `ConfigLoader`; the resolved form (defaults included) is
/// written into each run's manifest, hashed, and read back by `demand replay`.
public struct PipelineConfig: Sendable, Equatable, Codable {
    /// Folders the daemon uses, relative to the root unless absolute.
    public var paths = Paths()
    /// The seed every random choice of a run derives from.
    public var seed: UInt64 = 20_261_124
    /// The vendors that drop files, and how to read each one's columns.
    public var producers: [Producer] = []
    /// Row filters and attribute handling of the `ingest` state.
    public var ingest = Ingest()
    /// Bucketing, outlier capping and low-volume removal of the `clean` state.
    public var clean = Clean()
    /// Inputs computed by the `features` state.
    public var features = Features()
    /// Horizon, season and candidate models for `tune`, `train` and `forecast`.
    public var model = Model()
    /// Prediction interval levels and method of the `residuals` state.
    public var intervals = Intervals()
    /// Retry policies: a default and per-state overrides keyed by state name.
    public var retry = Retry()
    /// How the daemon watches, batches and schedules.
    public var daemon = DaemonSettings()
    /// Where alerts go (webhook, e-mail), how delivery is retried and deduplicated, and drift checks.
    public var alerts = AlertSettings()

    /// Creates the default configuration (no producers).
    public init() {}

    /// Folder layout of a root.
    public struct Paths: Sendable, Equatable, Codable {
        public var landing = "landing"
        public var processed = "processed"
        public var artifacts = "artifacts"
        /// Holiday and promotion calendars (CSV) live here.
        public var calendars = "config/calendars"
        public init() {}
    }

    /// One vendor: how its files are recognised and how their columns map to ours.
    public struct Producer: Sendable, Equatable, Codable {
        /// The producer's name, also its subfolder `landing/<name>/`.
        public var name: String
        /// Filename glob patterns (`*` and `?`) that claim a top-level landing file for this producer.
        public var patterns: [String] = []
        /// CSV delimiter, or `nil` to sniff it.
        public var delimiter: String?
        /// Whether numbers use a decimal comma.
        public var decimalComma = false
        /// What a file's rows on days the master table already holds for this producer do: `add` to them
        /// (the default; the log warns) or `replace` them (a vendor whose files restate earlier days).
        public var overlap = Overlap.add
        /// The 1-based line (CSV) or sheet row (workbook) of the header when a report's title or notes
        /// come first; `nil`: the first line, or the first non-empty row.
        public var headerRow: Int?
        /// Date layout such as `dd/MM/yyyy` (or several, tried in order), or `nil` to detect ISO and common forms.
        public var dateFormat: DateLayouts?
        /// When set (`yyyy-MM-dd`), the date column holds week numbers instead of dates: week 1 starts on
        /// this day, week n on the day 7·(n−1) later (Dominick's week 1 starts on 1989-09-14).
        public var weekOneStarts: String?
        /// When set (`yyyy-MM-dd`), the date column holds day numbers instead of dates: day 1 is this day,
        /// day n the day n−1 later (dunnhumby's "The Complete Journey" numbers its days from 1).
        public var dayOneStarts: String?
        /// When true the file has no quantity column: each row is one unit sold (one line per item, as in
        /// H&M's or Olist's order lines), and `columns.quantity` must be left out.
        public var countRows = false
        /// Vendor column names of our required fields.
        public var columns: ColumnMapping
        /// Static SKU attributes: our attribute name → vendor column name.
        public var attributes: [String: String] = [:]
        /// Rows to drop by value of a vendor column.
        public var filters: [RowFilter] = []
        /// Per-row numeric inputs the forecaster reads besides price: our name → vendor column (or a
        /// column template such as `"price{brand}"`), e.g. `{"deal": "deal", "feat": "feat"}`.
        /// Averaged per bucket, carried forward over buckets without rows.
        public var regressors: [String: String] = [:]
        /// Per-row event columns read as 0/1 regressors: our name → vendor column, e.g. Rossmann's
        /// `{"stateholiday": "StateHoliday"}`. A cell is 1 when it holds anything but an empty cell, a
        /// zero or a no/false flag — codes such as `a`, `b`, `c` or an event's name.
        public var flags: [String: String] = [:]
        /// For workbooks: the sheet to read, by name or by 0-based position as text (`"Sales"`, `"0"`);
        /// `nil` reads the first visible worksheet.
        public var sheet: String?
        /// For files with one quantity column per date (a pivot export, M5's `d_1 … d_1941`) or per SKU:
        /// which columns hold quantities and what their headers name. `columns.quantity` is then not
        /// used, nor `columns.date` for date headers or `columns.sku` for SKU headers.
        public var wide: WideLayout?

        /// Every vendor column this producer reads (so columnar files read only those), or `nil` when a
        /// column name depends on the row (a template such as `"price{brand}"`) and every column is read.
        public var mappedColumns: Set<String>? {
            if wide != nil { return nil }  // the quantity columns are known only from the header
            for name in [columns.price].compactMap({ $0 }) + Array(regressors.values) + Array(flags.values) {
                guard let template = try? ColumnTemplate(name), !template.isTemplate else { return nil }
            }
            return countRows ? nonQuantityColumns : nonQuantityColumns.union([columns.quantity])
        }

        /// The vendor columns this producer maps to something other than quantities — the SKU (or the
        /// columns of its template), date, store, price, regressors, attributes and filters. A wide
        /// file's `wide.columns` never takes them as quantity columns, so `"*"` means "the rest".
        public var nonQuantityColumns: Set<String> {
            var names = Set(([columns.date, columns.store, columns.price, columns.revenue].compactMap { $0 } + Array(regressors.values)
                             + Array(flags.values)).filter { !HeaderMatch.isPaired($0) } + Array(attributes.values) + filters.map(\.column))
            if let sku = try? ColumnTemplate(columns.sku), sku.isTemplate { names.formUnion(sku.placeholders) } else { names.insert(columns.sku) }
            names.remove("")
            return names
        }

        /// The price (named "") and the regressors and flags whose column is each SKU's own, named with
        /// `{*}` after its quantity header (`"promo": "PROMO_{*}"`), sorted by name.
        public var pairedMappings: [(name: String, mapping: String, isFlag: Bool)] {
            let price = columns.price.map { [(name: "", mapping: $0, isFlag: false)] } ?? []
            let regressorMappings = regressors.sorted { $0.key < $1.key }.map { (name: $0.key, mapping: $0.value, isFlag: false) }
            let flagMappings = flags.sorted { $0.key < $1.key }.map { (name: $0.key, mapping: $0.value, isFlag: true) }
            return (price + regressorMappings + flagMappings).filter { HeaderMatch.isPaired($0.mapping) }
        }

        /// Creates a producer with a column mapping.
        public init(name: String, columns: ColumnMapping) {
            self.name = name
            self.columns = columns
        }
    }

    /// How a producer's new rows meet the days earlier files already gave (`producers[].overlap`).
    public enum Overlap: String, Sendable, Equatable, Codable {
        /// Rows add to the day's earlier rows: files may split a day (by store, by region).
        case add
        /// A file restates the days it covers: earlier rows of the producer on those days are replaced.
        case replace
    }

    /// A wide file's layout: every column whose header matches `columns` holds the quantities of one date
    /// (`headers` "date", the default) or of one SKU (`headers` "sku").
    ///
    /// Date headers: without `firstDay` each such header must read as a date (`2024-01-01`, or as
    /// `dateFormat` says). With it, the number at the end of the header counts `unit`s from `firstDay`:
    /// `d_1` is `firstDay`, `d_2` the next day (or week). SKU headers: each header names a SKU and
    /// `columns.date` the column that dates each row. Empty and zero cells record no sale.
    public struct WideLayout: Sendable, Equatable, Codable {
        /// Glob (`*`, `?`) over header names selecting the quantity columns, e.g. `"d_*"` or `"20*"`.
        public var columns: String
        /// The date of number 1 (`yyyy-MM-dd`), when headers are numbered rather than dated.
        public var firstDay: String?
        /// `day` or `week`: the distance between consecutive header numbers.
        public var unit: String = "day"
        /// What the matched headers name: `date` or `sku`.
        public var headers: String = "date"
        /// Globs of headers that are never quantity columns even when `columns` matches them (a file's
        /// `Year` or `Weekday Name` beside its SKU columns).
        public var exclude: [String] = []

        /// Days between consecutive header numbers.
        public var unitDays: Int32 { unit == "week" ? 7 : 1 }
        /// Whether each quantity column is a SKU's (its rows dated by `columns.date`).
        public var headersAreSkus: Bool { headers == "sku" }

        public init(columns: String, firstDay: String? = nil, unit: String = "day", headers: String = "date", exclude: [String] = []) {
            self.columns = columns
            self.firstDay = firstDay
            self.unit = unit
            self.headers = headers
            self.exclude = exclude
        }

        /// Whether a header names a quantity column: `columns` matches it and no `exclude` glob does.
        public func holdsQuantities(_ header: String) -> Bool {
            Glob.matches(columns, header) && !exclude.contains { Glob.matches($0, header) }
        }
    }

    /// Vendor column names for the fields every row needs (and the optional ones).
    public struct ColumnMapping: Sendable, Equatable, Codable {
        /// The SKU column, or a template combining columns such as `"{store}-{brand}"` (one series per store and brand).
        public var sku: String
        public var date: String
        public var quantity: String
        /// Unit price column, if the vendor sends one; may name a column by template (`"price{brand}"`).
        public var price: String?
        /// Store or location column, if any; series are per SKU unless `clean.seriesKey` says otherwise.
        public var store: String?
        /// The line's money amount (sales value, revenue), when the vendor sends that instead of a unit
        /// price: each row's price is then the amount over its quantity.
        public var revenue: String?
        public init(sku: String, date: String, quantity: String, price: String? = nil, store: String? = nil, revenue: String? = nil) {
            self.sku = sku
            self.date = date
            self.quantity = quantity
            self.price = price
            self.store = store
            self.revenue = revenue
        }
    }

    /// Keeps or drops rows by the value of one vendor column.
    public struct RowFilter: Sendable, Equatable, Codable {
        /// The vendor column the filter looks at.
        public var column: String
        /// Rows whose value is in this list are dropped.
        public var exclude: [String] = []
        /// When not empty, only rows whose value is in this list are kept.
        public var include: [String] = []
        public init(column: String, exclude: [String] = [], include: [String] = []) {
            self.column = column
            self.exclude = exclude
            self.include = include
        }
    }

    /// Settings of the `ingest` state.
    public struct Ingest: Sendable, Equatable, Codable {
        /// SKUs that are not products (postage, fees) and are always dropped.
        public var excludeSkus: [String] = []
        /// First day kept (ISO `yyyy-MM-dd`), if any.
        public var dateFrom: String?
        /// Last day kept (ISO `yyyy-MM-dd`), if any.
        public var dateTo: String?
        /// Share of unreadable rows a file may have before the whole file is refused.
        public var maxBadRowShare = 0.01
        public init() {}
    }

    /// Settings of the `clean` state.
    public struct Clean: Sendable, Equatable, Codable {
        /// `week` (buckets of `bucketWeeks` weeks), `month` (calendar months) or `auto` (the default:
        /// months when every sale is dated on one day of its month — a monthly export — else weeks).
        public var bucket = "auto"
        /// Under `auto`: the model settings a run uses when its data turns out monthly (set when the config
        /// is read, from the monthly defaults for what the config leaves out; `nil` under `week` and `month`).
        public var monthly: MonthlyModel? = MonthlyModel()
        /// Bucket length in weeks.
        public var bucketWeeks = 1
        /// The weekday buckets start on (`monday` … `sunday`).
        public var anchorWeekday = "monday"
        /// Drop the first and last bucket when the data covers them only partly.
        public var dropPartialEdgeBuckets = true
        /// Values more than this many standard deviations above a SKU's mean are capped; 0 disables.
        public var outlierZ = 5.0
        /// Fill runs of empty buckets that a SKU selling in nearly every bucket is unlikely to have
        /// (missing data, not a lack of demand: `GapFilling`); false keeps them as zeros.
        public var fillGaps = true
        /// SKUs with less total quantity than this are removed (unless kept).
        public var minTotalQuantity = 0.0
        /// SKUs with fewer non-zero buckets than this are removed (unless kept).
        public var minNonZeroBuckets = 1
        /// SKUs that always survive low-volume removal.
        public var keepSkus: [String] = []
        public init() {}
    }

    /// The settings that change with monthly buckets: a yearly season of 12, two years of lookback, half
    /// a year ahead, yearly and half-yearly sin/cos (for the keys a config leaves out).
    public struct MonthlyModel: Sendable, Equatable, Codable {
        /// `model.seasonLength` in months.
        public var seasonLength = 12
        /// `model.lookback` in months.
        public var lookback = 24
        /// `model.horizon` in months.
        public var horizon = 6
        /// `features.periods` in months.
        public var periods = [12, 6]
        public init() {}
    }

    /// Settings of the `features` state.
    public struct Features: Sendable, Equatable, Codable {
        /// Seasonal periods in buckets; each adds a sin/cos pair.
        public var periods = [52, 26, 13]
        /// Trailing windows in buckets for rolling mean/std/min/max.
        public var rollingWindows = [4, 13]
        /// Holiday calendar CSV (`date[,name]`) relative to the root, or `nil`.
        public var holidays: String?
        /// Promotion calendar CSV (`sku,start,end` — empty sku means all) relative to the root, or `nil`.
        public var promotions: String?
        /// Planned covariates for the forecast buckets (`sku,date,price,deal,…`) relative to the root, or
        /// `nil` (then the last observed values are carried forward).
        public var plans: String?
        public init() {}
    }

    /// Settings of `tune`, `train` and `forecast`.
    public struct Model: Sendable, Equatable, Codable {
        /// Buckets to forecast.
        public var horizon = 13
        /// Buckets of history a model looks at (the LSTM's window).
        public var lookback = 52
        /// Season length in buckets (seasonal naive, MASE scaling).
        public var seasonLength = 52
        /// Models `tune` scores and chooses among: the baselines and the global LSTM (`lstm`). Leave `lstm`
        /// out for a quick, baselines-only run.
        public var candidates = ["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "holt", "holtWinters", "croston", "tsb", "combination", "lstm"]
        /// `perSeries` or `global` selection.
        public var selection = "global"
        /// SKUs announced without sales history, with attributes to find similar SKUs by
        /// (e.g. `{"NEW-1": {"category": "Toys"}}`); they get cold-start forecasts.
        public var newSkus: [String: [String: String]] = [:]
        /// The global LSTM's hyperparameters (used when `candidates` lists `lstm`).
        public var lstm = NeuralSettings()
        /// The covariates the network reads, by name (`price`, a producer's regressors, `holiday`,
        /// `promotion`); `nil` reads every one the data has. Leave out a price that follows demand
        /// rather than drives it (e.g. unit prices that fall with order size).
        public var covariates: [String]?
        /// SKU attributes (a producer's `attributes`, e.g. `brand`, `category`) the network embeds, each
        /// in its own table sized `min(50, ceil(values / 2)) × embeddingScale`; `a|b` values are multi-label.
        public var attributes: [String] = []
        /// Rolling origins used by cross-validation.
        public var cvOrigins = 3
        public init() {}
    }

    /// Settings of the `residuals` state.
    public struct Intervals: Sendable, Equatable, Codable {
        /// Central coverage levels, e.g. 0.8 and 0.95.
        public var levels = [0.8, 0.95]
        /// `conformal`, `empirical` or `gaussian`: the method the forecast uses.
        public var method = "conformal"
        /// Backtest windows whose residuals calibrate the intervals.
        public var backtestWindows = 4
        /// Widen (or narrow) intervals by last season's rise into the forecast buckets (`SeasonalWidth`).
        public var seasonalWidth = true
        public init() {}
    }

    /// Retry policies of the orchestrator.
    public struct Retry: Sendable, Equatable, Codable {
        /// The policy of every state without its own.
        public var defaultPolicy = RetryPolicy()
        /// Per-state policies keyed by state name.
        public var states: [String: RetryPolicy] = [:]
        public init() {}

        /// The policy that applies to `state`.
        public func policy(for state: String) -> RetryPolicy { states[state] ?? defaultPolicy }
    }
}

/// Settings of `demand daemon`.
public struct DaemonSettings: Sendable, Equatable, Codable {
    /// A file must keep its size and mtime this long before it is claimed.
    public var settleSeconds = 2.0
    /// A full rescan of landing runs this often, as a safety net behind inotify.
    public var rescanSeconds = 60.0
    /// Start a run over the master table this often even without new files (0 = never), e.g. 168 for weekly.
    public var retrainEveryHours = 0.0
    public init() {}
}

/// How often and how patiently a failed state is tried again (Step Functions' retrier).
public struct RetryPolicy: Sendable, Equatable, Codable {
    /// Total attempts including the first.
    public var maxAttempts = 3
    /// Seconds before the second attempt.
    public var intervalSeconds = 1.0
    /// Each further wait is multiplied by this.
    public var backoffRate = 2.0
    /// No wait is longer than this many seconds.
    public var maxDelaySeconds = 60.0
    /// Fraction of the wait added or removed at random (seeded, so replays wait the same).
    public var jitter = 0.1
    /// An attempt running longer than this many seconds fails with a timeout.
    public var timeoutSeconds = 3_600.0
    public init() {}

    /// The wait before attempt `attempt` (2, 3, …), given a jitter draw in [0, 1).
    public func delay(beforeAttempt attempt: Int, jitterDraw: Double) -> Double {
        let base = intervalSeconds * pow(backoffRate, Double(max(0, attempt - 2)))
        let capped = min(maxDelaySeconds, base)
        return max(0, capped * (1 + jitter * (2 * jitterDraw - 1)))
    }
}

import Foundation

/// Alert delivery: channels, retries, dedup window, and forecast-drift detection.
///
/// Secrets are never written in the config (it is copied into every manifest): they are read from
/// the environment variables named here.
public struct AlertSettings: Sendable, Equatable, Codable {
    /// A webhook that receives each alert as a JSON POST.
    public struct Webhook: Sendable, Equatable, Codable {
        /// `http://host:port/path` (put a local TLS relay in front for https).
        public var url = ""
        /// The environment variable holding the HMAC secret for `X-Signature-256`, if signing.
        public var secretEnv: String?
        public init() {}
    }

    /// An SMTP server that receives each alert as an e-mail.
    public struct Email: Sendable, Equatable, Codable {
        public var host = ""
        public var port = 25
        public var from = ""
        public var to: [String] = []
        /// Environment variables holding the SMTP login, when the server needs AUTH.
        public var usernameEnv: String?
        public var passwordEnv: String?
        public init() {}
    }

    /// Forecast-accuracy drift: new actuals compared with the forecasts made for those buckets.
    public struct Drift: Sendable, Equatable, Codable {
        /// Whether drift is checked at all.
        public var enabled = true
        /// Overall WAPE (fraction) above which a bucket counts as drifting.
        public var wapeThreshold = 0.6
        /// Consecutive drifting buckets that raise the alert.
        public var consecutiveBuckets = 2
        /// The alert clears once WAPE falls below `wapeThreshold × clearRatio` (hysteresis).
        public var clearRatio = 0.8
        /// Whether a raised drift alert makes the daemon start a retrain run.
        public var retrainOnDrift = false
        public init() {}
    }

    public var webhook: Webhook?
    public var email: Email?
    /// Attempts per channel, including the first.
    public var maxAttempts = 4
    public var initialDelaySeconds = 2.0
    public var backoffRate = 2.0
    public var maxDelaySeconds = 60.0
    /// The same alert (kind and subject) is not sent again to a channel within this many seconds.
    public var dedupWindowSeconds = 3_600.0
    public var drift = Drift()
    public init() {}
}
