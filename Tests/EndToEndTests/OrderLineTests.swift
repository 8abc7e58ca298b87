import Foundation
import Testing
@testable import Pipeline

/// Files without a quantity column, where every row is one unit sold (`producers[].countRows`), as H&M's
/// `transactions_train.csv` or Olist's order items: written by pandas from the Online Retail II
/// transactions (a line of quantity q became q rows), with a long twin holding the units per article and day.
@Suite struct OrderLineTests {
    static let folder = "\(TestRoot.fixtures)/order_lines"

    static let config = """
        {
          "producers": [
            {"name": "lines", "patterns": ["*_lines.csv"], "countRows": true,
             "columns": {"sku": "article_id", "date": "t_dat", "price": "price"},
             "filters": [{"column": "sales_channel_id", "include": ["2"]}]},
            {"name": "daily", "patterns": ["*_daily.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"}}
          ],
          "ingest": {"maxBadRowShare": 0.0},
          "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2,
                    "candidates": ["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "tsb"]}
        }
        """

    @Test func orderLinesBacktestExactlyAsTheirDailyUnits() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let (lines, _) = try root.backtestTwins("\(Self.folder)/retail_order_lines.csv", "\(Self.folder)/retail_order_lines_daily.csv")
        #expect(lines.stderr.contains("retail_order_lines.csv: 6979 rows, 6979 kept"), "\(lines.stderr)")
        #expect(lines.stdout.contains("12 series, 91 training buckets, holdout 8"), "\(lines.stdout)")
    }

    @Test func eachMappedRowIsOneUnitWithItsPrice() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let text = "t_dat,customer_id,article_id,price,sales_channel_id\n2018-09-20,a1,0108775015,0.0508,2\n2018-09-20,a1,0108775015,0.0508,2\n"
            + "2018-09-20,b2,0663713001,0.05,1\n2018-09-21,c3,,0.03,2\n"
        try FileSystem.writeAtomically(text, to: "\(root.path)/hm_lines.csv")
        let dump = try root.demand(["dump", "\(root.path)/hm_lines.csv", "--producer", "lines", "--mapped"])
        #expect(dump.status == 0, "\(dump.stdout)\(dump.stderr)")
        // Article ids keep their leading zero; the store-channel filter and the empty SKU are counted, not kept.
        #expect(dump.stdout == """
            sku,date,quantity,price,store,source
            0108775015,2018-09-20,1,0.0508,,hm_lines.csv:2
            0108775015,2018-09-20,1,0.0508,,hm_lines.csv:3

            """, "\(dump.stdout)")
        #expect(dump.stderr.contains("excluded") && dump.stderr.contains("missing-sku"), "\(dump.stderr)")
    }

    @Test func countRowsConflictsAreConfigErrors() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        /// Checks a config and returns what the refusal printed.
        func configError(_ config: String) throws -> String {
            try FileSystem.writeAtomically(config, to: "\(root.path)/config/demand.json")
            let check = try root.demand(["config", "check"])
            #expect(check.status != 0)
            return check.stdout + check.stderr
        }
        let both = try configError(Self.config.replacingOccurrences(of: #""date": "t_dat","#, with: #""date": "t_dat", "quantity": "qty","#))
        #expect(both.contains("countRows counts each row as one unit, so columns.quantity ('qty') must be left out"), "\(both)")
        let wide = try configError(Self.config.replacingOccurrences(of: #""countRows": true,"#, with: #""countRows": true, "wide": {"columns": "d_*"},"#))
        #expect(wide.contains("a wide producer's quantities are its date columns: leave countRows out"), "\(wide)")
        let missing = try configError(Self.config.replacingOccurrences(of: #""countRows": true,"#, with: ""))
        #expect(missing.contains("required key 'quantity' is missing: name the vendor's quantity column (or set producers[].countRows when each row is one unit sold"),
                "\(missing)")
    }
}
