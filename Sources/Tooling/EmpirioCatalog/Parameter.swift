import EmpirioDocument

/// One row of a model's parameter table.
public struct Parameter: Hashable, Sendable {
    /// Wire name, exactly as sent (may hold `-`, `.`, or be a Swift keyword).
    public var name: String
    /// The type the catalog declares; nil when it declares none (see ``effectiveType``).
    public var type: ParameterType?
    public var description: String?
    /// The default, when the catalog gives one (an explicit `null` is kept as `.null`).
    public var defaultValue: JSONValue?
    /// Inclusive lower bound.
    public var minimum: NumberLiteral?
    /// Inclusive upper bound.
    public var maximum: NumberLiteral?
    /// The values the parameter accepts (strings, numbers or a mix), when it is restricted.
    public var allowedValues: [JSONValue]?
    public var isRequired: Bool
    private var itemStorage: [Parameter]
    /// For arrays: fewest items.
    public var minItems: Int?
    /// For arrays: most items.
    public var maxItems: Int?
    /// For objects: the nested table.
    public var properties: [Parameter]?
    /// When the parameter applies, is required, or conflicts with others.
    public var conditions: [ParameterCondition]
    /// Set when the parameter is deprecated.
    public var deprecation: Deprecation?
    /// Every field this build does not model, kept as read.
    public var extra: [String: JSONValue]

    public init(
        name: String, type: ParameterType? = nil, description: String? = nil, defaultValue: JSONValue? = nil,
        minimum: NumberLiteral? = nil, maximum: NumberLiteral? = nil, allowedValues: [JSONValue]? = nil,
        isRequired: Bool = false, items: Parameter? = nil, minItems: Int? = nil, maxItems: Int? = nil,
        properties: [Parameter]? = nil, conditions: [ParameterCondition] = [], deprecation: Deprecation? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
        self.isRequired = isRequired
        self.itemStorage = items.map { [$0] } ?? []
        self.minItems = minItems
        self.maxItems = maxItems
        self.properties = properties
        self.conditions = conditions
        self.deprecation = deprecation
        self.extra = extra
    }

    /// For arrays: the item schema.
    public var items: Parameter? {
        get { itemStorage.first }
        set { itemStorage = newValue.map { [$0] } ?? [] }
    }

    /// The type to generate: the declared one, or one inferred from the allowed values, the
    /// default and the bounds; ``ParameterType/json`` when nothing tells.
    public var effectiveType: ParameterType {
        switch type {
        case .string, .integer, .number, .boolean, .array, .object: return type!
        // `json` is the older spelling of `object` (catalog-format.md): with properties it is one.
        case .json: return properties?.isEmpty == false ? .object : .json
        case .other: return .json
        case .enumeration, nil: break
        }
        if let allowedValues, !allowedValues.isEmpty {
            return ParameterType.common(of: allowedValues) ?? .json
        }
        if let defaultValue, defaultValue != .null, let inferred = ParameterType.common(of: [defaultValue]) {
            if inferred == .integer, let minimum, !minimum.isIntegerLiteral { return .number }
            if inferred == .integer, let maximum, !maximum.isIntegerLiteral { return .number }
            return inferred
        }
        if minimum != nil || maximum != nil {
            let integral = [minimum, maximum].compactMap { $0 }.allSatisfy(\.isIntegerLiteral)
            return integral ? .integer : .number
        }
        if items != nil || minItems != nil || maxItems != nil { return .array }
        if properties != nil { return .object }
        return .json
    }
}

/// A parameter's type, as the catalog spells it.
public enum ParameterType: Hashable, Sendable, CustomStringConvertible {
    case string
    case integer
    case number
    case boolean
    case array
    case object
    /// `enum`: the values are in ``Parameter/allowedValues``.
    case enumeration
    /// Any JSON value: the type for parameters whose type is unknown.
    case json
    /// A spelling this build does not know, kept as written.
    case other(String)

    /// Reads a catalog spelling, accepting the aliases (`int`, `float`, `double`, `bool`, `list`, `dict`).
    public init(spelling: String) {
        switch spelling.lowercased() {
        case "string", "str", "text": self = .string
        case "integer", "int": self = .integer
        case "number", "float", "double", "decimal": self = .number
        case "boolean", "bool": self = .boolean
        case "array", "list": self = .array
        case "object", "dict", "map": self = .object
        case "json", "any": self = .json
        case "enum": self = .enumeration
        default: self = .other(spelling)
        }
    }

    /// The canonical spelling written to snapshots.
    public var spelling: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "boolean"
        case .array: return "array"
        case .object: return "object"
        case .enumeration: return "enum"
        case .json: return "json"
        case .other(let raw): return raw
        }
    }

    public var description: String { spelling }

    /// Whether `value` has this type (integers count as numbers; any value is a `json`).
    public func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (_, .null): return true
        case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.number, .number):
            return true
        case (.integer, .number(let number)): return number.intValue != nil
        case (.json, _), (.other, _), (.enumeration, _): return true
        default: return false
        }
    }

    /// The narrowest type every value has, or nil for a mix of kinds.
    static func common(of values: [JSONValue]) -> ParameterType? {
        var result: ParameterType?
        for value in values {
            let kind: ParameterType
            switch value {
            case .string: kind = .string
            case .bool: kind = .boolean
            case .number(let number): kind = number.isIntegerLiteral ? .integer : .number
            case .array: kind = .array
            case .object: kind = .object
            case .null: continue
            }
            switch (result, kind) {
            case (nil, _): result = kind
            case (.integer, .number), (.number, .integer): result = .number
            case (let current?, _) where current == kind: break
            default: return nil
            }
        }
        return result
    }
}

/// When a parameter applies: `{"when": {"mode": "i2v"}, "required": true}`,
/// `{"requires": ["image"]}`, `{"excludes": ["image"]}`.
public struct ParameterCondition: Hashable, Sendable {
    /// Other parameters' values that make this condition hold; a list value means any of them.
    public var when: [String: JSONValue]
    /// Parameters that must be set when this one is.
    public var requires: [String]
    /// Parameters that must not be set when this one is.
    public var excludes: [String]
    /// Whether the parameter is required (true) or must be absent (false) when `when` holds.
    public var required: Bool?
    /// Other keys, kept as read.
    public var extra: [String: JSONValue]

    public init(
        when: [String: JSONValue] = [:], requires: [String] = [], excludes: [String] = [], required: Bool? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.when = when
        self.requires = requires
        self.excludes = excludes
        self.required = required
        self.extra = extra
    }

    /// Every parameter name the condition mentions.
    public var referencedNames: [String] { when.keys.sorted() + requires + excludes }
}

/// A deprecated parameter, with the catalog's message when it gives one.
public struct Deprecation: Hashable, Sendable {
    public var message: String?

    public init(message: String? = nil) {
        self.message = message
    }
}
