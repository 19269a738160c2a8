import EmpirioCatalog
import EmpirioDocument

/// Catalog → view models: the one place where every generation decision is made (names,
/// Swift types, literals, doc lines, validation checks). Collisions are resolved here and
/// reported as warnings.
struct ViewModelBuilder {
    let header: String
    let options: GenerationOptions
    private(set) var diagnostics: [Diagnostic] = []

    init(header: String, options: GenerationOptions = GenerationOptions()) {
        self.header = header
        self.options = options
    }

    var access: String { options.accessModifier.prefix }

    // MARK: Models

    /// The models to generate: the first of each id (later duplicates were warned about at load).
    static func uniqueModels(_ catalog: Catalog) -> [Model] {
        var seen = Set<String>()
        return catalog.sorted.models.filter { seen.insert($0.id).inserted }
    }

    /// Swift type names for every model, collisions (including case-only ones) resolved by id order.
    mutating func typeNames(for models: [Model]) -> [String] {
        var allocator = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union(["ModelRegistry"]), ignoringCase: true)
        return models.map { model in
            let base = SwiftNaming.typeName(model.id, prefix: options.typeNamePrefix)
            let (name, collided) = allocator.allocate(base, for: model.id)
            if let collided {
                warn("the Swift name \(base) is already taken by \(collided); this model is generated as \(name)", model: model.id)
            }
            return name
        }
    }

    mutating func modelFile(_ model: Model, typeName: String) -> ModelFileView {
        let runtimeTyped = Self.runtimeTyped(model)
        var namespace = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union([typeName]), ignoringCase: true)
        var enums: [EnumView] = []
        var structs: [StructView] = []
        var parameters = structView(
            name: "Parameters", docComment: ["/// The parameters of `\(Self.docSafe(model.id))`, with their wire names in `CodingKeys`."],
            parameters: Self.relaxingPayload(model), model: model.id, wirePrefix: "", isRoot: true,
            namespace: &namespace, outerEnums: &enums, outerStructs: &structs, runtimeTyped: runtimeTyped)
        parameters.conformances = "ModelParameters"
        let endpoints = model.endpoints.filter(\.isKnown)
        let protocols = ["CatalogModel"] + endpoints.compactMap { Self.endpointProtocols[$0] }
            + (runtimeTyped["tools"] == .tools ? ["ToolCallingModel"] : [])
            + (Self.acceptsJSONSchema(model, runtimeTyped: runtimeTyped) ? ["StructuredOutputModel"] : [])
        var doc = SwiftLiteral.docLines(model.name.map { "\($0) (`\(model.id)`)." } ?? "`\(model.id)`.").map(Self.docLine)
        let description = SwiftLiteral.docLines(model.description)
        if !description.isEmpty { doc += ["///"] + description.map(Self.docLine) }
        var facts: [String] = []
        if let category = model.category { facts.append("Category `\(category)`.") }
        if !endpoints.isEmpty { facts.append("Endpoints: " + endpoints.map { "`POST \($0.rawValue)`" }.joined(separator: ", ") + ".") }
        if let window = model.contextWindow { facts.append("Context window: \(window) tokens.") }
        if !facts.isEmpty { doc += ["///"] + facts.flatMap(SwiftLiteral.docLines).map(Self.docLine) }
        return ModelFileView(
            header: header, imports: options.imports(reexportingRuntime: false), access: access, docComment: doc, typeName: typeName, conformances: protocols.joined(separator: ", "),
            idLiteral: SwiftLiteral.string(model.id), metadata: metadata(model), parameters: parameters, enums: enums,
            structs: structs)
    }

    /// The payload a text endpoint carries itself (`messages`, `prompt`, `input`, `system`) is
    /// optional in `Parameters` of models that accept text endpoints: each endpoint needs a
    /// different one, and the client's typed methods take it as an argument. It stays a typed
    /// property, so it can still be set there.
    static func relaxingPayload(_ model: Model) -> [Parameter] {
        let text: Set<Endpoint> = [.chatCompletions, .completions, .responses, .messages]
        var names: Set<String> = []
        if !text.isDisjoint(with: model.endpoints) { names.formUnion(payloadNames) }
        // A transcription takes an upload or a URL: either may be missing.
        if model.endpoints.contains(.transcriptions) { names.formUnion(["file_url", "file"]) }
        guard !names.isEmpty else { return model.parameters }
        return model.parameters.map { parameter in
            guard parameter.isRequired, names.contains(parameter.name) else { return parameter }
            var relaxed = parameter
            relaxed.isRequired = false
            relaxed.description = (parameter.description.map { $0 + "\n\n" } ?? "")
                + "Required by the endpoint; the client's typed methods take it as an argument, so it is optional here."
            return relaxed
        }
    }

    static let payloadNames: Set<String> = ["messages", "prompt", "input", "system"]

    /// Parameters of the text endpoints that the runtime has typed values for: `tools` (an
    /// array) is `[Tool]`, `tool_choice` (a string or an object) is `ToolChoice`, and an object
    /// `response_format` is `ResponseFormat`. A model with `tools` conforms to
    /// `ToolCallingModel`, one whose `response_format` takes `json_schema` to
    /// `StructuredOutputModel`: the runtime's tool and structured-output calls take only those.
    enum RuntimeTyped: Hashable {
        case tools, toolChoice, responseFormat

        var swiftType: String {
            switch self {
            case .tools: return "[Tool]"
            case .toolChoice: return "ToolChoice"
            case .responseFormat: return "ResponseFormat"
            }
        }
    }

    static func runtimeTyped(_ model: Model) -> [String: RuntimeTyped] {
        let text: Set<Endpoint> = [.chatCompletions, .messages, .responses]
        guard !text.isDisjoint(with: model.endpoints) else { return [:] }
        var typed: [String: RuntimeTyped] = [:]
        for parameter in model.parameters where typed[parameter.name] == nil {
            let type = parameter.effectiveType
            switch parameter.name {
            case "tools" where type == .array:
                typed[parameter.name] = .tools
            case "tool_choice" where (type == .string || type == .object || type == .json) && (parameter.allowedValues ?? []).allSatisfy({ $0.stringValue != nil || $0.objectValue != nil }):
                typed[parameter.name] = .toolChoice
            case "response_format" where type == .object || type == .json:
                typed[parameter.name] = .responseFormat
            default: break
            }
        }
        return typed
    }

    /// Structured output needs an object `response_format` whose `type` may be `json_schema`
    /// (a catalog that lists the types and leaves it out offers JSON mode only).
    static func acceptsJSONSchema(_ model: Model, runtimeTyped: [String: RuntimeTyped]? = nil) -> Bool {
        guard let format = model.parameters.first(where: { $0.name == "response_format" }),
            (runtimeTyped ?? Self.runtimeTyped(model))["response_format"] == .responseFormat
        else {
            return false
        }
        guard let types = format.properties?.first(where: { $0.name == "type" })?.allowedValues, !types.isEmpty else { return true }
        return types.contains(.string("json_schema"))
    }

    /// The checks of a runtime-typed parameter: its item count, the modes or types the catalog
    /// allows, and its conditions.
    func runtimeTypedChecks(_ kind: RuntimeTyped, parameter: Parameter, property: String, siblings: [String: (String, Parameter)]) -> [String] {
        var lines: [String] = []
        let wire = SwiftLiteral.string(parameter.name)
        switch kind {
        case .tools:
            if parameter.minItems != nil || parameter.maxItems != nil {
                let bounds = [parameter.minItems.map { "min: \($0)" }, parameter.maxItems.map { "max: \($0)" }].compactMap { $0 }.joined(separator: ", ")
                lines.append("check.count(\(property), \(wire), \(bounds))")
            }
        case .toolChoice:
            let modes = (parameter.allowedValues ?? []).compactMap(\.stringValue)
            if !modes.isEmpty { lines.append("check.allowed(\(property), \(wire), modes: [\(modes.map(SwiftLiteral.string).joined(separator: ", "))])") }
        case .responseFormat:
            let types = (parameter.properties?.first { $0.name == "type" }?.allowedValues ?? []).compactMap(\.stringValue)
            if !types.isEmpty { lines.append("check.allowed(\(property), \(wire), types: [\(types.map(SwiftLiteral.string).joined(separator: ", "))])") }
        }
        for condition in parameter.conditions {
            lines += conditionChecks(condition, parameter: parameter, property: property, siblings: siblings)
        }
        return lines
    }

    func metadata(_ model: Model) -> MetadataView {
        func optional(_ value: String?) -> String { value.map(SwiftLiteral.string) ?? "nil" }
        func list(_ values: [String]) -> String { "[" + values.map(SwiftLiteral.string).joined(separator: ", ") + "]" }
        let pricing = model.pricing.enumerated().map { offset, row in
            PricingView(
                label: optional(row.label), unit: optional(row.unit), priceUSD: optional(row.priceUSD?.text),
                per: optional(row.per?.text), tier: optional(row.tier), isLast: offset == model.pricing.count - 1)
        }
        return MetadataView(
            idLiteral: SwiftLiteral.string(model.id), name: optional(model.name), provider: optional(model.provider),
            category: optional(model.category), summary: optional(model.description),
            inputModalities: list(model.inputModalities), outputModalities: list(model.outputModalities),
            contextWindow: model.contextWindow.map(String.init) ?? "nil",
            endpoints: "[" + model.endpoints.filter(\.isKnown).map { Self.endpointMembers[$0].map { ".\($0)" } ?? SwiftLiteral.string($0.rawValue) }.joined(separator: ", ") + "]",
            features: list(model.features), pricing: pricing, hasPricing: !pricing.isEmpty,
            supportsPassthrough: model.supportsPassthrough.map { $0 ? "true" : "false" } ?? "nil")
    }

    // MARK: Structs

    /// A struct for a parameter table. Nested enums and structs go into `outerEnums` /
    /// `outerStructs` for the root table (the model's namespace), and inside the struct otherwise.
    mutating func structView(
        name: String, docComment: [String], parameters allParameters: [Parameter], model: String, wirePrefix: String,
        isRoot: Bool, namespace: inout NameAllocator, outerEnums: inout [EnumView], outerStructs: inout [StructView], depth: Int = 0,
        runtimeTyped: [String: RuntimeTyped] = [:]
    ) -> StructView {
        var seenWire = Set<String>()
        let parameters = allParameters.filter { seenWire.insert($0.name).inserted }
        var members = NameAllocator()
        var innerNamespace = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union([name]), ignoringCase: true)
        var innerEnums: [EnumView] = []
        var innerStructs: [StructView] = []
        var resolved: [(parameter: Parameter, property: String, type: String)] = []

        for parameter in parameters {
            let base = SwiftNaming.propertyName(parameter.name)
            let (property, collided) = members.allocate(base, for: parameter.name)
            if let collided {
                warn(
                    "parameter \(DocumentNode.quoteForMessage(parameter.name)) and \(DocumentNode.quoteForMessage(collided)) both become the Swift name \(base); this one is generated as \(property)",
                    model: model, parameter: wirePrefix + parameter.name)
            }
            let type: String
            if let typed = runtimeTyped[parameter.name] {
                type = typed.swiftType
            } else if isRoot {
                type = swiftType(parameter, model: model, wirePrefix: wirePrefix, namespace: &namespace, enums: &outerEnums, structs: &outerStructs, depth: depth)
            } else {
                type = swiftType(parameter, model: model, wirePrefix: wirePrefix, namespace: &innerNamespace, enums: &innerEnums, structs: &innerStructs, depth: depth)
            }
            resolved.append((parameter, property, type))
        }

        let properties = resolved.enumerated().map { offset, entry in
            PropertyView(
                docComment: propertyDoc(entry.parameter, property: entry.property), name: entry.property,
                type: entry.type + (entry.parameter.isRequired ? "" : "?"), isLast: offset == resolved.count - 1)
        }
        let codingKeys = resolved.map { entry -> CodingKeyView in
            let bare = entry.property.replacingOccurrences(of: "`", with: "")
            return CodingKeyView(
                declaration: bare == entry.parameter.name ? "case \(entry.property)" : "case \(entry.property) = \(SwiftLiteral.string(entry.parameter.name))")
        }
        let ordered = resolved.filter { $0.parameter.isRequired } + resolved.filter { !$0.parameter.isRequired }
        let arguments = ordered.enumerated().map { offset, entry in
            ArgumentView(
                text: "\(entry.property): \(entry.type)" + (entry.parameter.isRequired ? "" : "? = nil"),
                isLast: offset == ordered.count - 1)
        }
        let assignments = resolved.map { "self.\($0.property.replacingOccurrences(of: "`", with: "")) = \($0.property)" }
        var checks: [String] = []
        let byName = Dictionary(resolved.map { ($0.parameter.name, ($0.property, $0.parameter)) }, uniquingKeysWith: { first, _ in first })
        for entry in resolved {
            if let typed = runtimeTyped[entry.parameter.name] {
                checks += runtimeTypedChecks(typed, parameter: entry.parameter, property: entry.property, siblings: byName)
            } else {
                checks += self.checks(for: entry.parameter, property: entry.property, type: entry.type, siblings: byName, depth: depth)
            }
        }
        return StructView(
            access: access, docComment: docComment, name: name, conformances: "Codable, Equatable, Sendable", properties: properties,
            hasProperties: !properties.isEmpty, codingKeys: codingKeys, initArguments: arguments, initAssignments: assignments,
            checks: checks, hasChecks: !checks.isEmpty, enums: innerEnums, structs: innerStructs)
    }

    /// The Swift type of a parameter (without the optional mark), creating enums and nested structs as needed.
    mutating func swiftType(
        _ parameter: Parameter, model: String, wirePrefix: String, namespace: inout NameAllocator, enums: inout [EnumView],
        structs: inout [StructView], typeBase: String? = nil, depth: Int = 0
    ) -> String {
        if let values = parameter.allowedValues, !values.isEmpty, let rawType = Self.enumRawType(parameter) {
            let base = typeBase ?? SwiftNaming.nestedTypeName(parameter.name)
            let name = allocateType(base, parameter: parameter, model: model, wirePrefix: wirePrefix, namespace: &namespace)
            enums.append(enumView(name: name, rawType: rawType, parameter: parameter, model: model, wirePrefix: wirePrefix))
            return name
        }
        switch parameter.effectiveType {
        case .string: return "String"
        case .integer: return "Int"
        case .number: return "Double"
        case .boolean: return "Bool"
        case .array:
            guard let items = parameter.items else { return "[JSONValue]" }
            var item = items
            item.name = parameter.name
            let element = swiftType(
                item, model: model, wirePrefix: wirePrefix, namespace: &namespace, enums: &enums, structs: &structs,
                typeBase: SwiftNaming.itemTypeName(parameter.name), depth: depth)
            return "[\(element)]"
        case .object:
            guard let properties = parameter.properties, !properties.isEmpty else { return "[String: JSONValue]" }
            // Compile cost grows with nesting: past the cap, an object stays a JSON value.
            if depth >= Self.maxNestingDepth {
                warn(
                    "objects nest deeper than \(Self.maxNestingDepth) levels here; \(DocumentNode.quoteForMessage(parameter.name)) is generated as [String: JSONValue], without a struct or nested checks",
                    model: model, parameter: wirePrefix + parameter.name)
                return "[String: JSONValue]"
            }
            let base = typeBase ?? SwiftNaming.nestedTypeName(parameter.name)
            let name = allocateType(base, parameter: parameter, model: model, wirePrefix: wirePrefix, namespace: &namespace)
            var unusedEnums: [EnumView] = []
            var unusedStructs: [StructView] = []
            var doc = SwiftLiteral.docLines(parameter.description).map(Self.docLine)
            if doc.isEmpty { doc = ["/// The `\(Self.docSafe(parameter.name))` object."] }
            structs.append(
                structView(
                    name: name, docComment: doc, parameters: properties, model: model, wirePrefix: wirePrefix + parameter.name + ".",
                    isRoot: false, namespace: &namespace, outerEnums: &unusedEnums, outerStructs: &unusedStructs, depth: depth + 1))
            return name
        case .json, .other, .enumeration:
            return "JSONValue"
        }
    }

    mutating func allocateType(_ base: String, parameter: Parameter, model: String, wirePrefix: String, namespace: inout NameAllocator) -> String {
        let (name, collided) = namespace.allocate(base, for: parameter.name)
        if let collided {
            warn(
                "the type name \(base) for \(DocumentNode.quoteForMessage(parameter.name)) is already taken by \(DocumentNode.quoteForMessage(collided)); generated as \(name)",
                model: model, parameter: wirePrefix + parameter.name)
        }
        return name
    }

    /// `String`, `Int` or `Double` when every allowed value fits one of them; nil for a mix
    /// (then the parameter is a `JSONValue` checked against the list).
    static func enumRawType(_ parameter: Parameter) -> String? {
        guard let values = parameter.allowedValues else { return nil }
        if values.allSatisfy({ $0.stringValue != nil }) { return "String" }
        let numbers = values.compactMap(\.numberValue)
        guard numbers.count == values.count, numbers.allSatisfy(\.isFinite) else { return nil }
        if parameter.type != .number && numbers.allSatisfy({ $0.isIntegerLiteral && $0.intValue != nil }) { return "Int" }
        return "Double"
    }

    mutating func enumView(name: String, rawType: String, parameter: Parameter, model: String, wirePrefix: String) -> EnumView {
        var allocator = NameAllocator()
        var seenRaw = Set<String>()
        var cases: [EnumCaseView] = []
        for value in parameter.allowedValues ?? [] {
            let literal: String
            let raw: String
            switch (rawType, value) {
            case ("String", .string(let string)):
                literal = SwiftLiteral.string(string)
                raw = string
            case ("Int", .number(let number)):
                literal = String(number.intValue ?? 0)
                raw = literal
            case (_, .number(let number)):
                literal = Self.doubleLiteral(number)
                raw = String(number.doubleValue)
            default: continue
            }
            guard seenRaw.insert(raw).inserted else { continue }
            let base = SwiftNaming.caseName(raw == literal ? literal : raw, parameter: parameter.name)
            let (caseName, collided) = allocator.allocate(base, for: raw)
            if let collided {
                warn(
                    "allowed values \(value.compactJSON) and \(DocumentNode.quoteForMessage(collided)) both become the case name \(base); this one is generated as \(caseName)",
                    model: model, parameter: wirePrefix + parameter.name)
            }
            cases.append(EnumCaseView(docComment: ["/// \(Self.docSafe(value.compactJSON))"], name: caseName, literal: literal, isLast: false))
        }
        if !cases.isEmpty { cases[cases.count - 1].isLast = true }
        return EnumView(
            access: access, docComment: ["/// The values the catalog allows for `\(Self.docSafe(wirePrefix + parameter.name))`; a value it does not list is `.other`."],
            name: name, rawType: rawType, cases: cases,
            otherDoc: "/// A value the catalog did not list when this file was generated: it still decodes and can be sent, but fails validation.")
    }

    // MARK: Doc comments

    func propertyDoc(_ parameter: Parameter, property: String) -> [String] {
        var lines = SwiftLiteral.docLines(parameter.description)
        var facts: [String] = []
        if property.replacingOccurrences(of: "`", with: "") != parameter.name { facts.append("Wire name `\(Self.docSafe(parameter.name))`.") }
        if parameter.isRequired { facts.append("Required.") }
        if let value = parameter.defaultValue, value != .null { facts.append("Default `\(value.compactJSON)`.") }
        switch (parameter.minimum, parameter.maximum) {
        case (let minimum?, let maximum?): facts.append("Range `\(minimum)...\(maximum)`.")
        case (let minimum?, nil): facts.append("At least `\(minimum)`.")
        case (nil, let maximum?): facts.append("At most `\(maximum)`.")
        default: break
        }
        if let values = parameter.allowedValues, !values.isEmpty {
            facts.append("Allowed: " + values.map { "`\($0.compactJSON)`" }.joined(separator: ", ") + ".")
        }
        if parameter.minItems != nil || parameter.maxItems != nil {
            facts.append("Items: " + [parameter.minItems.map { "at least \($0)" }, parameter.maxItems.map { "at most \($0)" }].compactMap { $0 }.joined(separator: ", ") + ".")
        }
        for condition in parameter.conditions {
            let description = Self.describe(condition)
            if !description.isEmpty { facts.append(description + ".") }
        }
        if let deprecation = parameter.deprecation { facts.append("Deprecated" + (deprecation.message.map { ": \($0)" } ?? ".")) }
        if !lines.isEmpty { lines.append("") }
        lines += facts.flatMap(SwiftLiteral.docLines)
        return lines.map(Self.docLine)
    }

    static func describe(_ condition: ParameterCondition) -> String {
        var parts: [String] = []
        if !condition.when.isEmpty {
            let clause = whenDescription(condition.when)
            switch condition.required {
            case true?: parts.append("Required when \(clause)")
            case false?: parts.append("Must be absent when \(clause)")
            case nil: parts.append("Applies only when \(clause)")
            }
        } else if condition.required == true {
            parts.append("Required")
        }
        if !condition.requires.isEmpty { parts.append("Requires " + condition.requires.map { "`\($0)`" }.joined(separator: ", ")) }
        if !condition.excludes.isEmpty { parts.append("Cannot be combined with " + condition.excludes.map { "`\($0)`" }.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    static func whenDescription(_ when: [String: JSONValue]) -> String {
        when.keys.sorted().map { key in
            if case .array(let options) = when[key]! {
                return "\(key) is one of " + options.map(\.compactJSON).joined(separator: ", ")
            }
            return "\(key) == \(when[key]!.compactJSON)"
        }.joined(separator: " and ")
    }

    static func docLine(_ line: String) -> String { line.isEmpty ? "///" : "/// " + line }

    /// One line of text safe inside a doc comment.
    static func docSafe(_ text: String) -> String { SwiftLiteral.docLines(text).joined(separator: " ") }

    // MARK: Checks

    /// The `validate()` lines for one parameter.
    func checks(for parameter: Parameter, property: String, type: String, siblings: [String: (String, Parameter)], depth: Int) -> [String] {
        var lines: [String] = []
        let wire = SwiftLiteral.string(parameter.name)
        let isEnum = parameter.allowedValues.map { !$0.isEmpty } == true && Self.enumRawType(parameter) != nil
        switch type {
        case "Int", "[Int]":
            let bounds = Self.intBounds(parameter.minimum, parameter.maximum, of: type == "Int" ? parameter : parameter.items)
            if !bounds.isEmpty { lines.append("check.range(\(property), \(wire)\(bounds))") }
        case "Double", "[Double]":
            let bounds = Self.doubleBounds(type == "Double" ? parameter : parameter.items)
            if !bounds.isEmpty { lines.append("check.range(\(property), \(wire)\(bounds))") }
        case "JSONValue":
            if let values = parameter.allowedValues, !values.isEmpty {
                lines.append("check.allowed(\(property), \(wire), in: [\(values.map(Self.jsonLiteral).joined(separator: ", "))])")
            }
        default: break
        }
        // An array's Swift type is `[Element]`; an object without properties is `[String: JSONValue]`.
        let isArray = type.hasPrefix("[") && !type.hasPrefix("[String:")
        if isEnum || (isArray && parameter.items.map { Self.enumRawType($0) != nil && !($0.allowedValues ?? []).isEmpty } == true) {
            lines.append("check.allowed(\(property), \(wire))")
        }
        if isArray, parameter.minItems != nil || parameter.maxItems != nil {
            let bounds = [parameter.minItems.map { "min: \($0)" }, parameter.maxItems.map { "max: \($0)" }].compactMap { $0 }.joined(separator: ", ")
            lines.append("check.count(\(property), \(wire), \(bounds))")
        }
        if let depth = Self.structNesting(parameter, depth: depth) {
            // The parameter is a generated struct (depth 0) or arrays of one: validate each.
            var expression = "\(property).validate()"
            if depth >= 1 {
                var inner = "$0.validate()"
                for _ in 1..<depth { inner = "$0.flatMap { \(inner) }" }
                expression = "\(property).map { \(inner) }"
            }
            lines.append(parameter.isRequired ? "check.nested(\(wire), \(expression))" : "if let \(property) { check.nested(\(wire), \(expression)) }")
        }
        for condition in parameter.conditions {
            lines += conditionChecks(condition, parameter: parameter, property: property, siblings: siblings)
        }
        return lines
    }

    /// How deep a generated struct sits in a parameter's Swift type: 0 when the parameter is a
    /// struct, 1 for an array of structs, 2 for an array of arrays, ...; nil when its type holds
    /// none. Mirrors ``swiftType(_:model:wirePrefix:namespace:enums:structs:typeBase:)``: a struct
    /// is made only for an `object` with properties that is not an enum (a `json` or `dict`
    /// spelling with properties stays a `JSONValue`, and gets no nested check).
    static func structNesting(_ parameter: Parameter, depth: Int) -> Int? {
        if let values = parameter.allowedValues, !values.isEmpty, enumRawType(parameter) != nil { return nil }
        switch parameter.effectiveType {
        case .object: return parameter.properties?.isEmpty == false && depth < maxNestingDepth ? 0 : nil
        case .array: return parameter.items.flatMap { structNesting($0, depth: depth) }.map { $0 + 1 }
        default: return nil
        }
    }

    /// How many levels of nested structs a parameter table may have; deeper objects are JSON values.
    static let maxNestingDepth = 6

    /// The default the gateway applies when a parameter is not sent: the catalog's, unless it is
    /// absent, `null` or not a finite JSON value.
    static func effectiveDefault(_ parameter: Parameter) -> JSONValue? {
        guard let value = parameter.defaultValue, value != .null else { return nil }
        if case .number(let number) = value, !number.isFinite { return nil }
        return value
    }

    func conditionChecks(_ condition: ParameterCondition, parameter: Parameter, property: String, siblings: [String: (String, Parameter)]) -> [String] {
        var lines: [String] = []
        let wire = SwiftLiteral.string(parameter.name)
        // Conditions are evaluated against the effective value, the one set or else the catalog's
        // default, as the gateway does: a requirement met by a default is met, and a `when` test
        // on an unset parameter tests its default. Validation never refuses what the gateway takes.
        for other in condition.requires {
            guard let (otherProperty, otherParameter) = siblings[other], !otherParameter.isRequired, other != parameter.name,
                Self.effectiveDefault(otherParameter) == nil
            else { continue }
            lines.append("check.requires(\(wire), \(property), \(SwiftLiteral.string(other)), isSet: \(otherProperty) != nil)")
        }
        for other in condition.excludes {
            guard let (otherProperty, otherParameter) = siblings[other], other != parameter.name else { continue }
            let isSet = otherParameter.isRequired ? "true" : "\(otherProperty) != nil"
            lines.append("check.excludes(\(wire), \(property), \(SwiftLiteral.string(other)), isSet: \(isSet))")
        }
        if !condition.when.isEmpty {
            var tests: [String] = []
            for key in condition.when.keys.sorted() {
                guard let (otherProperty, otherParameter) = siblings[key] else { return lines }
                let options: [JSONValue]
                if case .array(let values) = condition.when[key]! { options = values } else { options = [condition.when[key]!] }
                let list = "[" + options.map(Self.jsonLiteral).joined(separator: ", ") + "]"
                if let fallback = Self.effectiveDefault(otherParameter), !otherParameter.isRequired {
                    tests.append("check.matches(\(otherProperty), default: \(Self.jsonLiteral(fallback)), \(list))")
                } else {
                    tests.append("check.matches(\(otherProperty), \(list))")
                }
            }
            let clause = Self.whenDescription(condition.when)
            switch condition.required {
            case true?:
                if !parameter.isRequired {
                    lines.append("check.when(\(tests.joined(separator: " && ")), \(SwiftLiteral.string(clause)), \(wire), \(property), required: true)")
                }
            case false?:
                lines.append("check.when(\(tests.joined(separator: " && ")), \(SwiftLiteral.string(clause)), \(wire), \(property), required: false)")
            case nil:
                if !parameter.isRequired {
                    lines.append("check.when(!(\(tests.joined(separator: " && "))), \(SwiftLiteral.string("not " + clause)), \(wire), \(property), required: false)")
                }
            }
        }
        return lines
    }

    static func intBounds(_ minimum: NumberLiteral?, _ maximum: NumberLiteral?, of parameter: Parameter?) -> String {
        let minimum = parameter?.minimum ?? minimum
        let maximum = parameter?.maximum ?? maximum
        var out = ""
        if let minimum, minimum.isFinite, let value = Int(exactly: minimum.doubleValue.rounded(.up)) { out += ", min: \(value)" }
        if let maximum, maximum.isFinite, let value = Int(exactly: maximum.doubleValue.rounded(.down)) { out += ", max: \(value)" }
        return out
    }

    static func doubleBounds(_ parameter: Parameter?) -> String {
        var out = ""
        // A bound past Double's range (`1e400`) bounds nothing.
        if let minimum = parameter?.minimum, minimum.isFinite, minimum.doubleValue.isFinite { out += ", min: \(doubleLiteral(minimum))" }
        if let maximum = parameter?.maximum, maximum.isFinite, maximum.doubleValue.isFinite { out += ", max: \(doubleLiteral(maximum))" }
        return out
    }

    /// A Swift floating-point literal for an exact number (JSON number text is valid Swift; a
    /// number past Double's range, which Swift refuses as a literal, is spelled as the infinity it
    /// reads as).
    static func doubleLiteral(_ number: NumberLiteral) -> String {
        let value = number.doubleValue
        if value.isInfinite { return value < 0 ? "-Double.infinity" : "Double.infinity" }
        return number.isIntegerLiteral ? number.text + ".0" : number.text
    }

    /// A `JSONValue` literal. Numbers keep their exact text: those that no Swift literal can hold
    /// (an integer past `Int`, a float past `Double`) are spelled through `NumberLiteral`.
    static func jsonLiteral(_ value: JSONValue) -> String {
        switch value {
        case .null: return "nil"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { return "nil" }
            if number.isIntegerLiteral ? Int(number.text) != nil : number.doubleValue.isFinite {
                return number.text
            }
            return ".number(NumberLiteral(\(SwiftLiteral.string(number.text)))!)"
        case .string(let string): return SwiftLiteral.string(string)
        case .array(let items): return "[" + items.map(jsonLiteral).joined(separator: ", ") + "]"
        case .object(let object):
            if object.isEmpty { return "[:]" }
            return "[" + object.keys.sorted().map { SwiftLiteral.string($0) + ": " + jsonLiteral(object[$0]!) }.joined(separator: ", ") + "]"
        }
    }

    // MARK: Registry

    func registry(typeNames: [String], models: [Model]) -> RegistryView {
        func entries(_ names: [String]) -> [RegistryEntryView] {
            names.enumerated().map { RegistryEntryView(typeName: $0.element, isLast: $0.offset == names.count - 1) }
        }
        let lists = Endpoint.known.compactMap { endpoint -> EndpointListView? in
            guard let protocolName = Self.endpointProtocols[endpoint], let member = Self.endpointMembers[endpoint] else { return nil }
            let names = zip(models, typeNames).filter { $0.0.endpoints.contains(endpoint) }.map(\.1)
            return EndpointListView(
                docComment: ["/// Every model that accepts `POST \(endpoint.rawValue)`."], name: member + "Models",
                protocolName: protocolName, models: entries(names), isEmpty: names.isEmpty)
        }
        return RegistryView(header: header, imports: options.imports(reexportingRuntime: true), access: access, models: entries(typeNames), endpointLists: lists)
    }

    // MARK: Endpoints

    static let endpointProtocols: [Endpoint: String] = [
        .chatCompletions: "ChatCompletionsModel", .completions: "CompletionsModel", .responses: "ResponsesModel",
        .messages: "MessagesModel", .embeddings: "EmbeddingsModel", .reranks: "RerankModel",
        .imageGenerations: "ImageGenerationModel", .imageEdits: "ImageEditModel", .imageAnalysis: "ImageAnalysisModel",
        .videoGenerations: "VideoGenerationModel", .speech: "SpeechModel", .speechStream: "SpeechStreamModel",
        .audioGenerations: "AudioGenerationModel", .transcriptions: "TranscriptionModel", .search: "SearchModel",
        .research: "ResearchModel", .answer: "AnswerModel", .agentsRun: "AgentModel",
        .threeDGenerations: "ThreeDGenerationModel", .detect: "DetectionModel", .filesUpload: "FileUploadModel",
    ]

    /// The `EndpointPath` static member for each known endpoint.
    static let endpointMembers: [Endpoint: String] = [
        .chatCompletions: "chatCompletions", .completions: "completions", .responses: "responses", .messages: "messages",
        .embeddings: "embeddings", .reranks: "reranks", .imageGenerations: "imageGenerations", .imageEdits: "imageEdits",
        .imageAnalysis: "imageAnalysis", .videoGenerations: "videoGenerations", .speech: "speech",
        .speechStream: "speechStream", .audioGenerations: "audioGenerations", .transcriptions: "transcriptions",
        .search: "search", .research: "research", .answer: "answer", .agentsRun: "agentsRun",
        .threeDGenerations: "threeDGenerations", .detect: "detect", .filesUpload: "filesUpload",
    ]

    // MARK: Diagnostics

    mutating func warn(_ message: String, model: String, parameter: String? = nil) {
        diagnostics.append(Diagnostic(.warning, message, path: "", model: model, parameter: parameter))
    }
}
