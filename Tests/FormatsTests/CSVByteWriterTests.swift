import Testing
@testable import Formats

/// The byte writer quotes as RFC 4180 asks, and `CSVWriter.render` writes through it.
@Suite struct CSVByteWriterTests {
    @Test func fieldsAreQuotedOnlyWhereNeededWithQuotesDoubled() {
        let rows = [
            ["plain", "with,comma", "say \"hi\"", "two\nlines", "carriage\rreturn", ""],
            ["Grüße", "日本", "\"", ",", "trailing space ", "ÿ\"ÿ"],
        ]
        let expected = "a,b,c,d,e,f\n"
            + "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",\"carriage\rreturn\",\n"
            + "Grüße,日本,\"\"\"\",\",\",trailing space ,\"ÿ\"\"ÿ\"\n"
        var writer = CSVByteWriter()
        writer.line(["a", "b", "c", "d", "e", "f"])
        for row in rows { writer.line(row) }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
        #expect(CSVWriter.render(header: ["a", "b", "c", "d", "e", "f"], rows: rows) == expected)
    }

    @Test func integersAndEmptyFieldsMatchTheirText() {
        let values: [Int64] = [0, 7, -7, 10, 999_999_999_999_999, -1_000_000, .max, .min]
        var writer = CSVByteWriter()
        for value in values {
            writer.field(value)
            writer.emptyField()
            writer.field("x")
            writer.endLine()
        }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == values.map { "\($0),,x\n" }.joined())
    }
}
