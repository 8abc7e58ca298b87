import Testing
@testable import NeuralNet

@Test func moduleLinks() {
    #expect(String(describing: NeuralNet.self) == "NeuralNet")
}
