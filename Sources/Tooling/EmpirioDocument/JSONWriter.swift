import EmpirioJSON

/// Writes a tree as JSON. Pretty output is canonical: two-space indentation, one member per
/// line, members in the tree's order, a final newline; the same tree always gives the same bytes.
public enum JSONWriter {
    /// Indented JSON ending in a newline.
    ///
    /// The items of a long array (a catalog's models) are written on every core, each on its own,
    /// and joined: the bytes are the same as written one after the other.
    public static func pretty(_ node: DocumentNode) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(node, indent: 0, concurrently: true, into: &out)
        out += "\n"
        return out
    }

    /// Arrays at least this long are written on every core (when not already inside one).
    static let concurrentItems = 32

    /// JSON on one line, no spaces.
    public static func compact(_ node: DocumentNode) -> String {
        var out = ""
        writeCompact(node, into: &out)
        return out
    }

    static func write(_ node: DocumentNode, indent: Int, concurrently: Bool = false, into out: inout String) {
        switch node.value {
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            if concurrently, items.count >= concurrentItems {
                let texts = items.concurrentMap { item in
                    var text = ""
                    write(item, indent: indent + 1, into: &text)
                    return text
                }
                for (offset, text) in texts.enumerated() {
                    pad(indent + 1, &out)
                    out += text
                    out += offset == items.count - 1 ? "\n" : ",\n"
                }
            } else {
                for (offset, item) in items.enumerated() {
                    pad(indent + 1, &out)
                    write(item, indent: indent + 1, into: &out)
                    out += offset == items.count - 1 ? "\n" : ",\n"
                }
            }
            pad(indent, &out)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (offset, member) in members.enumerated() {
                pad(indent + 1, &out)
                quote(member.key, into: &out)
                out += ": "
                write(member.value, indent: indent + 1, concurrently: concurrently, into: &out)
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

    /// Writes `string` as a JSON string literal (see ``JSONText/quote(_:into:)``).
    public static func quote(_ string: String, into out: inout String) {
        JSONText.quote(string, into: &out)
    }
}
