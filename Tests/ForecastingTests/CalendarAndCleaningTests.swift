import Testing
@testable import Forecasting

/// Bucket numbering, capping and features on hand-checked values.
@Suite struct CalendarAndCleaningTests {
    @Test func weeklyMondayBucketsAndTwoWeekSundayBuckets() {
        let monday = BucketCalendar(weeksPerBucket: 1, anchorWeekday: 0)
        #expect(monday.startDay(ofIndex: 2817) == 19_723)  // 2024-01-01, a Monday
        #expect(monday.index(ofDay: 19_723) == 2817 && monday.index(ofDay: 19_729) == 2817 && monday.index(ofDay: 19_730) == 2818)
        #expect(monday.index(ofDay: 0) == -1 && monday.startDay(ofIndex: -1) == -3)
        let sunday = BucketCalendar(weeksPerBucket: 2, anchorWeekday: 6)
        for day in [-20, 0, 3, 16, 19_723] {
            let index = sunday.index(ofDay: day)
            #expect(sunday.startDay(ofIndex: index) <= day && day < sunday.startDay(ofIndex: index + 1))
            #expect((sunday.startDay(ofIndex: index) % 7 + 7) % 7 == 3)  // 1970-01-04 was a Sunday
        }
    }

    @Test func capsOnlyHighOutliersAndReportsThem() {
        let values: [Double] = [7, 7, 406, 7, 0, 7, 7, 7]
        let result = OutlierCapping.cap(values, z: 2)
        #expect(result.capped.count == 1)
        #expect(result.capped[0].index == 2 && result.capped[0].original == 406)
        #expect(result.values[2] == result.capped[0].capped && result.values[2] < 406)
        #expect(result.values[4] == 0)
        #expect(OutlierCapping.cap(values, z: 0).capped.isEmpty)
    }

    @Test func featuresUseOnlyEarlierBuckets() {
        let features = SeriesFeatures.compute(values: [3, 0, 0, 5], firstBucketIndex: 52, periods: [52], windows: [2])
        let column = { (name: String) in features.names.firstIndex(of: name)! }
        #expect(features.rows[0][column("sin_52")] == 0 && features.rows[0][column("cos_52")] == 1)
        #expect(features.rows.map { $0[column("lag_1")] } == [0, 3, 0, 0])
        #expect(features.rows.map { $0[column("roll_mean_2")] } == [0, 3, 1.5, 0])
        #expect(features.rows.map { $0[column("zero_run")] } == [0, 0, 1, 2])
        #expect(features.rows[3][column("nonzero_share")] == 1.0 / 3)
    }
}
