import Testing
@testable import Pipeline

@Suite struct CalendarLookupTests {
    @Test func theLookupAnswersAsTheCalendarsDo() throws {
        var calendars = Calendars()
        calendars.holidays = [14_600, 14_610, 15_000]
        calendars.promotions = [(nil, 14_590...14_620), ("A", 14_700...14_705), ("B", 14_600...14_600)]
        var lookup = Calendars.Lookup(calendars)
        for sku in ["A", "B", "C"] {
            for start in stride(from: Int32(14_500), to: 15_100, by: 7) {
                let days = start...(start + 6)
                let flags = lookup.flags(sku, in: days)
                let promoted = calendars.promotions.contains { ($0.sku == nil || $0.sku == sku) && $0.range.overlaps(days) }
                #expect(flags.holiday == calendars.hasHoliday(in: days) && flags.promoted == promoted, "\(sku) \(days)")
            }
        }
    }
}
