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
        let run = try root.succeedingRun().folder
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

    /// An event column of codes (Rossmann's `StateHoliday`: `0`, `a`, `b`, `c`) or names is refused as a
    /// regressor; mapped under `flags` every cell reads as 0/1, and `dump --mapped` shows both.
    @Test func eventCodesMappedAsFlagsReadAsZeroOne() throws {
        let config = Self.config.replacingOccurrences(of: #""regressors": {"onpromotion": "onpromotion"}"#,
                                                      with: #""regressors": {"onpromotion": "onpromotion"}, "flags": {"holiday": "holiday"}"#)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let file = "\(root.path)/train_events.csv"
        let events = ["0", "a", "", "Christmas", "no", "b"]
        let lines = ["date,store_nbr,item_nbr,unit_sales,onpromotion,holiday"] + events.enumerated().map { day, event in
            "2014-01-0\(day + 1),1,103665,\(day + 2).0,\(day % 2 == 0 ? "True" : "0"),\(event)"
        }
        try FileSystem.writeAtomically(lines.joined(separator: "\n") + "\n", to: file)
        let mapped = try root.demand(["dump", file, "--producer", "favorita", "--mapped"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout == """
            sku,date,quantity,price,store,source,holiday,onpromotion
            1-103665,2014-01-01,2,,,train_events.csv:2,0,1
            1-103665,2014-01-02,3,,,train_events.csv:3,1,0
            1-103665,2014-01-03,4,,,train_events.csv:4,0,1
            1-103665,2014-01-04,5,,,train_events.csv:5,1,0
            1-103665,2014-01-05,6,,,train_events.csv:6,0,1
            1-103665,2014-01-06,7,,,train_events.csv:7,1,0

            """, "\(mapped.stdout)")
        // As a regressor the same column's codes are unreadable: three of six rows left out.
        let asRegressor = try TestRoot(config: Self.config.replacingOccurrences(of: #""onpromotion": "onpromotion"}"#,
                                                                                 with: #""onpromotion": "onpromotion", "holiday": "holiday"}"#))
        defer { asRegressor.remove() }
        let refused = try asRegressor.demand(["dump", file, "--producer", "favorita", "--mapped"])
        #expect(refused.stderr.contains("3 rows kept, 3 left out unreadable=3") && !refused.stdout.contains("train_events.csv:3"),
                "\(refused.stdout)\(refused.stderr)")
        // One name may not be both.
        let both = try TestRoot(config: config.replacingOccurrences(of: #""flags": {"holiday": "holiday"}"#, with: #""flags": {"onpromotion": "holiday"}"#))
        defer { both.remove() }
        let check = try both.demand(["config", "check"])
        #expect(check.status == 3 && check.stderr.contains("'onpromotion' is both a regressor and a flag"), "\(check.stderr)")
    }

    /// A producer with regressors or flags keeps its zero-sales rows: a shut day (`open` 0, a holiday) sells
    /// nothing but counts in the week's means, so the network sees a week with a holiday as one. The series
    /// still starts at the first sale, and a producer without regressors still leaves zero rows out.
    @Test func zeroRowsCountInTheWeeksRegressorsButNotAsSales() throws {
        let config = Self.config.replacingOccurrences(of: #""regressors": {"onpromotion": "onpromotion"}"#,
                                                      with: #""regressors": {"open": "open"}, "flags": {"holiday": "holiday"}"#)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        // Three weeks from Monday 2014-01-06: nothing sold in the first; the second week's Wednesday a holiday, shut.
        var lines = ["date,store_nbr,item_nbr,unit_sales,open,holiday"]
        for day in 0..<21 {
            let date = DateParsing.isoString(days: DateParsing.parseDay("2014-01-06")! + Int32(day))
            let shut = day == 9
            lines.append("\(date),1,103665,\(day < 7 || shut ? "0" : "4.0"),\(shut ? 0 : 1),\(shut ? "a" : "0")")
        }
        try root.drop(text: lines.joined(separator: "\n") + "\n", as: "train.csv")
        let run = try root.succeedingRun().folder
        #expect(try FileSystem.readText("\(run)/ingest/rejects.csv") == "reason,source,column,detail\n")
        let series = try FileSystem.readText("\(run)/clean/series.csv")
        #expect(series == """
            sku,bucket,quantity,raw_quantity,holiday,open
            1-103665,2014-01-13,24,24,0.142857,0.857143
            1-103665,2014-01-20,28,28,0,1

            """, "\(series)")
    }
}
