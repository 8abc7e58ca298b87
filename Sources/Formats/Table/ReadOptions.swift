/// How to read a vendor file; every field has a default that suits well-formed files.
public struct ReadOptions: Sendable, Equatable {
    /// The CSV field delimiter, or `nil` to sniff it from the first lines (`,` `;` tab `|`).
    public var delimiter: UInt8?
    /// Whether numbers in text use a decimal comma (`1.234,5`); also steers delimiter sniffing to `;`.
    public var decimalComma: Bool
    /// The XLSX sheet to read: by name, or by 0-based index; `nil` reads the first sheet.
    public var sheet: SheetSelector?
    /// Read only these columns: Parquet leaves the others out, CSV keeps their names with null cells; `nil` reads all.
    public var columns: Set<String>?
    /// Refuse files whose declared or decompressed sizes would need more memory than this.
    public var memoryLimitBytes: Int
    /// The 1-based line (CSV) or sheet row (XLSX) of the header, when a report's title or export notes
    /// come first: what lies above it is skipped. `nil`: the first record (CSV), the first non-empty row (XLSX).
    public var headerRow: Int?

    /// Creates options; the defaults sniff the delimiter, read all columns and allow 4 GiB.
    public init(
        delimiter: UInt8? = nil, decimalComma: Bool = false, sheet: SheetSelector? = nil,
        columns: Set<String>? = nil, memoryLimitBytes: Int = 4 << 30, headerRow: Int? = nil
    ) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.sheet = sheet
        self.columns = columns
        self.memoryLimitBytes = memoryLimitBytes
        self.headerRow = headerRow
    }
}

/// Which sheet of a workbook to read.
public enum SheetSelector: Sendable, Equatable {
    case name(String)
    case index(Int)
}
