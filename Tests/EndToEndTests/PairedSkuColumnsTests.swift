import Foundation
import Testing
@testable import Pipeline

/// Files with one quantity column and one promotion column per SKU (`QTY_B1_1 … PROMO_B1_1 …`, the
/// "hierarchical sales data" pasta file): `{*}` mappings read each SKU's own columns beside its quantities.
@Suite struct PairedSkuColumnsTests {
    static let config = """
        {
          "producers": [
            {"name": "pasta", "patterns": ["*_paired.csv"], "columns": {"date": "DATE", "sku": "{*}"},
             "regressors": {"promo": "PROMO_{*}"}, "wide": {"columns": "QTY_*", "headers": "sku"}},
            {"name": "long", "patterns": ["*_long.csv"], "columns": {"sku": "sku", "date": "date", "quantity": "quantity"},
             "regressors": {"promo": "promo"}}
          ],
          "ingest": {"maxBadRowShare": 0.0},
          "model": {"horizon": 8, "seasonLength": 52, "cvOrigins": 2,
                    "candidates": ["naive", "seasonalNaive", "movingAverage", "simpleExponentialSmoothing", "tsb"]}
        }
        """

    /// Whether `sku` (its place among the SKUs) is on promotion on `day` (`yyyy-MM-dd`): every other SKU, the first week of each month.
    static func promoted(_ index: Int, _ day: String) -> Bool {
        index % 2 == 0 && Int(day.suffix(2))! <= 7
    }

    /// The long fixture as a pasta-style file (one `QTY_` and one `PROMO_` column per SKU; `0` on a promoted
    /// day without sales, empty on other such days) and as its long twin with a `promo` column (a zero row
    /// for each promoted day without sales, as a vendor sends a promotion that sold nothing).
    static func twins(_ long: String) -> (paired: String, long: String) {
        let (sales, columns) = SkuColumnsTests.salesByDay(long)
        var paired = [(["DATE"] + columns.map { "QTY_\($0)" } + columns.map { "PROMO_\($0)" }).joined(separator: ",")]
        var twin = ["sku,date,quantity,promo"]
        for day in sales.keys.sorted() {
            var quantities: [String] = [], promos: [String] = []
            for (index, sku) in columns.enumerated() {
                let promo = promoted(index, day)
                let sold = sales[day]?[sku]
                quantities.append(sold ?? (promo ? "0" : ""))
                promos.append(promo ? "1" : "0")
                if let quantity = sold ?? (promo ? "0" : nil) { twin.append("\(sku),\(day),\(quantity),\(promo ? 1 : 0)") }
            }
            paired.append(([day] + quantities + promos).joined(separator: ","))
        }
        return (paired.joined(separator: "\n") + "\n", twin.joined(separator: "\n") + "\n")
    }

    @Test func eachSkusPromotionColumnIsReadBesideItsQuantities() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let (paired, long) = Self.twins(try FileSystem.readText("\(WideLayoutTests.folder)/retail_daily_long.csv"))
        try FileSystem.writeAtomically(paired, to: "\(root.path)/retail_paired.csv")
        try FileSystem.writeAtomically(long, to: "\(root.path)/retail_long.csv")
        let (one, _) = try root.backtestTwins("\(root.path)/retail_paired.csv", "\(root.path)/retail_long.csv")
        #expect(one.stdout.contains("24 series, 91 training buckets, holdout 8"), "\(one.stdout)")
        // Row for row the same sales and promotions (zero rows included), apart from where each came from.
        func mapped(_ file: String, _ producer: String) throws -> [String] {
            let dump = try root.demand(["dump", "\(root.path)/\(file)", "--producer", producer, "--mapped"])
            #expect(dump.status == 0, "\(dump.stderr)")
            return dump.stdout.split(separator: "\n").map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 5 }.map(\.element).joined(separator: ",")
            }.sorted()
        }
        let rows = try mapped("retail_paired.csv", "pasta")
        #expect(rows == (try mapped("retail_long.csv", "long")))
        #expect(rows.contains { $0.hasSuffix(",0,,,1") } && rows.contains { $0.hasSuffix(",1") && !$0.hasSuffix(",0,,,1") }, "\(rows.prefix(5))")
    }

    @Test func dumpShowsEachSkuByItsMatchWithItsOwnPromotion() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try FileSystem.writeAtomically("""
            DATE,QTY_B1_1,QTY_B1_2,PROMO_B1_1,PROMO_B1_2
            2014-01-02,3,,1,0
            2014-01-03,0,5,1,1
            2014-01-04,2,1,0,yes

            """, to: "\(root.path)/pasta_paired.csv")
        let dump = try root.demand(["dump", "\(root.path)/pasta_paired.csv", "--producer", "pasta", "--mapped"])
        #expect(dump.status == 0, "\(dump.stderr)")
        // A zero cell is kept as a day of no sale (its promotion counts); an empty one records nothing.
        #expect(dump.stdout == """
            sku,date,quantity,price,store,source,promo
            B1_1,2014-01-02,3,,,pasta_paired.csv:2,1
            B1_1,2014-01-03,0,,,pasta_paired.csv:3,1
            B1_2,2014-01-03,5,,,pasta_paired.csv:3,1
            B1_1,2014-01-04,2,,,pasta_paired.csv:4,0
            B1_2,2014-01-04,1,,,pasta_paired.csv:4,1

            """, "\(dump.stdout)")
        // A SKU without its promotion column is refused by name.
        try FileSystem.writeAtomically("DATE,QTY_B1_1,QTY_B1_2,PROMO_B1_1\n2014-01-02,3,4,1\n", to: "\(root.path)/short_paired.csv")
        let missing = try root.demand(["dump", "\(root.path)/short_paired.csv", "--producer", "pasta", "--mapped"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("column 'PROMO_B1_2' (the regressor 'promo' of SKU column 'QTY_B1_2' column of producer 'pasta') not found"),
                "\(missing.stderr)")
        // A row's template instead of {*} is refused with the key to fix and the placeholder to use.
        try FileSystem.writeAtomically(Self.config.replacingOccurrences(of: "PROMO_{*}", with: "PROMO_{sku}"), to: "\(root.path)/row-template.json")
        let template = try root.demand(["dump", "\(root.path)/pasta_paired.csv", "--producer", "pasta", "--mapped", "--config", "\(root.path)/row-template.json"])
        #expect(template.status != 0)
        #expect(template.stderr.contains("column 'sku' (the regressor 'promo' template column of producer 'pasta') not found")
                    && template.stderr.contains("Fix the file or producers[].regressors in the config. A SKU's own column is named with {*}"),
                "\(template.stderr)")
    }

    /// Read as the pharmacy file is (`"columns": "*"`), the promotion columns would be SKUs of their own:
    /// the dump and the run's ingest log say how to map them instead.
    @Test func promotionColumnsTakenForSkusGetAdvice() throws {
        let star = #"{"producers": [{"name": "star", "patterns": ["*_star.csv"], "columns": {"date": "DATE"}, "wide": {"columns": "*", "headers": "sku"}}]}"#
        let root = try TestRoot(config: star)
        defer { root.remove() }
        let text = "DATE,QTY_B1_1,QTY_B1_2,QTY_B1_3,PROMO_B1_1,PROMO_B1_2,PROMO_B1_3\n2014-01-02,3,4,5,1,0,0\n"
        try FileSystem.writeAtomically(text, to: "\(root.path)/pasta_star.csv")
        let dump = try root.demand(["dump", "\(root.path)/pasta_star.csv", "--producer", "star", "--mapped"])
        let advice = #"the SKU columns 'QTY_*' and 'PROMO_*' name the same 3 things: if one family holds each SKU's promotions or prices, "#
            + #"narrow wide.columns to the quantities ('QTY_*') and map the other with {*} ("regressors": {"promo": "PROMO_{*}"})"#
        #expect(dump.stderr.contains(advice), "\(dump.stderr)")
        #expect(dump.stdout.contains("PROMO_B1_1,2014-01-02,1"), "still read as asked: \(dump.stdout)")
        // Named SKUs in one family get no advice.
        try FileSystem.writeAtomically("DATE,M01AB,M01AE,N02BA\n2014-01-02,3,4,5\n", to: "\(root.path)/pharma_star.csv")
        let plain = try root.demand(["dump", "\(root.path)/pharma_star.csv", "--producer", "star", "--mapped"])
        #expect(!plain.stderr.contains("name the same"), "\(plain.stderr)")
    }

    @Test func theMatchNeedsSkuHeadersWithOneStar() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try root.expectRefusals(of: Self.config, [
            (#""wide": {"columns": "QTY_*", "headers": "sku"}"#, #""wide": {"columns": "QTY_*_*", "headers": "sku"}"#,
             "{*} stands for what the * of wide.columns matched in a SKU's quantity header"),
            (#""regressors": {"promo": "promo"}"#, #""regressors": {"promo": "promo_{*}"}"#,
             #"it needs wide.headers "sku" and a wide.columns glob with one *"#),
            (#""regressors": {"promo": "PROMO_{*}"}"#, #""regressors": {"promo": "PROMO_{*}_{region}"}"#,
             "cannot be combined with a row's {column} placeholders"),
        ])
    }
}
