import Testing
@testable import Formats

/// Numbers and dates as vendors' tools write them.
@Suite struct TextParsingTests {
    @Test(arguments: [
        ("19,99", true, 19.99), ("1.234,56", true, 1234.56), ("€ 7,50", true, 7.5), ("-1", true, -1.0),
        ("1,234.56", false, 1234.56), ("(12.34)", false, -12.34), ("1.23457E+11", false, 123_457_000_000.0),
        ("200.000.000", true, 200_000_000.0), (" 42 ", false, 42.0), ("$3", false, 3.0), ("0,90 €", true, 0.9), ("1 234,50 €", true, 1234.5),
        ("EUR 3,50", true, 3.5), ("3,50 EUR", true, 3.5), ("USD12.00", false, 12.0), ("12,50 zł", true, 12.5), ("R$ 1.299,90", true, 1299.9),
        ("45,00 kr.", true, 45.0), (" CHF 7.20 ", false, 7.2), ("₹ 1,250", false, 1250.0), ("1.5E3", false, 1500.0), ("12.", false, 12.0),
    ])
    func parsesNumbers(_ text: String, _ decimalComma: Bool, _ expected: Double) {
        #expect(NumberParsing.parseDecimal(text, decimalComma: decimalComma) == expected)
    }

    @Test(arguments: [("2,5", false), ("abc", false), ("", false), ("1,23", false), ("1.2.3", false), ("--1", true), ("12%", false),
                      ("EUR", false), ("12 pcs", false), ("ABC 12", false), ("EUR EUR 1", false)])
    func rejectsNonNumbers(_ text: String, _ decimalComma: Bool) {
        #expect(NumberParsing.parseDecimal(text, decimalComma: decimalComma) == nil)
    }

    /// Web shops' event logs date rows by Unix time: seconds or milliseconds, as the UTC day.
    @Test func readsUnixTimes() {
        let june2 = Int32(DateParsing.daysFromCivil(year: 2015, month: 6, day: 2))
        #expect(DateParsing.parseDay("1433221332") == june2)
        #expect(DateParsing.parseDay("1433221332117") == june2)
        #expect(DateParsing.parseDay("1433221332.5") == june2)
        #expect(DateParsing.parseDay("1704067199") == Int32(DateParsing.daysFromCivil(year: 2023, month: 12, day: 31)))
        // Other long numbers are no dates: before 2000, after 2040, or of other lengths.
        for text in ["0912345678", "9999999999", "123456789012", "12345678901234", "1433221332x"] { #expect(DateParsing.parseDay(text) == nil, "\(text)") }
    }

    @Test func parsesDatesByFormat() {
        let day = DateParsing.daysFromCivil(year: 2024, month: 1, day: 31)
        #expect(DateParsing.parseDay("31/01/2024", format: "dd/MM/yyyy") == Int32(day))
        #expect(DateParsing.parseDay("1/31/2024", format: "M/d/yyyy") == Int32(day))
        #expect(DateParsing.parseDay("31.01.24", format: "dd.MM.yy") == Int32(day))
        #expect(DateParsing.parseDay("31-Jan-2024", format: "dd-MMM-yyyy") == Int32(day))
        #expect(DateParsing.parseDay("2024-01-31") == Int32(day))
        #expect(DateParsing.parseDay("2024-01-31T08:15:00Z") == Int32(day))
        #expect(DateParsing.parseDay("2024-01-31 08:15") == Int32(day))
        #expect(DateParsing.parseDay("20240131") == Int32(day))
        #expect(DateParsing.parseDay("31.01.2024") == Int32(day))
    }

    /// A monthly pivot's headers name months: a format without a day reads the first of the month.
    @Test func formatsWithoutADayNameTheFirstOfTheMonth() {
        let first = Int32(DateParsing.daysFromCivil(year: 2014, month: 1, day: 1))
        #expect(DateParsing.parseDay("Jan-14", format: "MMM-yy") == first)
        #expect(DateParsing.parseDay("January 2014", format: "MMM yyyy") == first)
        #expect(DateParsing.parseDay("2014-01", format: "yyyy-MM") == first)
        #expect(DateParsing.parseDay("2014-01") == first)
        #expect(DateParsing.parseDay("2014-13", format: "yyyy-MM") == nil)
        #expect(DateParsing.parseDay("Jan-14", format: "dd-MMM-yy") == nil)
    }

    /// A month name tells the day from the month, so such dates need no format.
    @Test func monthNameDatesAreReadWithoutAFormat() {
        let day = Int32(DateParsing.daysFromCivil(year: 2009, month: 1, day: 14))
        for text in ["14-JAN-09", "14-Jan-2009", "14/Jan/2009", "14 Jan 2009", "14 January 2009", "14JAN2009", "14JAN09",
                     "Jan 14, 2009", "January 14, 2009", "Jan 14 2009", "Wed, 14 Jan 2009", "Wed Jan 14 2009 10:00:00 GMT+0000",
                     "14-Jan-2009 10:15"] {
            #expect(DateParsing.parseDay(text) == day, "\(text)")
        }
        #expect(DateParsing.parseDay("4-Feb-2009") == Int32(DateParsing.daysFromCivil(year: 2009, month: 2, day: 4)))
        // A month and year alone (a monthly pivot's header) still need a layout, and a day must exist.
        for text in ["Jan-14", "January 2014", "30-Feb-2009", "14-Foo-2009", "14-Jan-209", "Jan 14, 09x"] {
            #expect(DateParsing.parseDay(text) == nil, "\(text)")
        }
    }

    /// A spreadsheet's date column saved as CSV in the General format holds serial day numbers.
    @Test func excelSerialDaysAreReadWithoutAFormat() {
        #expect(DateParsing.parseDay("45292") == Int32(DateParsing.daysFromCivil(year: 2024, month: 1, day: 1)))
        #expect(DateParsing.parseDay("45292.375") == Int32(DateParsing.daysFromCivil(year: 2024, month: 1, day: 1)))
        #expect(DateParsing.parseDay("40179") == Int32(DateParsing.daysFromCivil(year: 2010, month: 1, day: 1)))
        #expect(DateParsing.parseDay("1234") == nil)
        #expect(DateParsing.parseDay("99999") == nil)
        #expect(DateParsing.parseDay("45292.") == nil)
        #expect(DateParsing.parseDay("45292", format: "dd/MM/yyyy") == nil)
    }

    /// Planning exports date weeks the ISO way: `2019-W05` is the Monday of ISO week 5.
    @Test func isoWeeksNameTheirMonday() {
        func day(_ year: Int, _ month: Int, _ day: Int) -> Int32 { Int32(DateParsing.daysFromCivil(year: year, month: month, day: day)) }
        #expect(DateParsing.parseDay("2019-W05") == day(2019, 1, 28))
        #expect(DateParsing.parseDay("2019-W01") == day(2018, 12, 31))
        #expect(DateParsing.parseDay("2021-W01") == day(2021, 1, 4))
        #expect(DateParsing.parseDay("2020-W53") == day(2020, 12, 28))
        #expect(DateParsing.parseDay("2019-W53") == nil)
        #expect(DateParsing.parseDay("2019-W00") == nil)
        #expect(DateParsing.parseDay("W05/2019", format: "'W'ww/YYYY") == day(2019, 1, 28))
        #expect(DateParsing.parseDay("201905", format: "YYYYww") == day(2019, 1, 28))
    }

    @Test func formatsWithTimesWeekdaysZonesAndQuotedTextNameTheDay() {
        let day = Int32(DateParsing.daysFromCivil(year: 2024, month: 1, day: 31))
        #expect(DateParsing.parseDay("01/31/2024 08:26", format: "MM/dd/yyyy HH:mm") == day)
        #expect(DateParsing.parseDay("1/31/2024 8:26", format: "M/d/yyyy H:mm") == day)
        #expect(DateParsing.parseDay("1/31/2024 8:26:59 PM", format: "M/d/yyyy h:mm:ss a") == day)
        #expect(DateParsing.parseDay("1/31/2024 8:26 p.m.", format: "M/d/yyyy h:mm a") == day)
        #expect(DateParsing.parseDay("2024-01-31T23:15:00.123+01:00", format: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") == day)
        #expect(DateParsing.parseDay("2024-01-31T23:15:00Z", format: "yyyy-MM-dd'T'HH:mm:ssX") == day)
        #expect(DateParsing.parseDay("Wed, 31 Jan 2024", format: "EEE, dd MMM yyyy") == day)
        #expect(DateParsing.parseDay("Wednesday 31 January 2024", format: "EEEE d MMMM yyyy") == day)
        #expect(DateParsing.parseDay("sold 2024-01-31 o'clock", format: "'sold' yyyy-MM-dd 'o''clock'") == day)
        // The time is checked: an hour, minute or meridiem that cannot be is no date.
        #expect(DateParsing.parseDay("01/31/2024 25:00", format: "MM/dd/yyyy HH:mm") == nil)
        #expect(DateParsing.parseDay("01/31/2024 08:60", format: "MM/dd/yyyy HH:mm") == nil)
        #expect(DateParsing.parseDay("1/31/2024 8:26 XM", format: "M/d/yyyy h:mm a") == nil)
        #expect(DateParsing.parseDay("2024-01-31 08:26", format: "yyyy-MM-dd'T'HH:mm") == nil)
        #expect(DateParsing.parseDay("2024-01-31", format: "yyyy-MM-dd 'unterminated") == nil)
    }

    @Test func refusesImpossibleAndAmbiguousDates() {
        #expect(DateParsing.parseDay("2023-02-29") == nil)
        #expect(DateParsing.parseDay("2024-13-01") == nil)
        #expect(DateParsing.parseDay("01/02/2024") == nil)
        #expect(DateParsing.parseDay("31/01/2024x", format: "dd/MM/yyyy") == nil)
        #expect(DateParsing.parseDay("2024-02-29") != nil)
    }

    @Test func daysRoundTripThroughTheCivilCalendar() {
        for day in stride(from: -800_000, through: 3_000_000, by: 997) {
            let (year, month, dayOfMonth) = DateParsing.civil(fromDays: day)
            #expect(DateParsing.daysFromCivil(year: year, month: month, day: dayOfMonth) == day)
        }
        #expect(DateParsing.isoString(days: 0) == "1970-01-01")
        #expect(DateParsing.isoString(days: -1) == "1969-12-31")
        #expect(DateParsing.isoString(days: 19_782) == "2024-02-29")
        #expect(DateParsing.isoString(timestamp: 1_500, unit: .milliseconds) == "1970-01-01T00:00:01.500")
    }
}
