/// Writes a tree as JSON. Pretty output is canonical: two-space indentation, one member per
/// line, members in the tree's order, a final newline; the same tree always gives the same bytes.
public enum JSONWriter {
    /// Indented JSON ending in a newline.
    public static func pretty(_ node: DocumentNode) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(node, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// JSON on one line, no spaces.
    public static func compact(_ node: DocumentNode) -> String {
        var out = ""
        writeCompact(node, into: &out)
        return out
    }

    static func write(_ node: DocumentNode, indent: Int, into out: inout String) {
        switch node.value {
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (offset, item) in items.enumerated() {
                pad(indent + 1, &out)
                write(item, indent: indent + 1, into: &out)
                out += offset == items.count - 1 ? "\n" : ",\n"
            }
            pad(indent, &out)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (offset, member) in members.enumerated() {
                pad(indent + 1, &out)
                quote(member.key, into: &out)
                out += ": "
                write(member.value, indent: indent + 1, into: &out)
                out += offset == members.count - 1 ? "\n" : ",\n"
            }
            pad(indent, &out)
            out += "}"
        default:
            writeCompact(node, into: &out)
        }
    }

    static func writeCompact(_ node: DocumentNode, into out: inout String) {
        switch node.value {
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
        case .object(let members):
            out += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { out += "," }
                quote(member.key, into: &out)
                out += ":"
                writeCompact(member.value, into: &out)
            }
            out += "}"
        }
    }

    @inline(__always) static func pad(_ level: Int, _ out: inout String) {
        for _ in 0..<level { out += "  " }
    }

    /// Writes `string` as a JSON string literal. Control characters, line and paragraph
    /// separators and bidi controls are escaped, so the output is plain visible text.
    public static func quote(_ string: String, into out: inout String) {
        out += "\""
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
                if needsEscape(scalar) {
                    out += "\\u"
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Control characters, DEL and C1 controls, U+2028/U+2029 and bidi controls.
    @inline(__always) static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        if value < 0x200E { return false }
        return value == 0x2028 || value == 0x2029 || value == 0xFEFF || value == 0xFFFE || value == 0xFFFF
            || scalar.properties.isBidiControl
    }
}
