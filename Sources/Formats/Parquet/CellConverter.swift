/// Turns decoded physical values of one column into cells according to its logical or converted type.
struct CellConverter: Sendable {
    /// What the column's values mean, resolved once from the schema element.
    enum Kind: Sendable, Equatable {
        /// BOOLEAN as `.bool`.
        case boolean
        /// INT32/INT64 as `.integer`.
        case signed
        /// Unsigned INT32/INT64: `.integer`, or `.unsignedInteger` above `Int64.max`.
        case unsigned
        /// FLOAT as `.float`.
        case float
        /// DOUBLE as `.double`.
        case double
        /// UTF-8 byte arrays as `.string`.
        case string
        /// Other byte arrays as `.bytes`.
        case bytes
        /// INT32 days as `.date`.
        case date
        /// The NULL logical type: every value is `.null`.
        case null
        /// 2-byte FLOAT16 as `.float`.
        case float16
        /// INT64 timestamps in the unit.
        case timestamp(TimeUnit, utc: Bool)
        /// Times of day in the unit.
        case time(TimeUnit)
        /// Decimals rendered with `scale` digits.
        case decimal(scale: Int)
        /// INT96 timestamps as microseconds.
        case int96
    }

    /// The resolved meaning of the column's values.
    let kind: Kind

    /// Resolves the kind from the element's logical type, then its converted type, then its physical type.
    init(element: ParquetSchemaElement) {
        kind = Self.resolve(element)
    }

    private static func resolve(_ element: ParquetSchemaElement) -> Kind {
        let physical = element.physicalType ?? .byteArray
        if physical == .int96 { return .int96 }
        if let logical = element.logicalType {
            switch logical {
            case .string, .enumeration, .json: if physical == .byteArray || physical == .fixedLenByteArray { return .string }
            case .decimal(let scale, _): return .decimal(scale: Int(scale))
            case .date: if physical == .int32 { return .date }
            case .time(let unit, _): if physical == .int32 || physical == .int64 { return .time(unit) }
            case .timestamp(let unit, let utc): if physical == .int64 { return .timestamp(unit, utc: utc) }
            case .integer(_, let signed): if physical == .int32 || physical == .int64 { return signed ? .signed : .unsigned }
            case .null: return .null
            case .float16: if physical == .fixedLenByteArray && element.typeLength == 2 { return .float16 }
            default: break
            }
        }
        if let converted = element.convertedType {
            switch converted {
            case .utf8, .enumeration, .json: if physical == .byteArray || physical == .fixedLenByteArray { return .string }
            case .decimal: return .decimal(scale: Int(element.scale ?? 0))
            case .date: if physical == .int32 { return .date }
            case .timeMillis: if physical == .int32 { return .time(.milliseconds) }
            case .timeMicros: if physical == .int64 { return .time(.microseconds) }
            case .timestampMillis: if physical == .int64 { return .timestamp(.milliseconds, utc: true) }
            case .timestampMicros: if physical == .int64 { return .timestamp(.microseconds, utc: true) }
            case .uint8, .uint16, .uint32, .uint64: if physical == .int32 || physical == .int64 { return .unsigned }
            default: break
            }
        }
        switch physical {
        case .boolean: return .boolean
        case .int32, .int64: return .signed
        case .float: return .float
        case .double: return .double
        case .byteArray, .fixedLenByteArray, .int96: return .bytes
        }
    }

    /// The cells of `values`, in order.
    func cells(_ values: ParquetValues) throws(ParquetDataError) -> [Cell] {
        switch values {
        case .boolean(let v):
            return v.map { .bool($0) }
        case .int32(let v):
            switch kind {
            case .unsigned: return v.map { .integer(Int64(UInt32(bitPattern: $0))) }
            case .date: return v.map { .date(days: $0) }
            case .time(let unit): return v.map { .time(Int64($0), unit: unit) }
            case .decimal(let scale): return v.map { .decimal(DecimalText.text(Int64($0), scale: scale)) }
            case .null: return v.map { _ in .null }
            default: return v.map { .integer(Int64($0)) }
            }
        case .int64(let v):
            switch kind {
            case .unsigned:
                return v.map { $0 >= 0 ? .integer($0) : .unsignedInteger(UInt64(bitPattern: $0)) }
            case .timestamp(let unit, let utc): return v.map { .timestamp($0, unit: unit, isUTC: utc) }
            case .time(let unit): return v.map { .time($0, unit: unit) }
            case .decimal(let scale): return v.map { .decimal(DecimalText.text($0, scale: scale)) }
            case .date: return v.map { .date(days: Int32(truncatingIfNeeded: $0)) }
            case .null: return v.map { _ in .null }
            default: return v.map { .integer($0) }
            }
        case .int96(let v):
            return v.map { .timestamp($0.microsecondsSinceEpoch, unit: .microseconds, isUTC: false) }
        case .float(let v):
            return v.map { .float($0) }
        case .double(let v):
            return v.map { .double($0) }
        case .bytes(let v):
            switch kind {
            case .string: return v.map { .string(String(decoding: $0, as: UTF8.self)) }
            case .decimal(let scale): return v.map { .decimal(DecimalText.text(bigEndian: $0, scale: scale)) }
            case .float16: return v.map { .float(Self.halfToFloat(UInt16($0[0]) | UInt16($0[1]) << 8)) }
            case .null: return v.map { _ in .null }
            default: return v.map { .bytes($0) }
            }
        }
    }

    /// Widens an IEEE half-precision bit pattern to a Float.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits >> 15) << 31
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = UInt32(bits & 0x3FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        }
        if exponent == 0 {
            let value = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -value : value
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | fraction << 13)
    }
}
