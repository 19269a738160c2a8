import EmpirioJSON

/// Writes a tree as block-style YAML that every common reader reads back to the same tree:
/// ``YAMLReader`` (YAML 1.2's core schema) and YAML 1.1 readers alike (PyYAML's `safe_load`,
/// Yams, Ruby's Psych, Go's yaml.v2).
///
/// Strings are written plain only when they are unambiguous in both versions: they start with a
/// letter, hold only letters, digits, spaces and `_ . / -`, do not end with a space, and are not
/// one of the words either version reads as a null or a boolean, in any case (`null`, `true`,
/// `false`, and YAML 1.1's `y`, `n`, `yes`, `no`, `on`, `off`). Starting with a letter rules out
/// every number, timestamp, sexagesimal (`16:9`), `.inf` / `.nan`, the merge key `<<` and the
/// value key `=` of YAML 1.1 at once. Every other string is double-quoted with JSON escapes,
/// which YAML double-quoted scalars share, escaping the package's one set of unsafe characters
/// (`UnsafeScalars`: controls, U+2028/U+2029, bidi controls, zero-width characters, the
/// noncharacters, ..., so no reader folds, refuses or hides them); one outside the Basic
/// Multilingual Plane is written `\UXXXXXXXX`, as YAML has no surrogate pairs.
///
/// Numbers keep their JSON text; one with an exponent that YAML 1.1 does not read as a float
/// (`1e3`, `2.5E7`: 1.1 wants a dot and a signed exponent) is tagged `!!float`, which every
/// reader reads as the number and ``YAMLReader`` reads back to the same text.
public enum YAMLWriter {
    /// The tree as YAML text, ending with a newline.
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

    static func writeMapping(
        _ members: [DocumentNode.Member], indent: Int, into out: inout String, firstInline: Bool = false
    ) {
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
        case .number(let number):
            if needsFloatTag(number.text) { out += "!!float " }
            out += number.text
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
            JSONText.quote(string, into: &out, style: .yamlDoubleQuoted)
        }
    }

    /// Whether `string` can be written as a plain scalar and read back as the same string.
    static func isSafePlain(_ string: String) -> Bool {
        guard let first = string.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z")
        else {
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
        if isYAML11Word(string) { return false }
        if case .string = CoreSchema.resolve(string) { return true }
        return false
    }

    /// Whether `string` is, in any mix of cases, a word that YAML 1.1 or 1.2 reads as a null or a
    /// boolean (`yES` is a string everywhere, but quoting every case keeps the rule one line).
    static func isYAML11Word(_ string: String) -> Bool {
        guard string.utf8.count <= 5 else { return false }
        switch string.lowercased() {
        case "y", "n", "yes", "no", "on", "off", "true", "false", "null": return true
        default: return false
        }
    }

    /// Whether a JSON number's text has an exponent that YAML 1.1 does not read as a float: 1.1's
    /// float needs a dot before it and a sign in it (`1.5e-3` is a float, `1e3` and `1.5e3` strings).
    static func needsFloatTag(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let e = utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            return false
        }
        guard utf8[..<e].contains(UInt8(ascii: ".")) else { return true }
        let sign = utf8.index(after: e)
        return sign == utf8.endIndex || (utf8[sign] != UInt8(ascii: "-") && utf8[sign] != UInt8(ascii: "+"))
    }

    @inline(__always) static func pad(_ level: Int, _ out: inout String) {
        for _ in 0..<level { out += "  " }
    }
}
