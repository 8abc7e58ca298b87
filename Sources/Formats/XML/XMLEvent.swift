/// One step of an XML document as `XMLPullParser` reports it.
public enum XMLEvent: Sendable, Equatable {
    /// An opening (or self-closing) tag; a self-closing tag is followed by a matching `endElement`.
    case startElement(XMLStartTag)
    /// A closing tag, named by its local name (prefix removed).
    case endElement(localName: String)
    /// Character data with entities and character references decoded; CDATA sections arrive verbatim.
    case text(String)
    /// No more input.
    case endOfDocument
}

/// An element's opening tag: its name and attributes.
public struct XMLStartTag: Sendable, Equatable {
    /// The name as written, with any namespace prefix (`x:c`).
    public var qualifiedName: String
    /// The name without its prefix (`c`); SpreadsheetML readers match on this.
    public var localName: String
    /// The attributes in document order.
    public var attributes: [XMLAttribute]

    /// Creates a start tag.
    public init(qualifiedName: String, localName: String, attributes: [XMLAttribute]) {
        self.qualifiedName = qualifiedName
        self.localName = localName
        self.attributes = attributes
    }

    /// The value of the first attribute whose local name is `localName` (any prefix), if any.
    public func attribute(_ localName: String) -> String? {
        for attribute in attributes where attribute.localName == localName { return attribute.value }
        return nil
    }

    /// The value of the attribute written exactly as `qualifiedName` (`xml:space`, `r:id`), if any.
    public func attribute(qualified qualifiedName: String) -> String? {
        for attribute in attributes where attribute.qualifiedName == qualifiedName { return attribute.value }
        return nil
    }
}

/// One `name="value"` pair of a start tag.
public struct XMLAttribute: Sendable, Equatable {
    /// The name as written, with any prefix (`r:id`).
    public var qualifiedName: String
    /// The name without its prefix (`id`).
    public var localName: String
    /// The value with entities and character references decoded.
    public var value: String

    /// Creates an attribute.
    public init(qualifiedName: String, localName: String, value: String) {
        self.qualifiedName = qualifiedName
        self.localName = localName
        self.value = value
    }
}

/// The XML text is not well-formed where the parser needed it to be.
public struct XMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the problem.
    public var line: Int
    /// 0-based byte offset of the problem.
    public var offset: Int
    /// What was wrong and what was expected instead.
    public var message: String

    /// Creates an error at a byte offset and line.
    public init(line: Int, offset: Int, message: String) {
        self.line = line
        self.offset = offset
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "XML line \(line): \(message)" }
}
