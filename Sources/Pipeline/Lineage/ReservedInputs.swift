/// Producer names of run inputs that are not vendor files: the master table and the calendars.
public enum ReservedInputs {
    /// The holiday calendar.
    public static let holidays = "calendar-holidays"
    /// The promotion calendar.
    public static let promotions = "calendar-promotions"
    /// Planned covariates (prices, promotions) for the forecast buckets.
    public static let plans = "calendar-plans"

    /// The forecast of the previous successful run (compared with new actuals for drift).
    public static let previousForecast = "previous-forecast"
    /// The drift history carried from run to run.
    public static let driftHistory = "drift-history"

    /// Inputs that accompany the sales data (read by name, not as sales).
    public static func isSupporting(_ producer: String) -> Bool {
        producer == MasterTable.attributesProducer || producer == holidays || producer == promotions || producer == plans
            || producer == previousForecast || producer == driftHistory
    }

    /// Every non-vendor input, including the master table itself.
    public static func isReserved(_ producer: String) -> Bool {
        producer == MasterTable.producer || isSupporting(producer)
    }
}
