/// Walks CSV records in a byte range and keeps only the chosen fields, with the table reader's quoting rules.
///
/// The rules are those of `CSVReader.parse` (a quote opens a quoted field only at the field's start, `""`
/// inside is one quote, spaces after the closing quote are dropped, other text after it is kept, LF, CRLF and
/// CR end records, blank lines are skipped); `CSVFieldScannerTests` holds the two to the same output.
/// Owns scratch memory for quoted fields: call `deallocate()` when done.
struct CSVRecordCursor {
    private let text: UnsafeBufferPointer<UInt8>
    private let end: Int
    private let delimiter: UInt8
    private let file: String
    /// For each header field, the chosen slot or -1.
    private let slotOfField: UnsafeMutableBufferPointer<Int>
    /// The chosen fields of the current record.
    let slots: UnsafeMutableBufferPointer<UnsafeRawBufferPointer?>
    private var scratch: UnsafeMutableBufferPointer<UnsafeMutableRawBufferPointer>
    /// The offset of the next unit (record or blank line).
    var position: Int
    /// The line `position` is on.
    var line: Int
    /// The line the current record started on.
    private(set) var recordLine = 0
    /// Whether fields past the header's are ignored instead of refused when not empty (for reading the header itself).
    var allowsExtraFields = false

    /// A cursor over `text[position...]` for a header of `headerCount` fields; `slotOfField` maps a header field to its slot.
    init(text: UnsafeRawBufferPointer, position: Int, line: Int, delimiter: UInt8, file: String, slotOfField: [Int]) {
        self.text = text.assumingMemoryBound(to: UInt8.self)
        end = text.count
        self.delimiter = delimiter
        self.file = file
        self.position = position
        self.line = line
        self.slotOfField = .allocate(capacity: slotOfField.count)
        _ = self.slotOfField.initialize(from: slotOfField)
        let slotCount = (slotOfField.max() ?? -1) + 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: nil)
        scratch = .allocate(capacity: slotCount)
        _ = scratch.initialize(from: (0..<slotCount).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1) })
    }

    /// Frees the scratch memory.
    func deallocate() {
        for buffer in scratch { buffer.deallocate() }
        scratch.deallocate()
        slots.deallocate()
        slotOfField.deallocate()
    }

    /// Parses the unit at `position`: returns `true` with `slots` filled for a record, `false` for a blank line.
    mutating func next() throws -> Bool {
        recordLine = line
        let fieldCount = slotOfField.count
        for index in slots.indices { slots[index] = nil }
        var field = 0
        var extraNonEmpty = false
        var index = position
        while true {
            var value: UnsafeRawBufferPointer
            var quoted = false
            if index < end, text[index] == 0x22 {
                quoted = true
                let slot = field < fieldCount ? slotOfField[field] : -1
                let length = try readQuoted(&index, slot: slot)
                value = slot >= 0 ? UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scratch[slot])[0..<length])
                    : UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[(index - length)..<index]))  // only its emptiness matters
            } else {
                let start = index
                let delimiter = self.delimiter
                while index < end {
                    let byte = text[index]
                    if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                    index &+= 1
                }
                value = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[start..<index]))
            }
            if field < fieldCount {
                let slot = slotOfField[field]
                if slot >= 0 { slots[slot] = value }
            } else if !value.isEmpty {
                extraNonEmpty = true
            }
            field &+= 1
            if index < end, text[index] == delimiter {
                index &+= 1
                continue
            }
            let blank = field == 1 && !quoted && value.isEmpty
            if index < end {
                index &+= (text[index] == 0x0D && index + 1 < end && text[index + 1] == 0x0A) ? 2 : 1
                line &+= 1
            }
            position = index
            if blank { return false }
            if extraNonEmpty && !allowsExtraFields {
                throw FormatError(file: file, line: recordLine,
                                  message: "expected \(fieldCount) fields as in the header, found \(field); check the delimiter and quoting of this line")
            }
            return true
        }
    }

    /// Reads a quoted field starting at its opening quote, leaving `index` at the delimiter or line end after it.
    ///
    /// The unquoted text goes to `scratch[slot]` when `slot >= 0`; returns its length (for other slots, 0 or 1 to tell empty from not).
    private mutating func readQuoted(_ index: inout Int, slot: Int) throws -> Int {
        let openedOn = line
        var length = 0
        index &+= 1
        var closed = false
        while index < end {
            let byte = text[index]
            if byte == 0x22 {
                if index + 1 < end, text[index + 1] == 0x22 {
                    append(0x22, slot: slot, length: &length)
                    index &+= 2
                    continue
                }
                index &+= 1
                closed = true
                break
            }
            if byte == 0x0A || (byte == 0x0D && !(index + 1 < end && text[index + 1] == 0x0A)) { line &+= 1 }
            append(byte, slot: slot, length: &length)
            index &+= 1
        }
        guard closed else {
            throw FormatError(file: file, line: openedOn, message: "a quoted field starting on this line never ends; a closing '\"' is missing")
        }
        var padding = 0
        while index < end {
            let byte = text[index]
            if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
            if byte == 0x20 || byte == 0x09 {
                padding &+= 1
            } else {
                for offset in stride(from: padding, to: 0, by: -1) { append(text[index - offset], slot: slot, length: &length) }
                padding = 0
                append(byte, slot: slot, length: &length)
            }
            index &+= 1
        }
        return length
    }

    private mutating func append(_ byte: UInt8, slot: Int, length: inout Int) {
        guard slot >= 0 else {
            length = 1
            return
        }
        if length == scratch[slot].count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(64, length * 2), alignment: 1)
            grown.copyMemory(from: UnsafeRawBufferPointer(scratch[slot]))
            scratch[slot].deallocate()
            scratch[slot] = grown
        }
        scratch[slot][length] = byte
        length &+= 1
    }
}
