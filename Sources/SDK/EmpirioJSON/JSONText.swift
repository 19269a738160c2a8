/// Writing ``JSONValue``s as JSON text: compact, object keys sorted, so the same value always
/// gives the same bytes.
extension JSONValue {
    /// The value as compact JSON (no spaces, keys sorted), for request bodies and messages.
    public var compactJSON: String {
        var out = ""
        JSONText.writeCompact(self, into: &out)
        return out
    }

    /// The compact JSON as UTF-8 bytes.
    public var compactJSONBytes: [UInt8] { Array(compactJSON.utf8) }
}

/// JSON text primitives shared by every writer in the package.
public enum JSONText {
    /// Appends `value` as compact JSON with sorted object keys.
    public static func writeCompact(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .number(let number):
            // Non-finite YAML floats have no JSON spelling: they are kept as strings.
            if number.isFinite { out += number.text } else { quote(number.text, into: &out) }
        case .string(let string): quote(string, into: &out)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                writeCompact(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (offset, key) in object.keys.sorted().enumerated() {
                if offset > 0 { out += "," }
                quote(key, into: &out)
                out += ":"
                writeCompact(object[key]!, into: &out)
            }
            out += "}"
        }
    }

    /// Appends `string` as a JSON string literal: quotes and backslashes escaped, and the
    /// characters the package never writes as they are (controls, line and paragraph separators,
    /// bidi controls, zero-width and invisible format characters, noncharacters: the rule is
    /// `UnsafeScalars`, shared by every writer), so the output is plain visible text.
    public static func quote(_ string: String, into out: inout String) {
        quote(string, into: &out, style: .json)
    }

    /// How ``quote(_:into:style:)`` spells a character outside the Basic Multilingual Plane.
    package enum QuoteStyle: Sendable {
        /// JSON: a UTF-16 surrogate pair, `\ud83d\ude00`.
        case json
        /// A YAML double-quoted scalar, which has no surrogates: `\U0001f600`. Everything else
        /// is spelled as JSON spells it (YAML's escapes include JSON's).
        case yamlDoubleQuoted
    }

    /// Appends `string` as a double-quoted literal in `style`, escaping exactly quotes,
    /// backslashes and ``UnsafeScalars``.
    package static func quote(_ string: String, into out: inout String, style: QuoteStyle) {
        out += "\""
        // Most strings are printable ASCII with nothing to escape: appended whole.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += string
            out += "\""
            return
        }
        func hex(_ value: UInt32, digits: Int) {
            let text = String(value, radix: 16, uppercase: false)
            out += String(repeating: "0", count: digits - text.count) + text
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if !UnsafeScalars.contains(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u"
                    hex(scalar.value, digits: 4)
                } else if style == .yamlDoubleQuoted {
                    out += "\\U"
                    hex(scalar.value, digits: 8)
                } else {
                    let value = scalar.value - 0x10000
                    out += "\\u"
                    hex(0xD800 + (value >> 10), digits: 4)
                    out += "\\u"
                    hex(0xDC00 + (value & 0x3FF), digits: 4)
                }
            }
        }
        out += "\""
    }

    /// The four hex digits of a `\u` escape starting at `index`, or nil.
    @inlinable @inline(__always) package static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32?
    {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// The byte a one-character escape (`\n`, `\"`, ...) stands for, or nil.
    @inlinable @inline(__always) package static func simpleEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    /// Whether a byte can appear in a number's text (the grammar is checked afterwards).
    @inlinable @inline(__always) package static func isNumberByte(_ byte: UInt8) -> Bool {
        byte.isDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}
