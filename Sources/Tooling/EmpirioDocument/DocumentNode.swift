import EmpirioJSON

/// A value read from a JSON or YAML document, with the location it was read from.
///
/// Object members keep their document order and each key's own location, so that
/// diagnostics can point at the exact line and column of a fault.
public struct DocumentNode: Hashable, Sendable {
    /// The value.
    public var value: Value
    /// Where the value starts, when known (nodes built in code have none).
    public var location: SourceLocation?

    public init(_ value: Value, at location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }

    /// A value of a located tree.
    public indirect enum Value: Hashable, Sendable {
        case null
        case bool(Bool)
        case number(NumberLiteral)
        case string(String)
        case array([DocumentNode])
        case object([Member])
    }

    /// One key of an object, in document order.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var keyLocation: SourceLocation?
        public var value: DocumentNode

        public init(key: String, keyLocation: SourceLocation? = nil, value: DocumentNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }
}

extension DocumentNode {
    public static let null = DocumentNode(.null)
    public static func string(_ string: String) -> DocumentNode { DocumentNode(.string(string)) }
    public static func number(_ number: NumberLiteral) -> DocumentNode { DocumentNode(.number(number)) }
    public static func bool(_ bool: Bool) -> DocumentNode { DocumentNode(.bool(bool)) }
    public static func array(_ items: [DocumentNode]) -> DocumentNode { DocumentNode(.array(items)) }
    /// An object with members in the given order.
    public static func object(_ members: [(String, DocumentNode)]) -> DocumentNode {
        DocumentNode(.object(members.map { Member(key: $0.0, value: $0.1) }))
    }

    /// The members of an object, or nil.
    public var members: [Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The items of an array, or nil.
    public var items: [DocumentNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    /// The string, or nil when the value is not a string.
    public var stringValue: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// The first member named `key` of an object.
    public subscript(key: String) -> DocumentNode? {
        members?.first(where: { $0.key == key })?.value
    }

    /// A short name for the value's kind, for messages: `a string "16:9"`, `an object`, ...
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return "a boolean (\(bool))"
        case .number(let number): return "a number (\(number.text))"
        case .string(let string): return "a string \(DocumentNode.quoteForMessage(string))"
        case .array(let items): return "an array of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .object(let members):
            let keys = members.prefix(4).map(\.key).joined(separator: ", ")
            return members.isEmpty
                ? "an empty object" : "an object with keys \(keys)\(members.count > 4 ? ", ..." : "")"
        }
    }

    /// Quotes a string for a diagnostic, shortened, with the characters the package never writes
    /// as they are (controls, bidi controls, zero-width characters, ...) escaped as `\u{…}`.
    public static func quoteForMessage(_ string: String, limit: Int = 40) -> String {
        var out = "\""
        var count = 0
        for scalar in string.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if UnsafeScalars.contains(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out + "\""
    }

    /// The same tree as a plain ``JSONValue`` (locations dropped, key order no longer significant).
    public var plain: JSONValue {
        switch value {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .number(let number): return .number(number)
        case .string(let string): return .string(string)
        case .array(let items): return .array(items.map(\.plain))
        case .object(let members):
            var object: [String: JSONValue] = [:]
            object.reserveCapacity(members.count)
            for member in members where object[member.key] == nil { object[member.key] = member.value.plain }
            return .object(object)
        }
    }
}

extension JSONValue {
    /// This value as a located tree (no locations), object keys sorted.
    public var node: DocumentNode {
        switch self {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .number(let number): return .number(number)
        case .string(let string): return .string(string)
        case .array(let items): return .array(items.map(\.node))
        case .object(let object):
            return .object(object.keys.sorted().map { ($0, object[$0]!.node) })
        }
    }
}
