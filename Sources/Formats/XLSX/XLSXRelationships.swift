import Foundation

/// One `<Relationship>` of an OPC `.rels` part.
struct XLSXRelationship: Sendable, Equatable {
    /// The `Id` that other parts refer to (`rId3`).
    var id: String
    /// The relationship type URI.
    var type: String
    /// The `Target` as written: relative, absolute or an external URL.
    var target: String
    /// Whether `TargetMode="External"` (a link outside the package).
    var isExternal: Bool

    /// Whether the relationship type URI ends with `/suffix` (transitional and strict URIs differ only before it).
    func hasType(_ suffix: String) -> Bool {
        type.hasSuffix("/" + suffix)
    }
}

/// Reading `.rels` parts and resolving their targets to zip entry names.
enum XLSXRelationships {
    /// The `.rels` part describing `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relsPath(for part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let directory = slash.map { String(part[...$0]) } ?? ""
        let file = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return directory + "_rels/" + file + ".rels"
    }

    /// Parses the relationships of a `.rels` part.
    static func parse(_ bytes: [UInt8], file: String, part: String) throws -> [XLSXRelationship] {
        try XLSXPart.parse(bytes, file: file, part: part) { parser in
            var relationships: [XLSXRelationship] = []
            while true {
                switch try parser.next() {
                case .startElement(let tag) where tag.localName == "Relationship":
                    relationships.append(XLSXRelationship(
                        id: tag.attribute("Id") ?? "",
                        type: tag.attribute("Type") ?? "",
                        target: tag.attribute("Target") ?? "",
                        isExternal: tag.attribute("TargetMode") == "External"))
                case .endOfDocument:
                    return relationships
                default:
                    break
                }
            }
        }
    }

    /// The zip entry name a target points to: absolute (`/xl/worksheets/sheet1.xml`) or relative to `source`'s folder.
    static func resolve(_ target: String, from source: String) -> String {
        var path = target.replacingOccurrences(of: "\\", with: "/")
        if let decoded = path.removingPercentEncoding { path = decoded }
        var components: [Substring] = []
        if !path.hasPrefix("/"), let slash = source.lastIndex(of: "/") {
            components = source[..<slash].split(separator: "/")
        }
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }
}
