/// The chosen fields of one CSV record, valid only inside the scanner's callback.
///
/// Fields are raw UTF-8 bytes: unquoted fields point into the file, quoted ones into a scratch buffer with
/// `""` already turned into `"`. A field the record does not have (a short row) is `nil`, as the table
/// reader pads it with `.null`; a present but empty field is an empty buffer.
public struct CSVRecordView {
    /// The 1-based line the record starts on.
    public let line: Int
    @usableFromInline let fields: UnsafeBufferPointer<UnsafeRawBufferPointer?>

    /// The number of chosen columns.
    public var count: Int { fields.count }

    /// The bytes of the `index`-th chosen column (in the order the columns were asked for).
    @inlinable public subscript(index: Int) -> UnsafeRawBufferPointer? {
        fields[index]
    }

    /// The field as a `String` (for tests and slow paths), `nil` when absent.
    public func string(_ index: Int) -> String? {
        fields[index].map { String(decoding: $0, as: UTF8.self) }
    }
}
