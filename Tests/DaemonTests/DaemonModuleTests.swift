import Testing
@testable import Daemon

@Test func moduleLinks() {
    #expect(String(describing: Daemon.self) == "Daemon")
}
