import Testing
@testable import Pipeline

@Test func retryDelaysBackOffAndCap() {
    var policy = RetryPolicy()
    policy.intervalSeconds = 2
    policy.backoffRate = 3
    policy.maxDelaySeconds = 10
    policy.jitter = 0
    #expect(policy.delay(beforeAttempt: 2, jitterDraw: 0.7) == 2)
    #expect(policy.delay(beforeAttempt: 3, jitterDraw: 0.7) == 6)
    #expect(policy.delay(beforeAttempt: 4, jitterDraw: 0.7) == 10)
}

@Test func jitterStaysWithinItsFraction() {
    var policy = RetryPolicy()
    policy.intervalSeconds = 10
    policy.jitter = 0.2
    #expect(policy.delay(beforeAttempt: 2, jitterDraw: 0) == 8)
    #expect(policy.delay(beforeAttempt: 2, jitterDraw: 0.5) == 10)
    #expect(abs(policy.delay(beforeAttempt: 2, jitterDraw: 0.999_999) - 12) < 1e-3)
}

@Test func seedDerivationIsStableAndDistinct() {
    #expect(SplitMix64.derive(42, "train") == SplitMix64.derive(42, "train"))
    #expect(SplitMix64.derive(42, "train") != SplitMix64.derive(42, "tune"))
    #expect(SplitMix64.derive(42, "train") != SplitMix64.derive(43, "train"))
    var generator = SplitMix64(seed: 1)
    let draws = (0..<1000).map { _ in generator.nextUnit() }
    #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(abs(draws.reduce(0, +) / 1000 - 0.5) < 0.05)
}
