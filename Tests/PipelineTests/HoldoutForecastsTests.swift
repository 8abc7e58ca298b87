import Testing
@testable import Pipeline

/// `demand backtest --forecasts`: one row per series and holdout step, actuals first, then each model.
@Suite struct HoldoutForecastsTests {
    @Test func rowsFollowSeriesAndStepsWithFourDecimals() {
        var forecasts = HoldoutForecasts(series: ["A-1", "B,2"], actuals: [[3, 0], [1.5, 2]])
        forecasts.add("naive", [[1, 1], [2, 2]])
        forecasts.add("lstm-q0.9", [[2.123456, 0.00004], [4, 5]])
        #expect(forecasts.csv() == """
            sku,step,actual,naive,lstm-q0.9
            A-1,1,3,1,2.1235
            A-1,2,0,1,0
            "B,2",1,1.5,2,4
            "B,2",2,2,2,5

            """)
    }
}
