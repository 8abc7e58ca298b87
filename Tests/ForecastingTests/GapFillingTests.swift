import Testing
@testable import Forecasting

@Suite struct GapFillingTests {
    /// Forty weeks of steady sales around 100 with the store shut for weeks 20–25.
    static let closedStore: [Double] = (0..<40).map { week in (20..<26).contains(week) ? 0 : Double(95 + (week * 7) % 11) }

    @Test func fillsAStoreClosureWithTheLineBetweenItsSides() throws {
        let result = GapFilling.fill(Self.closedStore)
        let gap = try #require(result.gaps.first)
        #expect(result.gaps.count == 1 && gap.positions == Array(20..<26) && gap.length == 6)
        // The medians of weeks 16–19 and 26–29 are the line's two ends.
        let before = GapFilling.median(Self.closedStore[16..<20]), after = GapFilling.median(Self.closedStore[26..<30])
        for (offset, value) in result.values[20..<26].enumerated() {
            let expected = before + (after - before) * Double(offset + 1) / 7
            #expect(abs(value - expected) < 1e-4, "week \(20 + offset): \(value) against \(expected)")
        }
        // Everything else is as it was; the chance of six empty weeks at a rate of 1 in 36 is far below 1 in 1000.
        #expect(Array(result.values[..<20]) == Array(Self.closedStore[..<20]) && Array(result.values[26...]) == Array(Self.closedStore[26...]))
        #expect(gap.chance < 1e-8)
    }

    @Test func leavesRunsAnIntermittentSeriesIsLikelyToHave() {
        // Sales in one week of three: runs of two empty weeks are its normal pattern.
        let intermittent: [Double] = (0..<60).map { $0 % 3 == 0 ? 4 : 0 }
        #expect(GapFilling.fill(intermittent).gaps.isEmpty)
        // A dense series with a single empty week: one bucket may be a holiday closure, so it stays.
        var single = Self.closedStore
        single.replaceSubrange(20..<26, with: [90, 91, 0, 92, 93, 94])
        #expect(GapFilling.fill(single).gaps.isEmpty)
    }

    @Test func leavesARunThatReachesTheEndOfTheHistory() {
        // The item may have stopped selling: recent zeros are news, not missing data.
        let stopped = Array(Self.closedStore[..<20]) + [Double](repeating: 0, count: 8)
        #expect(GapFilling.fill(stopped).gaps.isEmpty)
    }

    @Test func shortHistoriesNeedLongerRunsAndTheThresholdDecides() {
        // Ten weeks with no other empty week: p = 1/10, so two empty weeks have a chance of 1 in 100 and stay…
        let short: [Double] = [50, 52, 0, 0, 49, 51, 50, 53, 48, 50]
        #expect(GapFilling.fill(short).gaps.isEmpty)
        // …three (p = 1/9) have 1 in 729 and stay too; four (p = 1/8) have 1 in 4,096, but six weeks of
        // sales are too few to vouch for four missing; with eight they are filled.
        let four: [Double] = [50, 52, 0, 0, 0, 0, 49, 51, 50, 53]
        #expect(GapFilling.fill(four).gaps.isEmpty)
        let filled = GapFilling.fill(four + [52, 48])
        #expect(filled.gaps.count == 1 && filled.values[2...5].allSatisfy { $0 > 49 && $0 < 52 }, "\(filled.values)")
        // A looser threshold fills the two-week run too.
        #expect(GapFilling.fill(short, threshold: 0.05).gaps.count == 1)
    }

    @Test func bucketsTheWholePanelSatOutStayEmptyAndDoNotCount() {
        // Two weeks every SKU sat out (the Christmas shutdown) are the business's, not one SKU's gap.
        let totals: [Int: Double] = [0: 900, 1: 1_000, 2: 40, 3: 0, 4: 950, 5: 1_100, 6: 600]
        #expect(GapFilling.closedBuckets(totals: totals) == [2, 3])
        var shutdown = Self.closedStore
        shutdown.replaceSubrange(20..<26, with: [90, 0, 0, 92, 93, 94])
        #expect(GapFilling.fill(shutdown) { (21...22).contains($0) }.gaps.isEmpty)
        // A closure that runs into the shutdown fills only its own weeks; the shutdown's stay zero.
        let result = GapFilling.fill(Self.closedStore) { (24...25).contains($0) }
        #expect(result.gaps.first?.positions == Array(20...23) && result.values[24] == 0 && result.values[25] == 0, "\(result.gaps)")
    }

    @Test func withASeasonARunRepeatsLastSeasonAtTodaysLevelAndShortRunsStay() throws {
        // Three years of a 52-week season with a December-like peak; this year runs 20 % above last year.
        let season = (0..<52).map { week in 100 + (week >= 46 ? 80.0 : 0) + Double(week % 3) }
        var values = season + season.map { $0 * 1.2 }
        values.replaceSubrange(84..<100, with: [Double](repeating: 0, count: 16))
        let result = GapFilling.fill(values, seasonLength: 52)
        let gap = try #require(result.gaps.first)
        #expect(gap.positions == Array(84..<100))
        // Last year's weeks 32–47 scaled by the level on the run's sides against theirs: 1.2, peak included.
        for position in gap.positions {
            #expect(abs(result.values[position] - values[position - 52] * 1.2) < 0.01, "week \(position): \(result.values[position])")
        }
        // Under a quarter of a season (13 weeks), a run in a busy series is more likely a stock-out: kept.
        var stockOut = values
        stockOut.replaceSubrange(60..<72, with: [Double](repeating: 0, count: 12))
        #expect(GapFilling.fill(stockOut, seasonLength: 52).gaps.count == 1)
        // A launch after a trickle: the side before the run sells far under the usual level, so it stays.
        let launch: [Double] = [1, 1, 0, 1] + [Double](repeating: 0, count: 14) + [Double](repeating: 90, count: 40)
        #expect(GapFilling.fill(launch, seasonLength: 52).gaps.isEmpty)
        // A run after a one-off bulk order that opened the series: one bucket is no level to fill at…
        let bulk: [Double] = [5_000] + [Double](repeating: 0, count: 14) + [Double](repeating: 90, count: 40)
        #expect(GapFilling.fill(bulk, seasonLength: 52).gaps.isEmpty)
        // …nor are four bulk weeks, twenty times the usual level.
        let bulkWeeks = [Double](repeating: 90, count: 30) + [2_000, 2_100, 1_900, 2_050] + [Double](repeating: 0, count: 14)
            + [Double](repeating: 90, count: 30)
        #expect(GapFilling.fill(bulkWeeks, seasonLength: 52).gaps.isEmpty)
        #expect(GapFilling.fill(bulkWeeks.map { $0 == 0 ? 0 : 90 }, seasonLength: 52).gaps.count == 1)
    }
}
