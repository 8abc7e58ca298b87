import Testing
import Formats

/// `ParallelMap` gives the sequential map's results, in order, for any count and number of parts.
@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 2, 3, 7, 1_000])
    func matchesTheSequentialMap(count: Int) {
        func work(_ index: Int) -> [Double] { (0..<(index % 5)).map { Double(index) / Double($0 + 1) } }
        let expected = (0..<count).map(work)
        for parts in [1, 2, 3, 8] {
            #expect(ParallelMap.map(count, parts: parts, work) == expected, "count \(count), parts \(parts)")
        }
    }
}
