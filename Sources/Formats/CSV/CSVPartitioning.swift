/// Cuts CSV text into line-aligned parts, prescans them and scans them on parallel threads.
enum CSVPartitioning {
    /// Bytes scanned between two hand-backs of mapped pages.
    static let releaseWindow = 16 << 20

    /// Part starts: 0, then the offset after the first LF past each even split; fewer when lines are long.
    static func cuts(_ text: UnsafeRawBufferPointer, partitions: Int) -> [Int] {
        var cuts = [0]
        for part in 1..<max(partitions, 1) {
            var offset = max(text.count / partitions * part, (cuts.last ?? 0) + 1)
            while (offset < text.count) && (text[offset - 1] != 0x0A) { offset += 1 }
            if (offset < text.count) && (offset > (cuts.last ?? 0)) { cuts.append(offset) }
        }
        return cuts
    }

    /// ASCII-ness and line breaks of each part (`cuts[j]..<cuts[j+1]`), one thread per part, pages given back as they go.
    static func prescan(_ source: CSVFieldScanner.Source, cuts: [Int]) -> [TextPrescan] {
        let text = source.text
        let results = UnsafeMutableBufferPointer<TextPrescan>.allocate(capacity: cuts.count)
        results.initialize(repeating: TextPrescan(text, 0..<0))
        defer { results.deallocate() }
        ParallelParts.run(cuts.count) { part in
            let end = part + 1 < cuts.count ? cuts[part + 1] : text.count
            var total = TextPrescan(text, 0..<0)
            var start = cuts[part]
            while start < end {
                let stop = min(end, start + releaseWindow)
                let window = TextPrescan(text, start..<stop)
                total.isASCII = total.isASCII && window.isASCII
                total.lineBreaks &+= window.lineBreaks
                source.release(start..<stop)
                start = stop
            }
            results[part] = total
        }
        return Array(results)
    }

    /// Scans parts on threads, then checks every cut against where the part before it really ended.
    struct Plan {
        let source: CSVFieldScanner.Source
        let delimiter: UInt8
        let slotOfField: [Int]
        /// Where each part starts (the first after the header).
        let cuts: [Int]
        /// The line each cut is on.
        let lines: [Int]

        /// How one part went: its partial result, where it stopped and on which line, or its error.
        struct Outcome<Partial> {
            var partial: Partial
            var end = 0
            var line = 0
            var error: (any Error)?
        }

        /// Runs every part and returns their partial results in file order.
        func run<Partial>(initial: @Sendable () -> Partial, body: @Sendable (inout Partial, CSVRecordView) throws -> Void) throws -> [Partial] {
            let count = cuts.count
            let outcomes = UnsafeMutableBufferPointer<Outcome<Partial>?>.allocate(capacity: count)
            outcomes.initialize(repeating: nil)
            defer {
                _ = outcomes.deinitialize()
                outcomes.deallocate()
            }
            let work = { (part: Int) in
                var outcome = Outcome(partial: initial())
                let limit = part + 1 < count ? cuts[part + 1] : source.text.count
                do {
                    (outcome.end, outcome.line) = try scanPart(from: cuts[part], line: lines[part], until: limit, into: &outcome.partial, body: body)
                } catch {
                    outcome.error = error
                }
                outcomes[part] = outcome
            }
            ParallelParts.run(count, work)
            var results: [Partial] = []
            var previous: Outcome<Partial>?
            for part in 0..<count {
                guard var outcome = outcomes[part] else { continue }
                if let previous {
                    if let error = previous.error { throw error }
                    if previous.end != cuts[part] {
                        // The cut fell inside a quoted field: this part's records are wrong; redo it from the true end.
                        outcome = Outcome(partial: initial())
                        let limit = part + 1 < count ? cuts[part + 1] : source.text.count
                        do {
                            (outcome.end, outcome.line) = try scanPart(from: previous.end, line: previous.line, until: limit,
                                                                       into: &outcome.partial, body: body)
                        } catch {
                            outcome.error = error
                        }
                    }
                }
                results.append(outcome.partial)
                previous = outcome
            }
            if let error = previous?.error { throw error }
            return results
        }

        /// Scans records starting before `until`; returns the offset after the last one and the line there.
        private func scanPart<Partial>(
            from start: Int, line: Int, until limit: Int, into partial: inout Partial,
            body: @Sendable (inout Partial, CSVRecordView) throws -> Void
        ) throws -> (Int, Int) {
            var cursor = CSVRecordCursor(text: source.text, position: start, line: line, delimiter: delimiter,
                                         file: source.file, slotOfField: slotOfField)
            defer { cursor.deallocate() }
            var released = start
            let fields = UnsafeBufferPointer(cursor.slots)
            while cursor.position < limit {
                if try cursor.next() {
                    try body(&partial, CSVRecordView(line: cursor.recordLine, fields: fields))
                }
                if cursor.position - released >= CSVPartitioning.releaseWindow {
                    source.release(released..<cursor.position)
                    released = cursor.position
                }
            }
            source.release(released..<cursor.position)
            return (cursor.position, cursor.line)
        }
    }
}
