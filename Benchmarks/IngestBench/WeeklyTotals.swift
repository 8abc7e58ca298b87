import Formats

/// Quantity per (SKU, week starting Monday) for one part of a file; parts merge in file order.
///
/// Sums live in one dense column per week indexed by SKU number: vendor drops are sorted or clustered by
/// date, so consecutive rows hit the same small column instead of a table of millions of groups (which
/// costs a cache miss per row). Every kept quantity is positive, so a group exists exactly when its sum is.
struct WeeklyTotals {
    /// SKU texts seen so far, numbered in order of first appearance.
    var skus = ByteStringInterner()
    /// Rows kept (quantity > 0, SKU not empty).
    var kept = 0
    /// Rows whose date or quantity could not be read.
    var unreadable = 0
    private var weekSlots: [Int32: Int] = [:]
    private var weeks: [Int32] = []
    private var columns: [[Int64]] = []
    private var lastWeek = Int32.min
    private var lastSlot = -1

    /// Adds one kept row.
    @inline(__always)
    mutating func add(sku: Int32, day: Int32, quantity: Int64) {
        let week = Self.weekIndex(day: day)
        let slot = week == lastWeek ? lastSlot : self.slot(of: week)
        let index = Int(sku)
        if index >= columns[slot].count { columns[slot].append(contentsOf: repeatElement(0, count: max(skus.count, index + 1) - columns[slot].count)) }
        columns[slot][index] &+= quantity
        kept &+= 1
    }

    private mutating func slot(of week: Int32) -> Int {
        let slot: Int
        if let known = weekSlots[week] {
            slot = known
        } else {
            slot = columns.count
            weekSlots[week] = slot
            weeks.append(week)
            columns.append([])
        }
        lastWeek = week
        lastSlot = slot
        return slot
    }

    /// The Monday-based week of a day count since 1970-01-01 (a Thursday): week 0 starts on 1969-12-29.
    @inline(__always)
    static func weekIndex(day: Int32) -> Int32 {
        let shifted = Int(day) + 3
        return Int32(shifted >= 0 ? shifted / 7 : (shifted - 6) / 7)
    }

    /// Adds `other`'s sums, renumbering its SKUs into this part's numbering.
    mutating func merge(_ other: WeeklyTotals) {
        var renumber: [Int32] = []
        renumber.reserveCapacity(other.skus.count)
        for id in 0..<other.skus.count {
            renumber.append(other.skus.bytes(of: Int32(id)).withUnsafeBytes { skus.id(of: $0) })
        }
        for (otherSlot, week) in other.weeks.enumerated() {
            let slot = self.slot(of: week)
            for (sku, value) in other.columns[otherSlot].enumerated() where value != 0 {
                let index = Int(renumber[sku])
                if index >= columns[slot].count { columns[slot].append(contentsOf: repeatElement(0, count: skus.count - columns[slot].count)) }
                columns[slot][index] &+= value
            }
        }
        kept += other.kept
        unreadable += other.unreadable
    }

    /// The number of groups and the sum of all quantities.
    var summary: (groups: Int, quantity: Int64) {
        var groups = 0
        var total: Int64 = 0
        for column in columns {
            for value in column where value != 0 {
                groups += 1
                total &+= value
            }
        }
        return (groups, total)
    }
}
