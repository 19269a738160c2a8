import EmpirioJSON
import EmpirioPricing
import Foundation

/// The generator's intermediate model: the Swift declarations of one generation, typed, with every
/// decision already made (names, types, literals, access level, doc lines, sharing, what is
/// emitted). ``DeclarationBuilder`` makes it from a catalog; the ``Renderer`` only walks it
/// through the templates, and `empirio diff` reads its ``SymbolTable`` so that the symbols a
/// diff names are the ones the generator emits.
///
/// Nothing here holds assembled Swift code: identifiers are identifiers (escaped when they are
/// keywords), literals are single Swift literals, types are ``SwiftType`` values and checks are
/// ``Check`` values. The templates own the syntax.

/// A Swift type reference.
indirect enum SwiftType: Hashable, Sendable {
    case string, int, double, bool
    /// `JSONValue`: a free-form value.
    case json
    /// `[String: JSONValue]`: an object without a declared shape.
    case jsonObject
    /// A type of the runtime (`Tool`, `ToolChoice`, `ResponseFormat`).
    case runtime(String)
    /// A generated open enum, by its name in scope (`ReasoningEffort`).
    case enumeration(String)
    /// A generated struct, by its name in scope (`Message`).
    case structure(String)
    case array(SwiftType)

    /// The spelling in Swift source: every standard-library and runtime type with its module
    /// (`Swift.String`, `EmpirioRuntime.JSONValue`), so that no generated type can shadow one; a
    /// generated type by its name in scope.
    var qualified: String {
        switch self {
        case .string: return "Swift.String"
        case .int: return "Swift.Int"
        case .double: return "Swift.Double"
        case .bool: return "Swift.Bool"
        case .json: return "EmpirioRuntime.JSONValue"
        case .jsonObject: return "[Swift.String: EmpirioRuntime.JSONValue]"
        case .runtime(let name): return "EmpirioRuntime." + name
        case .enumeration(let name), .structure(let name): return name
        case .array(let element): return "[" + element.qualified + "]"
        }
    }

    /// The short spelling, for messages and docs (`String`, `[Tool]`).
    var spelling: String {
        switch self {
        case .string: return "String"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .json: return "JSONValue"
        case .jsonObject: return "[String: JSONValue]"
        case .runtime(let name), .enumeration(let name), .structure(let name): return name
        case .array(let element): return "[" + element.spelling + "]"
        }
    }

    /// The element type under every array level, and how many levels there are.
    var innermost: (element: SwiftType, depth: Int) {
        if case .array(let element) = self {
            let inner = element.innermost
            return (inner.element, inner.depth + 1)
        }
        return (self, 0)
    }
}

/// Doc comment text, one entry per line; an empty entry is a blank `///` line between
/// paragraphs. Never starts or ends with a blank line, never has two in a row.
struct DocComment: Hashable, Sendable {
    private(set) var lines: [String] = []

    init(_ paragraphs: [String] = []) {
        for paragraph in paragraphs { append(paragraph) }
    }

    /// Adds a paragraph (its text split into safe lines), after a blank line.
    mutating func append(_ paragraph: String) {
        let lines = SwiftLiteral.docLines(paragraph)
        appendLines(lines)
    }

    mutating func appendLines(_ newLines: [String]) {
        var newLines = newLines
        while newLines.first?.isEmpty == true { newLines.removeFirst() }
        while newLines.last?.isEmpty == true { newLines.removeLast() }
        guard !newLines.isEmpty else { return }
        if !lines.isEmpty { lines.append("") }
        for line in newLines where !(line.isEmpty && lines.last?.isEmpty == true) { lines.append(line) }
    }

    var isEmpty: Bool { lines.isEmpty }
}

/// A stored property of a generated struct.
struct PropertyDecl: Hashable, Sendable {
    /// The Swift name, escaped with backticks when it is a keyword (`` `default` ``).
    var name: String
    /// The name without backticks (`self.default`, coding keys).
    var bareName: String
    /// The JSON key.
    var wireName: String
    var type: SwiftType
    var isOptional: Bool
    var doc: DocComment
    /// Set when the catalog marks the parameter deprecated: its message, or an empty string.
    var deprecation: String?

    /// `@available(*, deprecated, message: "...")` for a deprecated property, the message escaped.
    var availability: String? { deprecation.map(Self.availability) }

    static func availability(_ message: String) -> String {
        message.isEmpty
            ? "@available(*, deprecated)" : "@available(*, deprecated, message: \(SwiftLiteral.string(message)))"
    }

    /// The name the generated code reads and writes: the property's own, or for a deprecated
    /// one its private storage (`_seed`; no property name starts with `_` and a letter), so that
    /// only the app's uses warn.
    var storage: String { deprecation == nil ? bareName : "_" + bareName }

    /// Whether the memberwise initialiser leaves it out: an optional deprecated property is
    /// taken by a second, deprecated initialiser instead.
    var isDeprecatedArgument: Bool { deprecation != nil && isOptional }

    /// The label in a call (`Parameters(default: 1)`): keywords need no backticks there, except
    /// `inout`.
    var argumentLabel: String { SwiftNaming.argumentLabel(bareName) }
}

/// One line of a `validate()` body. Property and wire names are the struct's; numbers, lists and
/// descriptions are Swift literals.
enum Check: Hashable, Sendable {
    /// `check.range(value, "name", min: 1, max: 10)`: on `Int`, `Double` or arrays of them.
    case range(property: String, wire: String, min: String?, max: String?)
    /// An open enum (or an array of them) whose value must be one the catalog lists.
    case allowedCases(property: String, wire: String)
    /// A `JSONValue` restricted to a list.
    case allowedValues(property: String, wire: String, values: [String])
    /// A `ToolChoice` whose mode the catalog lists.
    case allowedModes(property: String, wire: String, modes: [String])
    /// A `ResponseFormat` whose `type` the catalog lists.
    case allowedTypes(property: String, wire: String, types: [String])
    case count(property: String, wire: String, min: Int?, max: Int?)
    /// A generated struct, or arrays of them, validated in turn.
    case nested(property: String, wire: String)
    /// `fallback`: the other parameter's catalog default as a `JSONValue` literal, when it is
    /// optional and has one.
    case requires(property: String, wire: String, other: String, otherProperty: String, fallback: String?)
    /// `otherProperty` nil: the other parameter is required, so always set.
    case excludes(property: String, wire: String, other: String, otherProperty: String?)
    /// `when`: `tests` joined by `&&`, negated for "applies only when".
    case when(tests: [MatchTest], negated: Bool, clause: String, property: String, wire: String, required: Bool)
}

/// One test of a `when` clause: the other parameter's effective value is one of `values`.
struct MatchTest: Hashable, Sendable {
    var property: String
    /// The catalog's default, as a `JSONValue` literal, when the parameter is optional and has one.
    var fallback: String?
    /// A `[JSONValue]` literal.
    var values: String
}

/// A struct for a parameter table: a model's `Parameters` or an object parameter.
struct StructDecl: Hashable, Sendable {
    var name: String
    var doc: DocComment
    var conformances: [String]
    var properties: [PropertyDecl]
    var checks: [Check]
    /// The enums and structs declared inside it (its object and allowed-values properties).
    var nested: [TypeDecl]

    /// The widest table that gets an initialiser taking every property. An initialiser that
    /// assigns N stored properties costs the compiler's definite-initialisation pass time that
    /// grows with N² (500 properties: 34 s for one file); past this, the struct is made from its
    /// required properties and the others are set one by one.
    static let memberwiseLimit = 64

    var hasMemberwiseInit: Bool { properties.count <= Self.memberwiseLimit }
    /// The memberwise initialiser's arguments: the properties, required ones first, without the
    /// optional deprecated ones.
    var initArguments: [PropertyDecl] { (requiredProperties + optionalProperties).filter { !$0.isDeprecatedArgument } }
    /// The deprecated initialiser that also takes the optional deprecated properties (a call
    /// that names none of them resolves to the memberwise one, which needs fewer defaults); nil
    /// when there are none.
    var deprecatedInitArguments: [PropertyDecl]? {
        guard hasMemberwiseInit, properties.contains(where: \.isDeprecatedArgument) else { return nil }
        return requiredProperties + optionalProperties
    }
    /// The deprecated initialiser's attribute: which arguments are deprecated, and why.
    var deprecatedInitAvailability: String {
        let parts = properties.filter(\.isDeprecatedArgument).map { property in
            "`\(property.bareName)` is deprecated" + (property.deprecation!.isEmpty ? "" : ": " + property.deprecation!)
        }
        return PropertyDecl.availability(parts.joined(separator: "; "))
    }
    var requiredProperties: [PropertyDecl] { properties.filter { !$0.isOptional } }
    var optionalProperties: [PropertyDecl] { properties.filter(\.isOptional) }
}

/// An open enum for an allowed-values list.
/// An open enum: `typealias Name = OpenEnum<NameValues>`, the caseless `NameValues` listing the
/// raw values, and one static member per value in an extension of `OpenEnum<NameValues>`.
struct EnumDecl: Hashable, Sendable {
    var name: String
    var doc: DocComment
    /// `String`, `Int` or `Double`.
    var rawType: SwiftType
    var cases: [EnumCaseDecl]
}

extension EnumDecl {
    static let valuesSuffix = "Values"

    /// The caseless enum that lists the values: `name` followed by ``valuesSuffix`` (the two
    /// are allocated together, so it is never another type's name).
    var valuesName: String { name + Self.valuesSuffix }
}

struct EnumCaseDecl: Hashable, Sendable {
    var name: String
    /// The raw value as a Swift literal.
    var literal: String
    var doc: DocComment
}

/// A type declared by the generator.
enum TypeDecl: Hashable, Sendable {
    case structure(StructDecl)
    case enumeration(EnumDecl)
    /// A type alias to the same type declared by an earlier model (`typealias Quality = FluxPro.Quality`).
    case alias(name: String, target: String, doc: DocComment)

    var name: String {
        switch self {
        case .structure(let decl): return decl.name
        case .enumeration(let decl): return decl.name
        case .alias(let name, _, _): return name
        }
    }
}

/// An `extension OWNER { ... }` block: how nested types are laid out, each at one indentation
/// level, whatever its depth.
struct ExtensionDecl: Hashable, Sendable {
    /// The qualified name of the type extended (`DeepseekV4Pro.Parameters`).
    var owner: String
    var members: [TypeDecl]
}

/// One model's file.
struct ModelDecl: Sendable {
    var id: String
    var typeName: String
    var fileName: String
    var doc: DocComment
    /// `CatalogModel`, then the endpoint protocols, then the tool and structured-output ones.
    var conformances: [String]
    var metadata: MetadataDecl
    /// Type aliases in the model's own body, to types an earlier model declares with the same shape.
    var aliases: [TypeDecl]
    /// The types in the model's namespace (`Parameters` first), each with its nested types.
    var members: [TypeDecl]
    /// `members` laid out as extensions in declaration order (after sharing).
    var extensions: [ExtensionDecl] = []
    /// What the diff needs to name this model's symbols.
    var symbols: SymbolTable
}

/// `ModelMetadata(...)` arguments, each a Swift literal or list of them.
struct MetadataDecl: Sendable {
    var id: String
    var name: String
    var provider: String
    var category: String
    var summary: String
    var inputModalities: [String]
    var outputModalities: [String]
    var contextWindow: String
    /// `.chatCompletions`-style members or string literals for endpoints without one.
    var endpoints: [String]
    var features: [String]
    var pricing: [PricingDecl]
    var supportsPassthrough: String
    var pricedParameters: [PricedParameterDecl]
}

/// A rate as the arguments of a `PricingRate(...)` literal, those at their default left out:
/// `label: "Image (4K)", price: "0.07", unit: .image, dimensions: ["resolution": "4K"]`.
struct PricingDecl: Sendable {
    var arguments: String

    init(_ rate: PricingRate) {
        var arguments: [String] = []
        if let label = rate.label { arguments.append("label: " + SwiftLiteral.string(label)) }
        arguments.append("price: " + (rate.price.map { SwiftLiteral.string($0.description) } ?? "nil"))
        let member = PricingDecl.unitMembers[rate.unit.rawValue]
        arguments.append("unit: " + (member.map { "." + $0 } ?? ".custom(\(SwiftLiteral.string(rate.unit.rawValue)))"))
        if rate.per != 1 { arguments.append("per: " + PricingDecl.decimal(rate.per)) }
        if let tier = rate.tier { arguments.append("tier: " + SwiftLiteral.string(tier)) }
        if let tokens = rate.tokens {
            arguments.append(
                "tokens: \(tokens.lowerBound)...\(tokens.upperBound == Int.max ? "Swift.Int.max" : String(tokens.upperBound))"
            )
        }
        if !rate.dimensions.isEmpty {
            let pairs = rate.dimensions.sorted { $0.key < $1.key }.map {
                SwiftLiteral.string($0.key) + ": " + SwiftLiteral.string($0.value)
            }
            arguments.append("dimensions: [" + pairs.joined(separator: ", ") + "]")
        }
        self.arguments = arguments.joined(separator: ", ")
    }

    /// The units `PricingUnit` names as static members.
    static let unitMembers: [String: String] = [
        "token": "token", "image": "image", "video-second": "videoSecond", "audio-second": "audioSecond",
        "tool-call": "toolCall",
        "request": "request", "character": "character", "word": "word", "page": "page",
    ]

    /// A `Decimal` expression: an integer literal when the value is whole and fits, else parsed from exact text.
    static func decimal(_ value: Decimal) -> String {
        let text = ExactDecimal.plain(value)
        if !text.contains("."), let integer = Int(text) { return String(integer) }
        return "EmpirioRuntime.USD(stringLiteral: \(SwiftLiteral.string(text))).amount"
    }
}

/// A priced parameter as the arguments of a `PricedParameter(...)` literal.
struct PricedParameterDecl: Sendable {
    var arguments: String

    init(_ parameter: PricedParameter) {
        var arguments = [SwiftLiteral.string(parameter.name)]
        if let value = parameter.defaultValue, let literal = PricedParameterDecl.literal(value) {
            arguments.append("defaultValue: " + literal)
        }
        if !parameter.allowedValues.isEmpty {
            arguments.append(
                "allowedValues: [" + parameter.allowedValues.map(SwiftLiteral.string).joined(separator: ", ") + "]")
        }
        self.arguments = arguments.joined(separator: ", ")
    }

    /// A scalar `JSONValue` literal; nil for arrays and objects, which price nothing.
    static func literal(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .bool(let bool): return bool ? "true" : "false"
        case .string(let string): return SwiftLiteral.string(string)
        case .number(let number):
            if number.isIntegerLiteral, Int(number.text) != nil { return number.text }
            return ".number(EmpirioRuntime.NumberLiteral(\(SwiftLiteral.string(number.text)))!)"
        case .array, .object: return nil
        }
    }
}

/// The registry of every model.
struct RegistryDecl: Sendable {
    var models: [String]
    var endpointLists: [EndpointListDecl]
}

struct EndpointListDecl: Sendable {
    var name: String
    var protocolName: String
    var endpoint: String
    var models: [String]
}

/// A whole generation: what every file holds.
struct ModuleDecl: Sendable {
    var header: String
    /// `import` lines' modules, for model files and for the registry (which re-exports the runtime).
    var imports: [ImportDecl]
    var registryImports: [ImportDecl]
    /// The access modifier with its trailing space (`public `), or empty for internal.
    var access: String
    var models: [ModelDecl]
    var registry: RegistryDecl
    /// The types several models share, in `SharedTypes.swift`; nil when none are.
    var shared: SharedDecl? = nil
}

/// The namespace of the types several models share (`SharedTypes`): each is declared there
/// once, with its own doc comment naming the models that use it, and each model keeps its own
/// name for it through a type alias. A parameter table that several models share whole lives in a
/// namespace of its own inside it (`SharedTypes.DeepseekV4Flash`).
struct SharedDecl: Sendable {
    static let typeName = "SharedTypes"
    static let fileName = "SharedTypes.swift"
    var doc: DocComment
    /// The namespaces of whole shared tables: caseless enums declared in the body.
    var namespaces: [(name: String, doc: DocComment)]
    /// Every shared type, laid out as extensions of `SharedTypes` and its namespaces (a table's
    /// namespace may hold aliases to types shared more widely).
    var extensions: [ExtensionDecl]
}

struct ImportDecl: Hashable, Sendable {
    var module: String
    /// `@_exported`.
    var isExported: Bool
    /// `@_spi(NAME)`: the runtime's API for generated code only (`Generated`).
    var spi: String? = nil
}

/// The Swift symbols generated for one model's catalog entry, keyed the way `empirio diff`
/// names parameters: `max_tokens`, `response_format.type`, `messages[].role`; an array's items
/// are `NAME[]`.
struct SymbolTable: Sendable, Hashable {
    var model: String = ""
    /// Parameter path → `Owner.property`.
    var properties: [String: String] = [:]
    /// Parameter path → the generated type for it (an enum or a struct), qualified as the user
    /// writes it (`DeepseekV4Pro.ReasoningEffort`).
    var types: [String: String] = [:]
    /// Parameter path → raw value text → `Type.case`.
    var cases: [String: [String: String]] = [:]
}
