/// The view models the templates render. Every Swift name is chosen, every literal escaped and
/// every doc line split before a template sees them: templates only place this text.

/// One generated file per model.
struct ModelFileView {
    var header: String
    /// `import` lines, in order.
    var imports: [String]
    /// The access modifier with its trailing space (`public `, `package `), or empty for internal.
    var access: String
    var docComment: [String]
    var typeName: String
    var conformances: String
    var idLiteral: String
    var metadata: MetadataView
    /// The `Parameters` struct.
    var parameters: StructView
    /// Enums and structs for the top-level parameters, nested in the model's namespace.
    var enums: [EnumView]
    var structs: [StructView]
    /// `Parameters`, the structs and the enums, rendered and indented by the ``Renderer``.
    var nestedTypes: String = ""
    /// Set when another model has the same parameter table: the nested types are type aliases to
    /// that model's (`public typealias Parameters = DeepseekV4Flash.Parameters`), so the code
    /// exists once.
    var sharedAliases: [String]? = nil
}

struct MetadataView {
    var idLiteral: String
    var name: String
    var provider: String
    var category: String
    var summary: String
    var inputModalities: String
    var outputModalities: String
    var contextWindow: String
    var endpoints: String
    var features: String
    var pricing: [PricingView]
    var hasPricing: Bool
    var supportsPassthrough: String
}

struct PricingView {
    var label: String
    var unit: String
    var priceUSD: String
    var per: String
    var tier: String
    var isLast: Bool
}

/// A parameters struct: the model's `Parameters`, or a nested object parameter.
struct StructView {
    var access: String
    var docComment: [String]
    var name: String
    var conformances: String
    var properties: [PropertyView]
    var hasProperties: Bool
    var codingKeys: [CodingKeyView]
    /// `name: Type` or `name: Type? = nil`, required ones first.
    var initArguments: [ArgumentView]
    var initAssignments: [String]
    /// Lines of the `validate()` body, between `var check = ParameterCheck()` and the return.
    var checks: [String]
    var hasChecks: Bool
    var enums: [EnumView]
    var structs: [StructView]
    /// The nested structs and enums, rendered and indented by the ``Renderer``.
    var nestedTypes: String = ""
    var hasNestedTypes = false
}

struct PropertyView {
    var docComment: [String]
    var name: String
    var type: String
    var isLast: Bool
}

struct CodingKeyView {
    /// `case prompt` or `case aspectRatio = "aspect_ratio"`.
    var declaration: String
}

struct ArgumentView {
    var text: String
    var isLast: Bool
}

/// An open enum for an allowed-values list.
struct EnumView {
    var access: String
    var docComment: [String]
    var name: String
    var rawType: String
    var cases: [EnumCaseView]
    /// The `.other(_:)` case's documentation.
    var otherDoc: String
}

struct EnumCaseView {
    var docComment: [String]
    var name: String
    /// The raw value as a Swift literal.
    var literal: String
    var isLast: Bool
}

/// The registry of every model.
struct RegistryView {
    var header: String
    var imports: [String]
    var access: String
    var models: [RegistryEntryView]
    var endpointLists: [EndpointListView]
}

struct RegistryEntryView {
    var typeName: String
    var isLast: Bool
}

struct EndpointListView {
    var docComment: [String]
    var name: String
    var protocolName: String
    var models: [RegistryEntryView]
    var isEmpty: Bool
}
