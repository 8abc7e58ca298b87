import Formats

/// A date column of numbered weeks or days (`producers[].weekOneStarts`, `dayOneStarts`) read as days.
struct DateNumbering {
    /// The day number 1 (or week 1's first day) stands for.
    let first: Int32
    /// Days per number: 7 for weeks, 1 for days.
    let stride: Int32
    /// What a cell must hold, as an error message says it.
    let expected: String

    /// The producer's numbering, or nil when its date column holds dates.
    init?(_ producer: PipelineConfig.Producer) {
        if let start = producer.weekOneStarts.flatMap({ DateParsing.parseDay($0) }) {
            (first, stride, expected) = (start, 7, "a week number (producers[].weekOneStarts is set)")
        } else if let start = producer.dayOneStarts.flatMap({ DateParsing.parseDay($0) }) {
            (first, stride, expected) = (start, 1, "a day number (producers[].dayOneStarts is set)")
        } else {
            return nil
        }
    }

    /// The day a cell's whole number names, or nil when it holds none.
    func day(_ cell: Cell) -> Int32? {
        guard let number = CellValues.number(cell, decimalComma: false), number == number.rounded(), abs(number) < 100_000 else { return nil }
        return first + Int32(number - 1) * stride
    }
}
