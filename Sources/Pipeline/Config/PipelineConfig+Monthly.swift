extension PipelineConfig {
    /// This config with calendar-month buckets and `monthly`'s model settings (season, lookback,
    /// horizon, sin/cos periods).
    public func withMonthlyBuckets(_ monthly: MonthlyModel) -> PipelineConfig {
        var config = self
        config.clean.bucket = "month"
        config.clean.monthly = nil
        config.model.seasonLength = monthly.seasonLength
        config.model.lookback = monthly.lookback
        config.model.horizon = monthly.horizon
        config.features.periods = monthly.periods
        return config
    }

    /// The config the states after `clean` use: under `clean.bucket` `auto`, the monthly one when clean
    /// bucketed the data by month (`monthlyData`), else this one.
    public func resolved(monthlyData: Bool) -> PipelineConfig {
        guard clean.bucket == "auto", monthlyData else { return self }
        return withMonthlyBuckets(clean.monthly ?? MonthlyModel())
    }
}

extension PipelineConfig.Clean {
    /// Whether data is bucketed by calendar month: under `month`, and under `auto` when every sale falls
    /// on one day of its month (`sharedDayOfMonth`, as `CleanState.sharedDayOfMonth` finds it).
    func bucketsByMonth(sharedDayOfMonth: Int?) -> Bool {
        bucket == "month" || (bucket == "auto" && sharedDayOfMonth != nil)
    }
}
