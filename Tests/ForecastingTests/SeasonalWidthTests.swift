import Testing
@testable import Forecasting

/// Last season's rise into the forecast buckets, pooled over the series, is the width factor.
@Suite struct SeasonalWidthTests {
    @Test func theFactorIsLastSeasonsHorizonAgainstTheHorizonBeforeIt() {
        // Season 8, horizon 2, 20 buckets: forecasting from the end, last season's twins are buckets 12–13
        // and the two before them 10–11.
        var first = [Double](repeating: 1, count: 20), second = [Double](repeating: 2, count: 20)
        first[12] = 5; first[13] = 5          // 10 against 2
        second[12] = 4; second[13] = 4        // 8 against 4
        #expect(SeasonalWidth.factor(series: [first, second], back: 0, horizon: 2, seasonLength: 8) == 18.0 / 6.0)
        // From two buckets earlier the twins are 10–11 against 8–9: no rise.
        #expect(SeasonalWidth.factor(series: [first, second], back: 2, horizon: 2, seasonLength: 8) == 1)
        // A series too short to reach back a season and a horizon does not count.
        #expect(SeasonalWidth.factor(series: [second, [1, 1, 1]], back: 0, horizon: 2, seasonLength: 8) == 2)
    }

    @Test func theFactorIsClampedAndOneWithoutHistory() {
        var rising = [Double](repeating: 1, count: 30)
        for index in 20..<24 { rising[index] = 100 }
        #expect(SeasonalWidth.factor(series: [rising], back: 0, horizon: 4, seasonLength: 10) == 3)
        var falling = [Double](repeating: 100, count: 30)
        for index in 20..<24 { falling[index] = 1 }
        #expect(SeasonalWidth.factor(series: [falling], back: 0, horizon: 4, seasonLength: 10) == 1.0 / 3)
        #expect(SeasonalWidth.factor(series: [[1, 2, 3]], back: 0, horizon: 4, seasonLength: 10) == 1)
        #expect(SeasonalWidth.factor(series: [[Double](repeating: 0, count: 30)], back: 0, horizon: 4, seasonLength: 10) == 1)
    }
}
