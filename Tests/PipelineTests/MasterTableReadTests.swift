import Testing
@testable import Pipeline

/// `clean` reads the master table's Parquet copy: the same rows as the CSV beside it.
@Suite struct MasterTableReadTests {
    @Test func parquetCopyReadsAsTheCSVDoes() throws {
        let folder = temporaryFolder()
        defer { try? FileSystem.remove(folder) }
        var rng = SplitMix64(seed: 11)
        var rows: [Transaction] = []
        for index in 0..<3_000 {
            let sku = ["A-1", "b,2", "C \"3\"", "Ä4", "0005"][index % 5]
            let price: Double? = index % 7 == 0 ? nil : Double(Int.random(in: 1...999, using: &rng)) / 100
            var regressors: [String: Double] = [:]
            if index % 3 != 0 { regressors["deal"] = Double(index % 2) }
            if index % 4 == 0 { regressors["feat"] = 0.25 * Double(index % 5) }
            rows.append(Transaction(sku: sku, day: Int32(index % 400) - 100, quantity: index % 9 == 0 ? 2.5 : Double(index % 13 + 1), price: price,
                                    store: index % 6 == 0 ? nil : "S\(index % 4)", producer: "p\(index % 2)", source: "f.csv:\(index + 2)",
                                    regressors: regressors))
        }
        MasterTable.sort(&rows)
        try MasterTable.write(rows, attributes: [:], transactionsPath: "\(folder)/transactions.csv", attributesPath: "\(folder)/attributes.csv")
        try MasterTable.writeParquet(rows, to: "\(folder)/transactions.parquet")
        let fromCSV = try MasterTable.read(path: "\(folder)/transactions.csv", lineage: false).transactions
        let fromParquet = try MasterTable.readParquet(path: "\(folder)/transactions.parquet")
        #expect(fromParquet.count == rows.count)
        #expect(fromParquet == fromCSV)
        #expect(fromParquet.map(\.regressors) == rows.map(\.regressors) && fromParquet.map(\.store) == rows.map(\.store))
    }
}
