import Testing
@testable import Forecasting

/// Drift is measured per bucket and raised/cleared with consecutive buckets and hysteresis.
@Suite struct DriftTests {
    @Test func measuresWAPEAndMAPEOverSKUs() {
        let accuracy = BucketAccuracy.measure(bucket: "2024-01-01", pairs: [(10, 8), (0, 2), (5, 0)])
        #expect(accuracy.wape == 9.0 / 10)
        let expectedMAPE: Double = (2.0 / 8 + 1) / 2
        #expect(accuracy.mape == expectedMAPE)
        #expect(accuracy.skus == 3)
        #expect(accuracy.actualTotal == 10)
        #expect(accuracy.forecastTotal == 15)
        #expect(BucketAccuracy.measure(bucket: "b", pairs: [(0, 0)]).mape == nil)
        #expect(BucketAccuracy.measure(bucket: "b", pairs: [(3, 0)]).wape == 1)
    }

    func bucket(_ index: Int, _ wape: Double) -> BucketAccuracy {
        BucketAccuracy(bucket: "2024-01-\(10 + index)", wape: wape, mape: nil, skus: 1, actualTotal: 1, forecastTotal: 1)
    }

    @Test func raisesAfterConsecutiveBucketsAndClearsWithHysteresis() {
        let tracker = DriftTracker(threshold: 0.5, consecutiveBuckets: 2, clearRatio: 0.8)
        var state = DriftTracker.State()
        var event: DriftTracker.Event
        (state, event) = tracker.update(state, with: [bucket(0, 0.7)])
        #expect(event == .none && state.consecutive == 1 && !state.active)
        (state, event) = tracker.update(state, with: [bucket(1, 0.3), bucket(2, 0.9)])
        #expect(event == .none && state.consecutive == 1)
        (state, event) = tracker.update(state, with: [bucket(3, 0.8)])
        #expect(event == .raised && state.active)
        // Below the threshold but above threshold × clearRatio (0.4): still active.
        (state, event) = tracker.update(state, with: [bucket(4, 0.45)])
        #expect(event == .none && state.active)
        (state, event) = tracker.update(state, with: [bucket(5, 0.2)])
        #expect(event == .cleared && !state.active)
        // A bucket seen before is not counted twice.
        (state, event) = tracker.update(state, with: [bucket(5, 0.9)])
        #expect(state.history.count == 6 && event == .none)
    }
}

/// Segments and the validation rule that chooses network, baseline or blend.
@Suite struct SegmentRuleTests {
    @Test func classifiesBySyntetosBoylan() {
        #expect(DemandSegment.classify([5, 6, 5, 6, 5, 6]) == .smooth)
        #expect(DemandSegment.classify([1, 30, 2, 40, 1, 35]) == .erratic)
        #expect(DemandSegment.classify([5, 0, 0, 6, 0, 0, 5, 0]) == .intermittent)
        #expect(DemandSegment.classify([1, 0, 0, 40, 0, 0, 2, 0]) == .lumpy)
        #expect(DemandSegment.classify([0, 0, 0]) == .lumpy)
    }

    @Test func theSourceWithTheLowestValidationErrorWinsPerSegment() {
        // Two smooth series whose last 2 values jump to 20: a "network" that saw it coming wins there.
        let series: [[Double]] = [[5, 5, 5, 5, 5, 5, 20, 20], [6, 6, 6, 6, 6, 6, 20, 20]]
        let network: [[Double]] = [[20, 20], [20, 20]]
        let rules = SegmentRules.decide(series: series, networkValidation: network, baselines: [.naive, .naive], horizon: 2, seasonLength: 52)
        #expect(rules.rules[.smooth] == .lstm)
        #expect(rules.wape[.lstm] == 0)
        #expect(rules.wape[.baseline]! > rules.wape[.blend]!)
        // Volume: the network's 80 against actuals of 80; naive's 4 × 5.5 = 22, so (22 − 80) / 80 short.
        #expect(rules.volumeError[.lstm] == 0 && rules.volumeError[.baseline] == -0.725 && rules.volumeError[.blend] == -0.3625)
        let applied = rules.apply(network: [[1, 2], [3, 4]], baseline: [[9, 9], [9, 9]])
        #expect(applied == [[1, 2], [3, 4]])
        // Asked for a clear edge over the blend, the network still wins here (WAPE 0 against the blend's)...
        let clear = SegmentRules.decide(series: series, networkValidation: network, baselines: [.naive, .naive], horizon: 2,
                                        seasonLength: 52, networkEdge: 0.1)
        #expect(clear.rules[.smooth] == .lstm)
        // ...but a narrow win (overshooting by 4.8 and 4.5: 23.3 % against the blend's 24.6 %) gives way to the
        // blend, the next best.
        let narrow: [[Double]] = [[24.8, 24.8], [24.5, 24.5]]
        let plain = SegmentRules.decide(series: series, networkValidation: narrow, baselines: [.naive, .naive], horizon: 2, seasonLength: 52)
        let hedged = SegmentRules.decide(series: series, networkValidation: narrow, baselines: [.naive, .naive], horizon: 2,
                                         seasonLength: 52, networkEdge: 0.1)
        #expect(plain.rules[.smooth] == .lstm && hedged.rules[.smooth] == .blend && hedged.wape == plain.wape, "\(plain.wape)")
        #expect(hedged.apply(network: [[1, 2], [3, 4]], baseline: [[9, 9], [9, 9]]) == [[5, 5.5], [6, 6.5]])
    }

    @Test func aSourceForecastingNextToNothingDoesNotServeSparseDemand() {
        // Products selling 1 unit now and then: a forecast of zero has the lowest WAPE (100 %), but nothing
        // to stock from. The rule passes over it to the best source forecasting at least a tenth of the demand.
        let series: [[Double]] = [[0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1]]
        let nothing: [[Double]] = [[0, 0, 0, 0], [0, 0, 0, 0]]
        let rules = SegmentRules.decide(series: series, networkValidation: nothing, baselines: [.historicAverage, .historicAverage],
                                        horizon: 4, seasonLength: 52)
        let segment = DemandSegment.classify(series[0])
        #expect(rules.segmentWAPE[segment]?[.lstm] == 1)
        #expect(rules.segmentWAPE[segment]![.blend]! < rules.segmentWAPE[segment]![.baseline]!)
        #expect(rules.rules[segment] == .blend && rules.tooLittle[segment] == [.lstm], "\(rules)")
        // When every source forecasts that little, the lowest WAPE serves as before.
        let zeros: [[Double]] = [[0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]]
        let none = SegmentRules.decide(series: zeros, networkValidation: nothing, baselines: [.naive, .naive], horizon: 4, seasonLength: 52)
        #expect(none.rules[DemandSegment.classify(zeros[0])] == .lstm && none.tooLittle.isEmpty, "\(none)")
    }

    @Test func shortHistoriesAskTheNetworkForAClearEdge() {
        // Season 52, horizon 13: a median history under 65 buckets asks for a tenth.
        #expect(SegmentRules.requiredNetworkEdge(seriesLengths: [39, 39, 104], seasonLength: 52, horizon: 13) == 0.1)
        #expect(SegmentRules.requiredNetworkEdge(seriesLengths: [64], seasonLength: 52, horizon: 13) == 0.1)
        #expect(SegmentRules.requiredNetworkEdge(seriesLengths: [65], seasonLength: 52, horizon: 13) == 0)
        #expect(SegmentRules.requiredNetworkEdge(seriesLengths: [91, 91, 20], seasonLength: 52, horizon: 13) == 0)
        #expect(SegmentRules.requiredNetworkEdge(seriesLengths: [], seasonLength: 52, horizon: 13) == 0)
    }
}
