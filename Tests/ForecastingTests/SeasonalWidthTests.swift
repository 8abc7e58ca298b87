import Foundation
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

    /// SKUs at levels 4…256 that swing by the square root of their level: spread grows as level^½.
    static func countLike(weeks: Int = 40) -> [[Double]] {
        [4.0, 16, 64, 256].map { level in (0..<weeks).map { level + level.squareRoot() * ($0 % 2 == 0 ? 1 : -1) } }
    }

    @Test func theLevelExponentIsHowSpreadGrowsWithLevelAcrossSKUs() {
        #expect(abs(SeasonalWidth.levelExponent(series: Self.countLike()) - 0.5) < 1e-6)
        // Swings in proportion to the level: 1.
        let proportional = [1.0, 3, 10].map { scale in (0..<40).map { scale * Double(5 + $0 % 4) } }
        #expect(SeasonalWidth.levelExponent(series: proportional) == 1)
        // Spread falling with level clamps to 0, growing faster than level to 1; leading zeros do not count.
        let falling = [(4.0, 4.0), (16, 2), (64, 1)].map { level, swing in (0..<40).map { level + swing * ($0 % 2 == 0 ? 1 : -1) } }
        #expect(SeasonalWidth.levelExponent(series: falling) == 0)
        let steep = [(4.0, 1.0), (16, 16), (64, 60)].map { level, swing in [0, 0, 0] + (0..<40).map { level + swing * ($0 % 2 == 0 ? 1 : -1) } }
        #expect(SeasonalWidth.levelExponent(series: steep) == 1)
        // Fewer than three SKUs, or one level only: 1.
        #expect(SeasonalWidth.levelExponent(series: Array(Self.countLike().prefix(2))) == 1)
        #expect(SeasonalWidth.levelExponent(series: [[5, 6, 5, 6], [6, 5, 6, 5], [5, 6, 5, 6]]) == 1)
    }

    @Test func theFactorsRaiseLastSeasonsRiseToTheLevelExponent() {
        // Season 10, horizon 4: the weeks one season before the forecast doubled for every SKU.
        var series = Self.countLike(weeks: 40)
        for index in series.indices { for week in 30..<34 { series[index][week] *= 2 } }
        let exponent = SeasonalWidth.levelExponent(series: series)
        let rise = SeasonalWidth.factor(series: series, back: 0, horizon: 4, seasonLength: 10)
        let factors = SeasonalWidth.factors(series: series, windows: 2, horizon: 4, seasonLength: 10, enabled: true)
        #expect(rise > 1.9 && exponent > 0.4 && exponent < 0.6, "rise \(rise), exponent \(exponent)")
        #expect(factors.count == 3 && abs(factors[0] - pow(rise, exponent)) < 1e-12)
        #expect(SeasonalWidth.factors(series: series, windows: 2, horizon: 4, seasonLength: 10, enabled: false) == [1, 1, 1])
    }
}
