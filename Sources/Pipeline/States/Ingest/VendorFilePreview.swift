import Formats

/// What ingest makes of one vendor file, for `demand dump --mapped`.
public enum VendorFilePreview {
    /// The mapped rows as text columns, and the count of rows left out per reason.
    public struct Result: Sendable {
        public var header: [String]
        public var rows: [[String]]
        public var rejected: [String: Int]
        /// The first unreadable value, with its row and column (`file row N: column 'x': expected …`).
        public var firstUnreadable: String?
        /// The date layout the unreadable date cells suggest, as advice.
        public var dateAdvice: String?
        /// Advice on SKU columns that look like two families of one name (`QTY_*` and `PROMO_*`).
        public var pairedColumnsAdvice: String?
    }

    /// Reads `path` with a producer's settings and maps it exactly as the ingest state would.
    public static func mapped(path: String, producer: PipelineConfig.Producer, ingest: PipelineConfig.Ingest) throws -> Result {
        let name = (path as NSString).lastPathComponent
        let result = try IngestState.mapFile(path: path, name: name, producer: producer, ingest: ingest).result
        var rejected: [String: Int] = [:]
        for reject in result.rejects { rejected[reject.reason, default: 0] += 1 }
        // Regressors and flags by our name, after the fixed columns (empty where a row has no value).
        let covariates = (Array(producer.regressors.keys) + Array(producer.flags.keys)).sorted()
        let rows = result.transactions.map { row in
            [row.sku, DateParsing.isoString(days: row.day), NumberText.format(row.quantity),
             row.price.map { NumberText.format($0) } ?? "", row.store ?? "", row.source]
                + covariates.map { name in row.regressors[name].map { NumberText.format($0) } ?? "" }
        }
        return Result(header: ["sku", "date", "quantity", "price", "store", "source"] + covariates, rows: rows, rejected: rejected,
                      firstUnreadable: result.firstUnreadable, dateAdvice: result.unreadableDates.note(format: producer.dateFormat),
                      pairedColumnsAdvice: result.pairedColumnsAdvice)
    }
}

import Foundation
