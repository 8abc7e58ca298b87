import Testing
@testable import Forecasting

@Test func moduleLinks() {
    #expect(String(describing: Forecasting.self) == "Forecasting")
}
