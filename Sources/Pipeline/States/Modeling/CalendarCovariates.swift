import Forecasting

/// The holiday and promotion calendars as known-future covariates of the network: per SKU and bucket,
/// over its history and the forecast buckets, 1 when the bucket holds a holiday (or a promotion of the
/// SKU), else 0.
enum CalendarCovariates {
    /// `holiday` and `promotion` flags for every series over its history plus `horizon` buckets; a flag
    /// that is 0 everywhere in the histories is left out (it would tell the network nothing).
    static func flags(_ calendars: Calendars, series: [SeriesRecord], grid: BucketGrid, horizon: Int) -> Covariates? {
        flags(calendars, skus: series.map(\.sku), historyCounts: series.map(\.values.count), horizon: horizon) { index, offset in
            grid.days(series[index].firstBucket + offset)
        }
    }

    /// The flags for series given by SKU and history length, with `days(series, offset)` the days of a bucket.
    static func flags(_ calendars: Calendars, skus: [String], historyCounts: [Int], horizon: Int,
                      days: (Int, Int) -> ClosedRange<Int32>) -> Covariates? {
        var holiday: [[Double]] = [], promotion: [[Double]] = []
        var holidaySeen = false, promotionSeen = false
        var lookup = Calendars.Lookup(calendars)
        for (index, sku) in skus.enumerated() {
            var holidays: [Double] = [], promotions: [Double] = []
            for offset in 0..<(historyCounts[index] + horizon) {
                let flags = lookup.flags(sku, in: days(index, offset))
                holidays.append(flags.holiday ? 1 : 0)
                promotions.append(flags.promoted ? 1 : 0)
                if offset < historyCounts[index] {
                    holidaySeen = holidaySeen || holidays[offset] == 1
                    promotionSeen = promotionSeen || promotions[offset] == 1
                }
            }
            holiday.append(holidays)
            promotion.append(promotions)
        }
        var names: [String] = [], columns: [[[Double]]] = []
        if holidaySeen { names.append("holiday"); columns.append(holiday) }
        if promotionSeen { names.append("promotion"); columns.append(promotion) }
        guard !names.isEmpty else { return nil }
        return Covariates(names: names, values: skus.indices.map { index in columns.map { $0[index] } })
    }

    /// The data's covariates (history, extended over the horizon) joined with the calendar flags.
    static func joined(_ data: Covariates?, _ flags: Covariates?) -> Covariates? {
        guard let flags else { return data }
        guard let data else { return flags }
        return Covariates(names: data.names + flags.names, values: zip(data.values, flags.values).map { $0 + $1 })
    }
}
