import Testing
@testable import Pipeline

@Test func moduleLinks() {
    #expect(String(describing: Pipeline.self) == "Pipeline")
}
