import Foundation

/// Static categorical inputs of every series — brand, category, store — for the network's embedding
/// tables; a value holding `|` carries several labels (a multi-label field, embedded multi-hot).
public struct SeriesAttributes: Sendable, Equatable {
    /// Attribute names, e.g. `brand`, `category`.
    public var names: [String]
    /// `values[series][attribute]`; empty when the series has no value (it embeds as unknown).
    public var values: [[String]]

    /// Creates attributes; every series has one value per name.
    public init(names: [String], values: [[String]]) {
        self.names = names
        self.values = values
    }

    /// The labels of one value (split on `|`, trimmed, empty parts dropped).
    static func labels(_ value: String) -> [String] {
        value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The attributes of a subset of series, in the given order.
    public func selecting(_ indices: [Int]) -> SeriesAttributes {
        SeriesAttributes(names: names, values: indices.map { values[$0] })
    }
}

/// Label → embedding row for each attribute, fitted on the training series (row 0 is `<UNK>`).
struct AttributeEncoders: Sendable {
    /// Per attribute, the known labels in sorted order (row = position + 1).
    let labels: [[String]]
    /// Per series, per attribute, the embedding rows of its labels (`[0]` when unknown).
    let rows: [[[Int]]]

    init(_ attributes: SeriesAttributes?) {
        guard let attributes, !attributes.names.isEmpty else {
            labels = []
            rows = []
            return
        }
        let labels = attributes.names.indices.map { attribute in
            Set(attributes.values.flatMap { SeriesAttributes.labels($0[attribute]) }).sorted()
        }
        let positions = labels.map { Dictionary(uniqueKeysWithValues: $0.enumerated().map { ($1, $0 + 1) }) }
        self.labels = labels
        rows = attributes.values.map { values in
            values.indices.map { attribute in
                let found = SeriesAttributes.labels(values[attribute]).compactMap { positions[attribute][$0] }
                return found.isEmpty ? [0] : found
            }
        }
    }
}
