import Formats

/// A column template's placeholders read from a row: `"{store}-{brand}"` with store 2 and brand 1 → `"2-1"`.
struct TemplateColumns {
    let template: ColumnTemplate
    /// Each placeholder's column, in the template's order.
    private let columns: [Int]
    /// Each placeholder's position in `columns`.
    private let position: [String: Int]

    /// `columns` holds the column of each of `template.placeholders`, in order.
    init(_ template: ColumnTemplate, columns: [Int]) {
        self.template = template
        self.columns = columns
        position = Dictionary(template.placeholders.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The placeholders' texts in `row`, trimmed, in the template's order.
    func parts(of row: [Cell]) -> [String] {
        columns.map { CellText.trimmed(row[$0]) }
    }

    /// The template with its placeholders replaced by `parts`.
    func resolve(_ parts: [String]) -> String {
        template.resolve { position[$0].map { parts[$0] } ?? "" }
    }
}
