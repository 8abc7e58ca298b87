import Testing
@testable import Pipeline

/// The master table's row order: the ranked sort puts rows exactly where the reference comparison does.
@Suite struct MasterTableSortTests {
    @Test func rankedSortMatchesTheReferenceOrder() {
        var rng = SplitMix64(seed: 7)
        // Few SKUs, days (before and after 1970) and producers, so many rows tie up to their source; SKUs that only byte order tells apart.
        let skus = ["B", "a", "A10", "A9", "Ä", "b-1", "b"]
        let producers = ["north", "South", "east"]
        var rows: [Transaction] = []
        for index in 0..<5_000 {
            let file = Int.random(in: 1...3, using: &rng)
            rows.append(Transaction(sku: skus.randomElement(using: &rng) ?? "", day: Int32.random(in: -10...10, using: &rng) * (index % 3 == 0 ? 2_000 : 1),
                                    quantity: Double(index), price: nil, store: nil, producer: producers.randomElement(using: &rng) ?? "",
                                    source: "file\(file).csv:\(Int.random(in: 2...40, using: &rng))"))
        }
        var sorted = rows
        MasterTable.sort(&sorted)
        #expect(sorted.map(\.quantity) == rows.sorted(by: MasterTable.order).map(\.quantity))
        #expect(Set(sorted.map(\.quantity)).count == rows.count)
    }
}
