import Formats

/// Which sheets of a vendor's workbook ingest reads (`producers[].sheet`), and their mapping.
enum WorkbookSheets {
    /// Maps the sheet or sheets the producer names from the workbook at `path` into `result`, returning
    /// the rows read.
    ///
    /// A pattern (`"Year *"`, `"*"`) reads every visible worksheet it matches in workbook order, each
    /// sheet's rows named `file[sheet]:row` — a workbook with one sheet per year, as UCI's
    /// `online_retail_II.xlsx` has. A name or 0-based index reads that sheet. Unset, the first visible
    /// worksheet is read and the others are listed in `result.sheetsNotRead`, for the log to warn of.
    static func map(path: String, name: String, producer: PipelineConfig.Producer, ingest: PipelineConfig.Ingest,
                    memoryLimitBytes: Int, into result: inout TransactionMapper.Result) throws -> Int {
        let workbook = try XLSXWorkbook.open(path: path, memoryLimitBytes: memoryLimitBytes)
        var rows = 0
        if let pattern = producer.sheetPattern {
            try workbook.forEachSheet(matching: "producers[].sheet '\(pattern)'", { Glob.matches(pattern, $0) }) { sheet in
                let table = XLSXReader.table(from: sheet, headerRow: producer.headerRow)
                rows += table.rows.count
                try TransactionMapper(producer: producer, ingest: ingest, fileName: "\(name)[\(sheet.info.name)]").map(table, into: &result)
            }
            return rows
        }
        let sheet = try workbook.sheet(producer.oneSheet)
        let table = XLSXReader.table(from: sheet, headerRow: producer.headerRow)
        try TransactionMapper(producer: producer, ingest: ingest, fileName: name).map(table, into: &result)
        if producer.sheet == nil {
            result.sheetsNotRead = workbook.visibleWorksheetNames.filter { $0 != sheet.info.name }
        }
        return table.rows.count
    }
}

extension PipelineConfig.Producer {
    /// `sheet` as a pattern over sheet names (`"Year *"`: every visible sheet it matches), or nil.
    public var sheetPattern: String? {
        sheet.flatMap { $0.contains(where: { $0 == "*" || $0 == "?" }) ? $0 : nil }
    }

    /// `sheet` when it names one sheet — a 0-based index or a name; nil for a pattern or none.
    public var oneSheet: SheetSelector? {
        guard let sheet, sheetPattern == nil else { return nil }
        return Int(sheet).map(SheetSelector.index) ?? .name(sheet)
    }
}
