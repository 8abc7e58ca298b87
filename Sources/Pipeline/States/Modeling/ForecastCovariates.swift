import Forecasting

/// The covariates a run forecasts with: the clean series' prices and regressors extended through the
/// horizon (planned values from `features.plans`, else each SKU's usual value of late), joined with the
/// holiday and promotion calendars' flags, kept to `model.covariates`.
///
/// `train` feeds them to the network; `residuals` reads from them how far each bucket's covariates move
/// demand (`CovariateLift`), so both see the same future.
struct ForecastCovariates {
    /// `values[series][input][bucket]` over each SKU's history and the horizon; nil without any.
    var covariates: Covariates?
    /// What the run should log: how many planned values were used, plan columns that were ignored.
    var notes: [(warning: Bool, message: String)] = []

    /// Assembles the covariates of `series` for a forecast of `horizon` buckets after the grid's end.
    static func assemble(series: [SeriesRecord], grid: BucketGrid, context: StateContext) throws -> ForecastCovariates {
        let horizon = context.config.model.horizon
        var result = ForecastCovariates()
        var covariates = series.covariates
        if let observed = covariates {
            var planned = 0
            if let input = context.inputs.first(where: { $0.producer == ReservedInputs.plans }) {
                let plans = try CovariatePlans.load(path: context.inputPath(input), grid: grid, covariateNames: observed.names)
                if !plans.unknownColumns.isEmpty {
                    result.notes.append((true, "plans columns \(plans.unknownColumns.joined(separator: ", ")) are not covariates of the data "
                                         + "(\(observed.names.joined(separator: ", "))); ignored"))
                }
                (covariates, planned) = plans.extend(observed, series: series, horizon: horizon)
            } else {
                (covariates, planned) = CovariatePlans().extend(observed, series: series, horizon: horizon)
            }
            result.notes.append((false, "covariates for the forecast buckets: \(planned) planned values from features.plans, the rest the median "
                                 + "of each SKU's last \(horizon) buckets (its usual price and promotions of late)"))
        }
        covariates = CalendarCovariates.joined(covariates, CalendarCovariates.flags(try Calendars.load(context), series: series, grid: grid, horizon: horizon))
        result.covariates = covariates?.keeping(context.config.model.covariates)
        return result
    }
}
