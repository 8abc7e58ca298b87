/// A mapped column written with `{column}` placeholders, for vendor files whose layout the plain
/// one-column-per-field mapping cannot describe.
///
/// As a SKU (`"{store}-{brand}"`) the placeholders are replaced by the row's values, so one series is
/// kept per store and brand. As the name of a price or regressor column (`"price{brand}"`) the result
/// names the column to read on that row, for files with one price column per brand. A text without
/// braces is a plain column name.
public struct ColumnTemplate: Sendable, Equatable {
    /// Literal text and placeholders, in order.
    public enum Part: Sendable, Equatable {
        case literal(String)
        case column(String)
    }

    public let text: String
    public let parts: [Part]

    /// Parses `text`; unbalanced braces or an empty `{}` are errors that say so.
    public init(_ text: String) throws {
        self.text = text
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{" else { throw TemplateError("'\(text)': '}' without a matching '{'") }
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { throw TemplateError("'\(text)': '{' without a closing '}'") }
            let name = String(rest[rest.index(after: open)..<close])
            guard !name.isEmpty, !name.contains("{") else { throw TemplateError("'\(text)': expected a column name between '{' and '}'") }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.column(name))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// Whether the text has placeholders.
    public var isTemplate: Bool { parts.contains { if case .column = $0 { true } else { false } } }

    /// The columns the placeholders name.
    public var placeholders: [String] { parts.compactMap { if case .column(let name) = $0 { name } else { nil } } }

    /// The text with each placeholder replaced by `value(column)`.
    public func resolve(_ value: (String) -> String) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): return text
            case .column(let name): return value(name)
            }
        }.joined()
    }

    /// A malformed template.
    public struct TemplateError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
