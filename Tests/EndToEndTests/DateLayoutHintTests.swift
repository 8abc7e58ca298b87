import Foundation
import Testing
@testable import Pipeline

/// A file whose dates the producer's `dateFormat` does not read is refused with the layout its cells suggest.
@Suite struct DateLayoutHintTests {
    /// Acme's weekly rows dated `dd/MM/yy` (two-digit years, as Walmart's store file writes them).
    static let twoDigitYears: String = {
        var lines = ["item_code;sold_on;qty_sold;unit_price"]
        for week in 0..<20 {
            let day = 3 + (week % 4) * 7, month = 1 + week / 4
            lines.append(String(format: "A100;%02d/%02d/22;%d;1,0", day, month, 40 + week % 3))
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func twoDigitYearsUnderAFourDigitFormatAreNamed() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let file = "\(root.path)/acme_yy.csv"
        try FileSystem.writeAtomically(Self.twoDigitYears, to: file)
        let result = try root.demand(["backtest", "--input", file, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("found '03/01/22'"), "\(result.stderr)")
        #expect(result.stderr.contains(#"the dates look like dd/MM/yy (days above 12 come first; their year has two digits (yy)): set producers[].dateFormat to "dd/MM/yy""#),
                "\(result.stderr)")
        // The suggested format reads the file.
        let fixed = TestRoot.configJSON.replacingOccurrences(of: #""dateFormat": "dd/MM/yyyy""#, with: #""dateFormat": "dd/MM/yy""#)
        let config = "\(root.path)/fixed.json"
        try FileSystem.writeAtomically(fixed, to: config)
        let second = try root.demand(["backtest", "--input", file, "--config", config, "--holdout", "4", "--quiet"])
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
    }

    @Test func theFieldAbove12TellsTheOrder() {
        var dayFirst = DateLayoutHint(), monthFirst = DateLayoutHint(), unclear = DateLayoutHint(), mixed = DateLayoutHint()
        for cell in ["05/02/2010", "25/02/2010"] { dayFirst.add(cell) }
        for cell in ["2.5.10", "2.25.10"] { monthFirst.add(cell) }
        for cell in ["05-02-10", "06-02-10"] { unclear.add(cell) }
        for cell in ["05/02/10", "Feb 5, 2010"] { mixed.add(cell) }
        #expect(dayFirst.note(format: nil)?.hasSuffix(#"set producers[].dateFormat to "dd/MM/yyyy""#) == true)
        #expect(dayFirst.note(format: "dd/MM/yyyy") == nil)
        #expect(monthFirst.note(format: nil)?.hasSuffix(#"set producers[].dateFormat to "MM.dd.yy""#) == true)
        #expect(unclear.note(format: nil)?.contains("dd-MM-yy or MM-dd-yy (no field above 12") == true)
        #expect(mixed.note(format: nil) == nil)
    }
}
