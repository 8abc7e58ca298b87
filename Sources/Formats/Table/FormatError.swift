/// A file could not be read as its format: names the file, where in it, and what was expected.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file as given to the reader.
    public var file: String
    /// 1-based line (text formats) or row, when the problem has one.
    public var line: Int?
    /// The column name or 1-based column number, when the problem has one.
    public var column: String?
    /// What was wrong and what was expected instead.
    public var message: String

    /// Creates an error for `file` at an optional line and column.
    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line: column 'x': message`, the shape compilers use so editors can jump to it.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column '\(column)': " }
        return text + message
    }
}
