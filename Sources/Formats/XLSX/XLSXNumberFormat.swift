/// How a cell's number format asks its number to be shown.
public enum XLSXFormatKind: Sendable, Hashable {
    /// A plain number (General, `0.00`, `#,##0`, percentages, text `@`, ...).
    case number
    /// A calendar date and/or time of day: the number is a date serial.
    case date
    /// An elapsed time (`[h]:mm:ss`, `[mm]`): the number counts days but is not a point in time.
    case duration
}

/// Number format codes: the built-in table of ECMA-376 §18.8.30 and date detection for custom codes.
public enum XLSXNumberFormat {
    /// The format code of built-in `numFmtId`s that have a locale-independent definition.
    public static func builtInCode(_ id: Int) -> String? {
        switch id {
        case 0: return "General"
        case 1: return "0"
        case 2: return "0.00"
        case 3: return "#,##0"
        case 4: return "#,##0.00"
        case 9: return "0%"
        case 10: return "0.00%"
        case 11: return "0.00E+00"
        case 12: return "# ?/?"
        case 13: return "# ??/??"
        case 14: return "mm-dd-yy"
        case 15: return "d-mmm-yy"
        case 16: return "d-mmm"
        case 17: return "mmm-yy"
        case 18: return "h:mm AM/PM"
        case 19: return "h:mm:ss AM/PM"
        case 20: return "h:mm"
        case 21: return "h:mm:ss"
        case 22: return "m/d/yy h:mm"
        case 37: return "#,##0 ;(#,##0)"
        case 38: return "#,##0 ;[Red](#,##0)"
        case 39: return "#,##0.00;(#,##0.00)"
        case 40: return "#,##0.00;[Red](#,##0.00)"
        case 45: return "mm:ss"
        case 46: return "[h]:mm:ss"
        case 47: return "mmss.0"
        case 48: return "##0.0E+0"
        case 49: return "@"
        default: return nil
        }
    }

    /// The kind of a built-in id without a custom definition: 14–22 and 45–47 (plus the East Asian
    /// locale date ids 27–36 and 50–58) are dates, 46 is an elapsed time, everything else a number.
    public static func builtInKind(_ id: Int) -> XLSXFormatKind {
        switch id {
        case 46: return .duration
        case 14...22, 27...36, 45...47, 50...58: return .date
        default: return .number
        }
    }

    /// Classifies a format code: a date when its first section has `d`, `m`, `y`, `h` or `s` outside quoted
    /// text, `\`-escapes, `_`/`*` padding and `[...]` brackets (colours, locales, conditions); a duration when
    /// it has an elapsed-time bracket (`[h]`, `[mm]`, `[ss]`).
    public static func kind(of code: String) -> XLSXFormatKind {
        var hasDatePart = false
        var iterator = code.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case "\"":
                while let inner = iterator.next(), inner != "\"" {}
            case "\\", "_", "*":
                _ = iterator.next()
            case "[":
                var content = ""
                while let inner = iterator.next(), inner != "]" { content.unicodeScalars.append(inner) }
                let lower = content.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ $0 == "h" }) || lower.allSatisfy({ $0 == "m" }) || lower.allSatisfy({ $0 == "s" }) {
                    return .duration
                }
            case ";":
                return hasDatePart ? .date : .number
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S":
                hasDatePart = true
            default:
                break
            }
        }
        return hasDatePart ? .date : .number
    }
}
