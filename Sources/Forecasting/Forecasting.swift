/// Time-series demand forecasting without I/O: bucketing, cleaning, features, baseline models,
/// accuracy metrics, model selection and prediction intervals.
public enum Forecasting {}
