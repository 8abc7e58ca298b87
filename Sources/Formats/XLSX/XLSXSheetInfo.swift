/// Whether a sheet tab is shown (ECMA-376 `ST_SheetState`).
public enum XLSXSheetState: String, Sendable, Hashable {
    /// Shown as a tab.
    case visible
    /// Hidden; the user can unhide it.
    case hidden
    /// Hidden; only code can unhide it.
    case veryHidden
}

/// What a sheet of the workbook contains.
public enum XLSXSheetKind: Sendable, Hashable {
    /// A grid of cells.
    case worksheet
    /// A full-page chart: no cells.
    case chartsheet
    /// A dialog, macro or other sheet type this reader does not read cells from.
    case other
}

/// One entry of the workbook's `<sheets>` list.
public struct XLSXSheetInfo: Sendable, Hashable {
    /// The tab name.
    public var name: String
    /// Whether the tab is visible.
    public var state: XLSXSheetState
    /// Worksheet, chartsheet or other.
    public var kind: XLSXSheetKind
    /// The zip entry holding the sheet's XML, or `nil` when its relationship is missing.
    public var partPath: String?

    /// Creates a sheet description.
    public init(name: String, state: XLSXSheetState, kind: XLSXSheetKind, partPath: String?) {
        self.name = name
        self.state = state
        self.kind = kind
        self.partPath = partPath
    }
}

/// The cells of one sheet.
public struct XLSXSheet: Sendable {
    /// Which sheet this is.
    public var info: XLSXSheetInfo
    /// The non-empty cells in document order (normally row by row, left to right).
    public var cells: [XLSXCell]

    /// Creates a sheet.
    public init(info: XLSXSheetInfo, cells: [XLSXCell]) {
        self.info = info
        self.cells = cells
    }
}
