import Foundation
import Testing
@testable import Forecasting

/// Promoted buckets miss by more than ordinary ones: their lift is read from the covariates and they
/// are calibrated on their own.
@Suite struct PromotedIntervalTests {
    /// Ten series of 60 weeks around levels 10…100, a promotion flag every fifth week (and in the first of
    /// 4 weeks past the history) that doubles demand.
    static func promoted() -> (histories: [[Double]], covariates: Covariates) {
        var generator = TestGenerator(seed: 7)
        var histories: [[Double]] = [], flags: [[[Double]]] = []
        for series in 0..<10 {
            let level = Double(10 * (series + 1))
            let flag = (0..<64).map { $0 % 5 == 0 ? 1.0 : 0 }
            histories.append((0..<60).map { week in max(0, level * (1 + flag[week]) * (1 + 0.1 * generator.normal())) })
            flags.append([flag])
        }
        return (histories, Covariates(names: ["promo"], values: flags))
    }

    @Test func theLiftOfAPromotedWeekIsItsFactorOverTheUsualWeek() {
        let (histories, covariates) = Self.promoted()
        let lifts = CovariateLift.factors(histories: histories, covariates: covariates)
        #expect(lifts.count == 10 && lifts.allSatisfy { $0.count == 64 })
        for series in lifts {
            for (week, lift) in series.enumerated() {
                if week % 5 == 0 {
                    #expect(abs(lift - 2) < 0.15 && CovariateLift.isShifted(lift), "week \(week): \(lift)")
                } else {
                    #expect(lift == 1 && !CovariateLift.isShifted(lift), "week \(week): \(lift)")
                }
            }
        }
        // Without covariates there is nothing to read.
        let none = CovariateLift.factors(histories: histories, covariates: Covariates(names: [], values: histories.map { _ in [] }))
        #expect(none.count == 10 && none.allSatisfy { $0.isEmpty })
        // A price rise that cuts demand sets a bucket apart as well.
        #expect(CovariateLift.isShifted(0.8) && !CovariateLift.isShifted(0.9) && !CovariateLift.isShifted(1.15))
        // A bucket past the covariates, a series without any, or no covariates at all read as an ordinary week.
        #expect(CovariateLift.lift(lifts, series: 3, bucket: 60) == lifts[3][60] && lifts[3][60] > 1.8)
        #expect(CovariateLift.lift(lifts, series: 3, bucket: 64) == 1 && CovariateLift.lift(lifts, series: 10, bucket: 0) == 1)
        #expect(CovariateLift.lift(none, series: 0, bucket: 0) == 1 && CovariateLift.lift(nil, series: 0, bucket: 0) == 1)
    }

    @Test func promotedBucketsTakeTheWiderOfTheirOwnAndThePooledCalibration() throws {
        // Per step: 60 ordinary residuals within ±1 and 40 promoted ones of lift 2 within ±6.
        let ordinary: [Double] = (0..<60).map { Double($0 % 21 - 10) / 10 }
        let promotedResiduals: [Double] = (0..<40).map { Double($0 % 13 - 6) }
        let residuals = [ordinary + promotedResiduals, ordinary + promotedResiduals]
        let stepLifts = [Double](repeating: 1, count: 60) + [Double](repeating: 2, count: 40)
        let lifts = [stepLifts, stepLifts]
        let model = IntervalModel.calibrate(scaledResiduals: residuals, lifts: lifts, levels: [0.8], method: .empirical)
        let shifted = try #require(model.shifted)
        // In units of scale × lift: the promoted residuals halved.
        #expect(shifted[0][0][1] > 2 && shifted[0][0][1] <= 3)
        let pooled = model.offsets(step: 0, level: 0)
        let promoted = model.offsets(step: 0, level: 0, lift: 2), larger = model.offsets(step: 0, level: 0, lift: 3)
        #expect(promoted[0] < pooled[0] && promoted[1] > pooled[1], "\(promoted) against \(pooled)")
        #expect(abs(promoted[1] - 2 * shifted[0][0][1]) < 1e-9 && larger[1] > promoted[1])
        // An ordinary bucket keeps the pooled offsets; a lowered one (lift 0.5) is never narrower than them.
        #expect(model.offsets(step: 0, level: 0, lift: 1.1) == pooled)
        let lowered = model.offsets(step: 0, level: 0, lift: 0.5)
        #expect(lowered[0] <= pooled[0] && lowered[1] >= pooled[1])
        #expect(model.bounds(point: 50, step: 1, scale: 2, level: 0, lift: 2).upper > model.bounds(point: 50, step: 1, scale: 2, level: 0).upper)
        // Too few promoted residuals (fewer than `minimumPerStep` in all): no separate calibration.
        let few = residuals.map { Array($0.prefix(79)) }
        #expect(IntervalModel.calibrate(scaledResiduals: few, lifts: lifts.map { Array($0.prefix(79)) }, levels: [0.8], method: .empirical).shifted
                    == nil)
        // Without lifts, the model is what it always was.
        #expect(IntervalModel.calibrate(scaledResiduals: residuals, levels: [0.8], method: .empirical).shifted == nil)
    }
}
