/// The top-level columns of a footer's schema tree, with the leaf index each flat column reads.
struct ParquetSchema {
    /// A top-level field: flat (one leaf) or nested (a group or repeated field).
    struct Field {
        /// The field name.
        let name: String
        /// The field's schema element.
        let element: ParquetSchemaElement
        /// The index of its first leaf among all leaves.
        let firstLeaf: Int
        /// Whether it is a group or repeated (not readable as a flat column).
        let isNested: Bool
    }

    /// The root's children in schema order.
    let fields: [Field]
    /// The number of leaf columns (column chunks per row group).
    let leafCount: Int

    /// Walks the depth-first schema list; throws when child counts do not add up.
    init(_ elements: [ParquetSchemaElement]) throws(ParquetDataError) {
        guard let root = elements.first else { throw ParquetDataError("the schema is empty") }
        let topLevel = Int(root.numChildren ?? 0)
        guard topLevel >= 0, topLevel < elements.count else {
            throw ParquetDataError("the schema root declares \(topLevel) children but the schema has \(elements.count - 1) elements")
        }
        var fields: [Field] = []
        var index = 1
        var leaves = 0
        for _ in 0..<topLevel {
            guard index < elements.count else { throw ParquetDataError("the schema ends before all root children") }
            let element = elements[index]
            let firstLeaf = leaves
            let end = try Self.subtreeEnd(elements, index, &leaves)
            let nested = element.isGroup || element.repetition == .repeated
            fields.append(Field(name: element.name, element: element, firstLeaf: firstLeaf, isNested: nested))
            index = end
        }
        self.fields = fields
        self.leafCount = leaves
    }

    /// The index after the subtree rooted at `start`, counting its leaves (iterative, so deep trees cannot overflow the stack).
    private static func subtreeEnd(_ elements: [ParquetSchemaElement], _ start: Int, _ leaves: inout Int) throws(ParquetDataError) -> Int {
        var pending = 1
        var index = start
        while pending > 0 {
            guard index < elements.count else { throw ParquetDataError("the schema ends inside a group") }
            pending -= 1
            let children = Int(elements[index].numChildren ?? 0)
            guard children >= 0, children <= elements.count else {
                throw ParquetDataError("schema element '\(elements[index].name)' declares \(children) children")
            }
            if children == 0 && !(elements[index].physicalType == nil && elements[index].unknownPhysicalType == nil) {
                leaves += 1
            }
            pending += children
            index += 1
        }
        return index
    }
}
