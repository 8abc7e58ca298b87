import Testing
@testable import Forecasting

/// SKUs that stopped selling are told from SKUs in the quiet part of their season.
@Suite struct StoppedSellingTests {
    /// 120 weeks of a year-round seller whose last sale is `silent` weeks back.
    static func yearRound(silent: Int) -> [Double] {
        (0..<120).map { $0 < 120 - silent ? 20 + Double($0 % 5) : 0 }
    }

    @Test func aYearRoundSellerSilentForAHorizonHasStopped() {
        #expect(StoppedSelling.hasStopped(Self.yearRound(silent: 13), horizon: 13, seasonLength: 52))
        #expect(!StoppedSelling.hasStopped(Self.yearRound(silent: 12), horizon: 13, seasonLength: 52))
        #expect(!StoppedSelling.hasStopped(Self.yearRound(silent: 0), horizon: 13, seasonLength: 52))
    }

    @Test func aSeasonalItemInItsQuietWeeksHasNotStopped() {
        // Sells in weeks 44-51 of each year only: silent since week 104, and silent in those weeks a year earlier.
        let christmas = (0..<130).map { $0 % 52 >= 44 ? 30.0 : 0 }
        #expect(!StoppedSelling.hasStopped(christmas, horizon: 13, seasonLength: 52))
        // But not selling through a whole season is stopping, whatever it did before.
        let gone = (0..<170).map { $0 < 110 && $0 % 52 >= 44 ? 30.0 : 0 }
        #expect(StoppedSelling.hasStopped(gone, horizon: 13, seasonLength: 52))
    }

    @Test func withoutASeasonOfSalesBeforeTheSilenceNothingIsDecided() {
        // Launched in week 30, sold 40 weeks, silent 20: the same weeks a season earlier precede its first sale.
        let young = (0..<90).map { $0 >= 30 && $0 < 70 ? 12.0 : 0 }
        #expect(!StoppedSelling.hasStopped(young, horizon: 13, seasonLength: 52))
        #expect(!StoppedSelling.hasStopped([0, 0, 0], horizon: 1, seasonLength: 52))
        #expect(StoppedSelling.stopped([Self.yearRound(silent: 20), young, Self.yearRound(silent: 1)], horizon: 13, seasonLength: 52) == [0])
    }

    @Test func monthlyHistoriesUseTheirOwnSeason() {
        // Three years by month; sold every month until six months ago.
        let months = (0..<36).map { $0 < 30 ? 100.0 : 0 }
        #expect(StoppedSelling.hasStopped(months, horizon: 6, seasonLength: 12))
        #expect(!StoppedSelling.hasStopped(months, horizon: 7, seasonLength: 12))
    }
}
