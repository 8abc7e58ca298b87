import Testing
@testable import Formats

@Test func errorNamesFileLineAndColumn() {
    let error = FormatError(file: "sales.csv", line: 12, column: "qty", message: "expected a number, found 'abc'")
    #expect(error.description == "sales.csv:12: column 'qty': expected a number, found 'abc'")
}

@Test func emptyCells() {
    #expect(Cell.null.isEmpty)
    #expect(Cell.string("").isEmpty)
    #expect(!Cell.string("0").isEmpty)
    #expect(!Cell.integer(0).isEmpty)
}
