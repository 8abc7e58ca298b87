/// A JSON object being decoded into a config section: rejects unknown keys and names the JSON path.
struct ConfigObject {
    private let container: KeyedDecodingContainer<AnyKey>
    private let path: [any CodingKey]

    /// Opens the object at the decoder's position, failing on any key not in `allowed`.
    init(_ decoder: any Decoder, allowed: [String]) throws {
        container = try decoder.container(keyedBy: AnyKey.self)
        path = decoder.codingPath
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            let expected = allowed.sorted().joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(
                codingPath: path + [key], debugDescription: "unknown key '\(key.stringValue)'; expected one of: \(expected)"))
        }
    }

    /// The keys present, in no particular order.
    var keys: [String] { container.allKeys.map(\.stringValue) }

    /// The value at `key`, or `fallback` when the key is absent.
    func value<T: Decodable>(_ key: String, default fallback: T) throws -> T {
        try container.decodeIfPresent(T.self, forKey: AnyKey(key)) ?? fallback
    }

    /// The value at `key`, or `nil` when absent or JSON `null`.
    func optional<T: Decodable>(_ key: String) throws -> T? {
        try container.decodeIfPresent(T.self, forKey: AnyKey(key))
    }

    /// The value at `key`, which must be present.
    func required<T: Decodable>(_ key: String) throws -> T {
        guard container.contains(AnyKey(key)) else {
            throw DecodingError.keyNotFound(AnyKey(key), .init(codingPath: path, debugDescription: "required key '\(key)' is missing"))
        }
        return try container.decode(T.self, forKey: AnyKey(key))
    }

    /// Fails with a message about the value at `key` (a range or choice check).
    func invalid(_ key: String, _ message: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: path + [AnyKey(key)], debugDescription: message))
    }
}

/// A coding key made from any string or index.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.intValue = intValue
        stringValue = String(intValue)
    }
}
