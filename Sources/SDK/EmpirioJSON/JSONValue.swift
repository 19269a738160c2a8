/// A plain JSON value: what requests and responses carry where no Swift type pins the shape
/// down, and what a catalog keeps for defaults, allowed values and unknown fields.
///
/// Numbers keep their text (see ``NumberLiteral``); objects compare regardless of key order and
/// are written with sorted keys.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(NumberLiteral)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var numberValue: NumberLiteral? { if case .number(let n) = self { return n } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(NumberLiteral(value)) }
    public init(floatLiteral value: Double) { self = .number(NumberLiteral(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }
    public init(nilLiteral: ()) { self = .null }
}

/// Reading decoded JSON without `Codable` ceremony: response types are built from a
/// ``JSONValue`` so unknown fields are kept and shapes that vary (a string or an array of parts)
/// are handled in one place.
extension JSONValue {
    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` of an array; nil past its end.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object } else { return nil }
    }
    public var arrayValue: [JSONValue]? { if case .array(let array) = self { return array } else { return nil } }
    public var intValue: Int? { numberValue?.intValue }
    public var doubleValue: Double? { numberValue.map(\.doubleValue) }
    public var isNull: Bool { self == .null }

    /// A string, or a number's text.
    public var text: String? {
        switch self {
        case .string(let string): return string
        case .number(let number): return number.text
        default: return nil
        }
    }
}
