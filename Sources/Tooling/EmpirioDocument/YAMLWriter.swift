/// Writes a tree as block-style YAML that reads back (through ``YAMLReader``) to the same tree.
///
/// Strings are written plain only when they are unambiguous (start with a letter, hold only
/// letters, digits, spaces and `_ . / -`, and do not resolve to null or a boolean); every other
/// string is double-quoted with JSON escapes, which YAML double-quoted scalars share.
public enum YAMLWriter {
    public static func write(_ node: DocumentNode) -> String {
        var out = ""
        out.reserveCapacity(4096)
        switch node.value {
        case .array(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, into: &out)
        case .object(let members) where !members.isEmpty:
            writeMapping(members, indent: 0, into: &out)
        default:
            writeScalar(node, into: &out)
            out += "\n"
        }
        return out
    }

    static func writeMapping(_ members: [DocumentNode.Member], indent: Int, into out: inout String, firstInline: Bool = false) {
        for (offset, member) in members.enumerated() {
            if !(firstInline && offset == 0) { pad(indent, &out) }
            var key = ""
            writeKey(member.key, into: &key)
            if key.unicodeScalars.count > 1000 {
                // YAML caps an implicit key at 1024 characters: a longer one is written explicitly.
                out += "? " + key + "\n"
                pad(indent, &out)
                out += ":"
            } else {
                out += key + ":"
            }
            writeValue(member.value, indent: indent, into: &out)
        }
    }

    static func writeSequence(_ items: [DocumentNode], indent: Int, into out: inout String) {
        for item in items {
            pad(indent, &out)
            out += "-"
            switch item.value {
            case .object(let members) where !members.isEmpty:
                out += " "
                writeMapping(members, indent: indent + 1, into: &out, firstInline: true)
            case .array(let nested) where !nested.isEmpty:
                out += "\n"
                writeSequence(nested, indent: indent + 1, into: &out)
            default:
                out += " "
                writeScalar(item, into: &out)
                out += "\n"
            }
        }
    }

    /// Writes what follows `key:` for a value of a mapping at `indent`.
    static func writeValue(_ node: DocumentNode, indent: Int, into out: inout String) {
        switch node.value {
        case .object(let members) where !members.isEmpty:
            out += "\n"
            writeMapping(members, indent: indent + 1, into: &out)
        case .array(let items) where !items.isEmpty:
            out += "\n"
            writeSequence(items, indent: indent + 1, into: &out)
        default:
            out += " "
            writeScalar(node, into: &out)
            out += "\n"
        }
    }

    static func writeScalar(_ node: DocumentNode, into out: inout String) {
        switch node.value {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .number(let number): out += number.text
        case .string(let string): writeString(string, into: &out)
        case .array: out += "[]"
        case .object: out += "{}"
        }
    }

    static func writeKey(_ key: String, into out: inout String) {
        writeString(key, into: &out)
    }

    static func writeString(_ string: String, into out: inout String) {
        if isSafePlain(string) {
            out += string
        } else {
            JSONWriter.quote(string, into: &out)
        }
    }

    /// Whether `string` can be written as a plain scalar and read back as the same string.
    static func isSafePlain(_ string: String) -> Bool {
        guard let first = string.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else {
            return false
        }
        guard string.utf8.last != UInt8(ascii: " ") else { return false }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "/"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        if case .string = CoreSchema.resolve(string) { return true }
        return false
    }

    @inline(__always) static func pad(_ level: Int, _ out: inout String) {
        for _ in 0..<level { out += "  " }
    }
}
