/// What a template reads: the values the declarations give it (``TemplateObject``).
///
/// Absent values are `nil` (`TemplateValue?`): a variable renders nothing, a section is skipped and
/// an inverted section renders.
enum TemplateValue {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object(any TemplateObject)

    /// A list of strings.
    static func strings(_ values: [String]) -> TemplateValue {
        .list(values.map(TemplateValue.string))
    }

    /// A string, or absent when `nil`.
    static func optional(_ value: String?) -> TemplateValue? {
        value.map(TemplateValue.string)
    }
}

/// A value with named fields: each answers the keys a template asks for, and `nil` for the others
/// (a lookup then climbs to the enclosing values).
protocol TemplateObject {
    func value(for key: TemplateKey) -> TemplateValue?
}

/// Every name a template may use: the fields of the generator's values (listed in
/// `Templates/README.md`). A template that names anything else is refused when it is loaded, with
/// the line and column of the name, so a typo never renders as silence.
enum TemplateKey: String, CaseIterable, Sendable {
    // model.mustache
    case header, imports, access, doc, typeName, conformances, id, metadata, aliases, extensions, openEnums, valuesType
    case module, isExported, spi, text
    case name, provider, category, summary, inputModalities, outputModalities, contextWindow, endpoints, features
    case pricing, hasPricing, supportsPassthrough, arguments, pricedParameters, hasPricedParameters
    case owner, members, `struct`, `enum`, alias, target, namespaces
    // struct.mustache
    case properties, hasProperties, hasOptionalProperties, initArguments, checks, hasChecks
    case hasMemberwiseInit, requiredProperties, optionalProperties, argumentLabel
    case bareName, type, isOptional, wire, availability, storage, deprecatedArgument, deprecatedInit, hasInitArguments
    case range, allowedCases, allowedValues, allowedModes, allowedTypes, count, nested, requires, excludes, when
    case property, min, max, values, modes, types, other, otherProperty, tests, fallback, negated, clause, required
    // enum.mustache
    case rawType, cases, literal, valuesName
    // registry.mustache
    case models, endpointLists, protocolName, endpoint, hasModels
}

/// Fields given by key, for values with no type of their own (a check's arguments).
struct TemplateFields: TemplateObject {
    let fields: [(TemplateKey, TemplateValue?)]

    init(_ fields: [(TemplateKey, TemplateValue?)]) { self.fields = fields }

    func value(for key: TemplateKey) -> TemplateValue? {
        for (name, value) in fields where name == key { return value }
        return nil
    }
}
