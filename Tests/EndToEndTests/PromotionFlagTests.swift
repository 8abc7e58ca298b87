import Foundation
import Formats
import Testing
@testable import Pipeline

/// Promotion flags sent as yes/no values (Favorita's `onpromotion`: empty, `False`, `True`) are read as 0/1
/// regressors; a value that is neither a number nor a flag is named with its row and column.
@Suite struct PromotionFlagTests {
    static let config = """
        {
          "producers": [
            {"name": "favorita", "patterns": ["train*.csv"],
             "columns": {"sku": "{store_nbr}-{item_nbr}", "date": "date", "quantity": "unit_sales"},
             "regressors": {"onpromotion": "onpromotion"}}
          ],
          "ingest": {"maxBadRowShare": 0.0},
          "model": {"horizon": 2, "seasonLength": 4, "cvOrigins": 2, "candidates": ["naive", "movingAverage", "simpleExponentialSmoothing"]},
          "intervals": {"backtestWindows": 2}
        }
        """

    /// Favorita's layout: one row per store, item and day; flags empty before 2014, fractional and negative sales.
    static func favorita(days: Int, flag: (Int) -> String) -> String {
        var lines = ["id,date,store_nbr,item_nbr,unit_sales,onpromotion"]
        let start = DateParsing.parseDay("2013-12-02")!
        var id = 0
        for day in 0..<days {
            for (store, item) in [(1, 103665), (1, 105574), (2, 103665)] {
                let sales = day == 10 && store == 2 ? "-2.0" : String(format: "%.1f", Double(3 + (day * 7 + item) % 5) + (day % 3 == 0 ? 0.5 : 0))
                lines.append("\(id),\(DateParsing.isoString(days: start + Int32(day))),\(store),\(item),\(sales),\(flag(day))")
                id += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func yesNoPromotionFlagsBecomeZeroOneRegressors() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.drop(text: Self.favorita(days: 84) { day in day < 30 ? "" : (day % 7 == 0 ? "True" : "False") }, as: "train.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let run = try #require(try root.runs().first)
        let master = try FileSystem.readText("\(run)/ingest/transactions.csv")
        #expect(master.hasPrefix("sku,date,quantity,price,store,producer,source,regressor_onpromotion\n"), "\(master.prefix(200))")
        // 2013-12-02 + 35 days = 2014-01-06 is a promotion day; the day after is not; before day 30 the flag is unknown.
        #expect(master.contains("\n1-103665,2014-01-06,") && master.contains(",favorita,train.csv:107,1\n"), "\(master.prefix(600))")
        #expect(master.contains(",favorita,train.csv:110,0\n"))
        #expect(master.contains(",favorita,train.csv:2,\n"))
        let rejects = try FileSystem.readText("\(run)/ingest/rejects.csv")
        #expect(rejects.contains("non-positive-quantity") && rejects.contains("train.csv:34"), "\(rejects)")
    }

    @Test func aValueThatIsNeitherNumberNorFlagIsNamed() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let file = "\(root.path)/train_bad.csv"
        try FileSystem.writeAtomically(Self.favorita(days: 40) { day in day == 31 ? "maybe" : "False" }, to: file)
        let result = try root.demand(["backtest", "--input", file, "--holdout", "2", "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("train_bad.csv:95: column 'onpromotion': expected a number or a yes/no flag, found 'maybe'"), "\(result.stderr)")
    }
}
