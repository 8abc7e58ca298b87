/// A top-level flat column of the file's schema as the reader sees it.
struct ParquetLeafColumn: Sendable {
    /// The column name.
    let name: String
    /// The schema element describing the leaf.
    let element: ParquetSchemaElement
    /// The position of the leaf among all leaves (the index of its chunk in each row group).
    let leafIndex: Int
    /// 1 for OPTIONAL columns, 0 for REQUIRED.
    let maxDefinitionLevel: Int
    /// The physical type.
    let physicalType: ParquetPhysicalType
    /// Converts decoded values to cells.
    let converter: CellConverter
}
