import Foundation
import Testing
@testable import Pipeline

/// Vendors that send a line's amount (sales value) instead of a unit price: `columns.revenue` makes each
/// row's price the amount over the quantity.
@Suite struct LineAmountTests {
    /// Ta Feng's grocery transactions: `SALES_PRICE` is what the line cost, `AMOUNT` how many were bought.
    static let config = """
        {"producers": [{"name": "tafeng", "patterns": ["ta_feng*.csv"], "dateFormat": "M/d/yyyy",
          "columns": {"sku": "PRODUCT_ID", "date": "TRANSACTION_DT", "quantity": "AMOUNT", "revenue": "SALES_PRICE"}}],
         "ingest": {"maxBadRowShare": 0.5}}
        """

    @Test func eachRowsPriceIsItsAmountOverItsQuantity() throws {
        let (root, dump) = try VendorDateLayoutsTests.mappedDump(config: Self.config, file: "ta_feng_all_months_merged.csv", producer: "tafeng", text: """
            TRANSACTION_DT,CUSTOMER_ID,AGE_GROUP,PIN_CODE,PRODUCT_SUBCLASS,PRODUCT_ID,AMOUNT,ASSET,SALES_PRICE
            11/1/2000,1104905,45-49,115,110411,4710199010372,2,24,30
            11/1/2000,418683,45-49,115,120107,4710857472535,1,48,46
            11/2/2000,1057331,35-39,115,100407,4710043654103,3,142,166
            11/3/2000,1849332,45-49,Others,120108,4710126092129,1,32,n/a

            """)
        defer { root.remove() }
        #expect(dump.stdout.contains("4710199010372,2000-11-01,2,15,,ta_feng_all_months_merged.csv:2"), "\(dump.stdout)")
        #expect(dump.stdout.contains("4710043654103,2000-11-02,3,55.333333333333336,,"), "\(dump.stdout)")
        // An amount that is not a number is unreadable, named like any other cell.
        #expect(dump.stderr.contains("3 rows kept, 1 left out unreadable=1")
                    && dump.stderr.contains("ta_feng_all_months_merged.csv:5: column 'SALES_PRICE': expected an amount, found 'n/a'"), "\(dump.stderr)")
        // A price and an amount cannot both give the price, and a wide file has no amounts.
        try root.expectRefusals(of: Self.config, [
            (#""revenue": "SALES_PRICE"}"#, #""revenue": "SALES_PRICE", "price": "ASSET"}"#, "set one of them"),
            (#""quantity": "AMOUNT", "revenue": "SALES_PRICE"}"#, #""revenue": "SALES_PRICE"}, "wide": {"columns": "d_*", "firstDay": "2000-11-01"}"#,
             "a wide file's cells are quantities without amounts"),
        ])
    }
}
