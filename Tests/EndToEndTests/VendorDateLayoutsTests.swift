import Foundation
import Testing
@testable import Pipeline

/// Vendors' date layouts: monthly files that changed layout (with their header repeated among the rows), ISO weeks.
@Suite struct VendorDateLayoutsTests {
    static let fixtures = "\(TestRoot.fixtures)/electronics"

    static func config(dateFormat: String) -> String {
        """
        {"producers": [{"name": "electronics", "patterns": ["Sales_*_2019.csv"], "dateFormat": \(dateFormat),
          "columns": {"sku": "Product", "date": "Order Date", "quantity": "Quantity Ordered", "price": "Price Each"}}],
         "ingest": {"maxBadRowShare": 0.0}}
        """
    }

    /// A root with `config`, `text` written there as `name`, and what `demand dump --producer NAME --mapped` prints for it.
    static func mappedDump(config: String, file name: String, producer: String, text: String) throws -> (root: TestRoot, dump: DemandCLI.Output) {
        let root = try TestRoot(config: config)
        let file = "\(root.path)/\(name)"
        try FileSystem.writeAtomically(text, to: file)
        let dump = try root.demand(["dump", file, "--producer", producer, "--mapped"])
        #expect(dump.status == 0, "\(dump.stderr)")
        return (root, dump)
    }

    @Test func oneLayoutRefusesTheOtherMonthAndSuggestsBoth() throws {
        let root = try TestRoot(config: Self.config(dateFormat: #""MM/dd/yy""#))
        defer { root.remove() }
        try FileSystem.createDirectory("\(root.path)/landing/electronics")
        for month in ["January", "April"] {
            try FileSystem.copy("\(Self.fixtures)/Sales_\(month)_2019.csv", to: "\(root.path)/landing/electronics/Sales_\(month)_2019.csv")
        }
        let result = try root.demand(["run"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Sales_April_2019.csv:2: column 'Order Date': expected a date as MM/dd/yy, found '4/19/2019 08:46'"), "\(result.stdout)")
        #expect(result.stdout.contains(#"the dates look like MM/dd/yyyy (days above 12 come second): set producers[].dateFormat to "MM/dd/yyyy", or to ["MM/dd/yy", "MM/dd/yyyy"] if the producer's other files keep their layout"#),
                "\(result.stdout)")
        // A vendor's file stays wrong however often it is read: ingest is not retried.
        let manifest = try root.manifest(try #require(try root.runs().first))
        #expect(manifest.record(.ingest).attempts == 1)
    }

    @Test func aListOfLayoutsReadsBothMonthsAndSkipsRepeatedHeaders() throws {
        let root = try TestRoot(config: Self.config(dateFormat: #"["MM/dd/yy", "MM/dd/yyyy"]"#))
        defer { root.remove() }
        let january = try root.demand(["dump", "\(Self.fixtures)/Sales_January_2019.csv", "--producer", "electronics", "--mapped"])
        #expect(january.status == 0, "\(january.stderr)")
        #expect(january.stdout.contains("Google Phone,2019-01-29,1"), "\(january.stdout)")
        #expect(january.stderr.contains("34 rows kept, 2 left out"), "\(january.stderr)")
        #expect(january.stderr.contains("missing-sku=1") && january.stderr.contains("repeated-header=1"), "\(january.stderr)")
        let april = try root.demand(["dump", "\(Self.fixtures)/Sales_April_2019.csv", "--producer", "electronics", "--mapped"])
        #expect(april.status == 0, "\(april.stderr)")
        #expect(april.stdout.contains("USB-C Charging Cable,2019-04-19,2"), "\(april.stdout)")
        #expect(april.stderr.contains("30 rows kept, 1 left out") && april.stderr.contains("repeated-header=1"), "\(april.stderr)")
    }

    /// A planning export dated by ISO week (`2019-W05`) needs no dateFormat: each week is its Monday.
    @Test func isoWeeksAreReadWithoutALayout() throws {
        var lines = ["sku,week,units"]
        for week in 0..<104 {
            let (year, number) = week < 52 ? (2019, week + 1) : (2020, week - 51)
            for (sku, level) in [("A", 20.0), ("B", 35.0), ("C", 8.0)] {
                lines.append("\(sku),\(year)-W\(number < 10 ? "0" : "")\(number),\(Int(level * (1.3 + sin(Double(week) * .pi / 26))))")
            }
        }
        let config = """
            {"producers": [{"name": "planning", "patterns": ["planning_*.csv"], "columns": {"sku": "sku", "date": "week", "quantity": "units"}}],
             "ingest": {"maxBadRowShare": 0.0}, "model": {"cvOrigins": 2, "candidates": ["naive", "seasonalNaive", "simpleExponentialSmoothing"]}}
            """
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let file = "\(root.path)/planning_weeks.csv"
        try FileSystem.writeAtomically(lines.joined(separator: "\n") + "\n", to: file)
        let dump = try root.demand(["dump", file, "--producer", "planning", "--mapped"])
        #expect(dump.status == 0, "\(dump.stderr)")
        // 2019-W01 starts on Monday 31 December 2018; the last rows, 2020-W52, on Monday 21 December 2020.
        #expect(dump.stdout.contains("\nA,2018-12-31,26,") && dump.stdout.contains("\nC,2020-12-21,"), "\(dump.stdout.prefix(200))")
        #expect(dump.stderr.contains("312 rows kept, 0 left out"), "\(dump.stderr)")
        let backtest = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(backtest.status == 0, "\(backtest.stdout)\(backtest.stderr)")
        #expect(backtest.stdout.contains("3 series, 91 training buckets, holdout 13, season 52"), "\(backtest.stdout)")
    }

    /// A workbook's date column saved as CSV in Excel's General format: serial day numbers, read without a layout.
    @Test func excelSerialDaysAreReadWithoutALayout() throws {
        let config = """
            {"producers": [{"name": "sheet", "patterns": ["saved_*.csv"], "columns": {"sku": "Item", "date": "Date", "quantity": "Units"}}],
             "ingest": {"maxBadRowShare": 0.0}}
            """
        let (root, dump) = try Self.mappedDump(config: config, file: "saved_from_excel.csv", producer: "sheet", text: "Item,Date,Units\nA1,45292,3\nA1,45299.5,4\n")
        defer { root.remove() }
        #expect(dump.stdout.contains("A1,2024-01-01,3,") && dump.stdout.contains("A1,2024-01-08,4,"), "\(dump.stdout)")
    }

    /// dunnhumby's "Breakfast at the Frat" dates its weeks `14-JAN-09`, a database's DD-MON-YY: read without a layout.
    @Test func monthNameDatesAreReadWithoutALayout() throws {
        let config = """
            {"producers": [{"name": "frat", "patterns": ["transactions_*.csv"],
              "columns": {"sku": "{STORE_NUM}-{UPC}", "date": "WEEK_END_DATE", "quantity": "UNITS", "price": "PRICE", "store": "STORE_NUM"},
              "regressors": {"feature": "FEATURE", "display": "DISPLAY"}}],
             "ingest": {"maxBadRowShare": 0.0}}
            """
        let (root, dump) = try Self.mappedDump(config: config, file: "transactions_frat.csv", producer: "frat", text: """
            WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY
            14-JAN-09,367,1111009477,13,13,13,18.07,1.39,1.57,0,0,1
            21-JAN-09,367,1111009477,20,18,18,27.8,1.39,1.39,0,1,0
            04-FEB-09,367,1111009477,14,14,14,19.46,1.39,1.39,1,0,0

            """)
        defer { root.remove() }
        #expect(dump.stdout.contains("367-1111009477,2009-01-14,13,1.39,367,"), "\(dump.stdout)")
        #expect(dump.stdout.contains("367-1111009477,2009-02-04,14,1.39,367,transactions_frat.csv:4,0,1"), "\(dump.stdout)")
        #expect(dump.stderr.contains("3 rows kept, 0 left out"), "\(dump.stderr)")
    }

    /// Iowa's liquor sales: `$` prices, thousands separators and slash dates. Without a layout `dump --mapped`
    /// names the first unreadable cell and the layout the dates suggest; with it every row is kept.
    @Test func dumpNamesTheFirstUnreadableCellAndTheLayoutToSet() throws {
        let text = """
            Invoice/Item Number,Date,Store Number,Item Number,Item Description,State Bottle Retail,Bottles Sold,Sale (Dollars)
            INV-12345,01/03/2012,2633,43127,CAPTAIN MORGAN,$13.50,12,$162.00
            INV-12346,01/03/2012,2633,11788,BLACK VELVET,$15.00,"1,200","$18,000.00"
            INV-12348,01/31/2012,2633,43127,CAPTAIN MORGAN,$13.50,6,$81.00

            """
        func config(_ layout: String) -> String {
            """
            {"producers": [{"name": "iowa", "patterns": ["iowa*.csv"], \(layout)
              "columns": {"sku": "{Store Number}-{Item Number}", "date": "Date", "quantity": "Bottles Sold", "price": "State Bottle Retail"}}]}
            """
        }
        let (root, unset) = try Self.mappedDump(config: config(""), file: "iowa_liquor.csv", producer: "iowa", text: text)
        defer { root.remove() }
        #expect(unset.stderr.contains("0 rows kept, 3 left out unreadable=3"), "\(unset.stderr)")
        #expect(unset.stderr.contains("first unreadable: iowa_liquor.csv:2: column 'Date':") && unset.stderr.contains("found '01/03/2012'"), "\(unset.stderr)")
        #expect(unset.stderr.contains(#"set producers[].dateFormat to "MM/dd/yyyy""#), "\(unset.stderr)")
        let (fixed, set) = try Self.mappedDump(config: config(#""dateFormat": "MM/dd/yyyy","#), file: "iowa_liquor.csv", producer: "iowa", text: text)
        defer { fixed.remove() }
        #expect(set.stdout.contains("2633-11788,2012-01-03,1200,15,,iowa_liquor.csv:3"), "\(set.stdout)")
        #expect(set.stdout.contains("2633-43127,2012-01-31,6,13.5,,iowa_liquor.csv:4"), "\(set.stdout)")
        #expect(set.stderr.contains("3 rows kept, 0 left out") && !set.stderr.contains("unreadable"), "\(set.stderr)")
    }

    /// Retail Rocket's `events.csv` (a web shop's views, carts and purchases) dates rows by Unix time in
    /// milliseconds: read without a layout, each purchase counted as one unit.
    @Test func unixTimesInMillisecondsAreReadWithoutALayout() throws {
        let config = """
            {"producers": [{"name": "shop", "patterns": ["events*.csv"], "countRows": true,
              "columns": {"sku": "itemid", "date": "timestamp"}, "filters": [{"column": "event", "include": ["transaction"]}]}],
             "ingest": {"maxBadRowShare": 0.0}}
            """
        let (root, dump) = try Self.mappedDump(config: config, file: "events.csv", producer: "shop", text: """
            timestamp,visitorid,event,itemid,transactionid
            1433221332117,257597,view,355908,
            1433224214164,992329,transaction,248676,4000
            1442004589439,111016,transaction,318965,4001

            """)
        defer { root.remove() }
        #expect(dump.stdout.contains("248676,2015-06-02,1,,,events.csv:3") && dump.stdout.contains("318965,2015-09-11,1,,,events.csv:4"), "\(dump.stdout)")
        #expect(dump.stderr.contains("2 rows kept, 1 left out excluded=1"), "\(dump.stderr)")
    }

    /// dunnhumby's "The Complete Journey" numbers its days from 1 (`DAY`): `dayOneStarts` dates them.
    @Test func dayNumbersAreDatedFromDayOne() throws {
        let config = """
            {"producers": [{"name": "journey", "patterns": ["transaction_data*.csv"], "dayOneStarts": "2016-01-04",
              "columns": {"sku": "PRODUCT_ID", "date": "DAY", "quantity": "QUANTITY", "store": "STORE_ID"}}],
             "ingest": {"maxBadRowShare": 0.0}}
            """
        let (root, dump) = try Self.mappedDump(config: config, file: "transaction_data.csv", producer: "journey", text: """
            household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE,STORE_ID,RETAIL_DISC,TRANS_TIME,WEEK_NO,COUPON_DISC,COUPON_MATCH_DISC
            2375,26984851472,1,1004906,1,1.39,364,-0.6,1631,1,0,0
            2375,26984851472,8,1033142,2,0.82,364,0,1631,2,0,0
            1364,26984896261,711,842930,1,2.19,31742,0,1520,102,0,0

            """)
        defer { root.remove() }
        #expect(dump.stdout.contains("1004906,2016-01-04,1,,364,") && dump.stdout.contains("1033142,2016-01-11,2,,364,"), "\(dump.stdout)")
        #expect(dump.stdout.contains("842930,2017-12-14,1,,31742,"), "\(dump.stdout)")
        // A cell that is no day number is refused by name, and a file of them fails its run with that message.
        try FileSystem.createDirectory("\(root.path)/landing/journey")
        try FileSystem.writeAtomically("household_key,DAY,PRODUCT_ID,QUANTITY,STORE_ID\n2375,day 1,1004906,1,364\n", to: "\(root.path)/landing/journey/transaction_data_bad.csv")
        let run = try root.demand(["run"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("transaction_data_bad.csv:2: column 'DAY': expected a day number (producers[].dayOneStarts is set), found 'day 1'"), "\(run.stdout)")
        // Week numbers and day numbers cannot both date one column.
        let both = try TestRoot(config: config.replacingOccurrences(of: #""dayOneStarts": "2016-01-04","#, with: #""dayOneStarts": "2016-01-04", "weekOneStarts": "2016-01-04","#))
        defer { both.remove() }
        let check = try both.demand(["config", "check"])
        #expect(check.status != 0)
        #expect(check.stderr.contains("$.producers[0].dayOneStarts: the date column holds either week numbers (weekOneStarts) or day numbers (dayOneStarts): set one of them"), "\(check.stderr)")
    }

    @Test func layoutsDecodeFromAStringOrAList() throws {
        let one = try JSONDecoder().decode(DateLayouts.self, from: Data(#""dd/MM/yyyy""#.utf8))
        #expect(one.layouts == ["dd/MM/yyyy"])
        #expect(String(decoding: try JSONEncoder().encode(one), as: UTF8.self) == #""dd\/MM\/yyyy""#)
        let two = try JSONDecoder().decode(DateLayouts.self, from: Data(#"["MM/dd/yy", "MM/dd/yyyy"]"#.utf8))
        #expect(two.description == "MM/dd/yy or MM/dd/yyyy")
        #expect(two.day("04/19/19 08:46") == two.day("4/19/2019 08:46"))
        #expect(two.day("2019-04-19") == nil)
        #expect(try JSONDecoder().decode(DateLayouts.self, from: JSONEncoder().encode(two)) == two)
        for wrong in ["[]", "5", #"["dd/MM/yyyy", 5]"#, #""""#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(DateLayouts.self, from: Data(wrong.utf8)) }
        }
        // `config check` names the key and what it takes.
        let root = try TestRoot(config: Self.config(dateFormat: "5"))
        defer { root.remove() }
        let check = try root.demand(["config", "check"])
        #expect(check.status != 0)
        #expect(check.stderr.contains(#"$.producers[0].dateFormat: expected a date layout such as "dd/MM/yyyy", or a list of them"#), "\(check.stderr)")
    }

    @Test func aTimeAfterTheDateStillSuggestsALayout() {
        var hint = DateLayoutHint()
        for cell in ["4/19/2019 08:46", "4/7/2019 22:30"] { hint.add(cell) }
        #expect(hint.note(format: nil)?.hasSuffix(#"set producers[].dateFormat to "MM/dd/yyyy""#) == true)
    }
}
