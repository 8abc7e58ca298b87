import Formats

/// A producer's date layouts (`producers[].dateFormat`): one, such as `"dd/MM/yyyy"`, or a list for a
/// vendor whose files changed layout, such as `["MM/dd/yy HH:mm", "M/d/yyyy HH:mm"]`.
///
/// Each date cell is read by the first layout that reads it. Layouts that could read one cell two
/// ways (`dd/MM/yyyy` beside `MM/dd/yyyy`) must not share a list: `05/02/2010` would always be the
/// first one's day.
public struct DateLayouts: Sendable, Equatable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The layouts in the order they are tried.
    public var layouts: [String]

    /// Layouts tried in this order; at least one.
    public init(_ layouts: [String]) {
        self.layouts = layouts
    }

    /// One layout, written as a string.
    public init(stringLiteral layout: String) {
        self.init([layout])
    }

    /// Decodes a layout string or a non-empty array of them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let layout = try? container.decode(String.self) {
            layouts = [layout]
        } else if let list = try? container.decode([String].self) {
            layouts = list
        } else {
            layouts = []
        }
        guard !layouts.isEmpty, layouts.allSatisfy({ !$0.isEmpty }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date layout such as \"dd/MM/yyyy\", or a list of them")
        }
    }

    /// Encodes one layout as a string (as configs have always written it), several as an array.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if layouts.count == 1 { try container.encode(layouts[0]) } else { try container.encode(layouts) }
    }

    /// The layouts as messages name them: `dd/MM/yyyy`, or `MM/dd/yy or M/d/yyyy`.
    public var description: String { layouts.joined(separator: " or ") }

    /// The day the first layout that reads `text` gives, or nil.
    public func day(_ text: String) -> Int32? {
        for layout in layouts {
            if let day = DateParsing.parseDay(text, format: layout) { return day }
        }
        return nil
    }
}
