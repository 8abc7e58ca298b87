import Testing
@testable import Pipeline

/// The baselines' cross-validation reports about one line per tenth of the series, however many
/// chunks of 1,000 it takes, and always the last.
struct CrossValidationProgressTests {
    @Test func aLargePanelGetsTenLinesEndingWithAllDone() {
        var progress = CrossValidationProgress(total: 71_826)
        let lines = stride(from: 1_000, through: 72_000, by: 1_000).compactMap { progress.report(done: min($0, 71_826)) }
        #expect(lines.count == 10, "\(lines)")
        #expect(lines.first?.hasPrefix("cross-validated 8000 of 71826 series (11 %, ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("cross-validated 71826 of 71826 series (100 %, ") == true && lines.last?.hasSuffix("ETA 0 s)") == true,
                "\(lines)")
    }

    @Test func aSmallPanelReportsEveryChunk() {
        var progress = CrossValidationProgress(total: 2_500)
        let lines = [1_000, 2_000, 2_500].compactMap { progress.report(done: $0) }
        #expect(lines.map { $0.prefix(35) } == ["cross-validated 1000 of 2500 series", "cross-validated 2000 of 2500 series",
                                                "cross-validated 2500 of 2500 series"], "\(lines)")
    }
}
