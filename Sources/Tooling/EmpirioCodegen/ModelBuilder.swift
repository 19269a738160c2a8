import EmpirioCatalog
import EmpirioDocument

/// One model's declarations: its namespace enum, `Parameters`, the nested types, the checks and
/// the symbol table. Independent of every other model, so models are built in parallel.
struct ModelBuilder {
    let options: GenerationOptions
    let typeName: String
    private(set) var diagnostics: [Diagnostic] = []
    private var symbols = SymbolTable()
    private var modelID = ""
    /// Builds the names only, for `empirio diff`: no doc comments and no checks (neither can
    /// change a name, and they are most of the work).
    var symbolsOnly = false

    init(options: GenerationOptions, typeName: String) {
        self.options = options
        self.typeName = typeName
    }

    /// How many levels of nested structs a parameter table may have; deeper objects are JSON values.
    static let maxNestingDepth = 6

    mutating func build(_ model: Model) -> ModelDecl {
        modelID = model.id
        symbols = SymbolTable(model: model.id)
        let runtimeTyped = Self.runtimeTyped(model)
        var namespace = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union([typeName]), ignoringCase: true)
        var topLevel: [TypeDecl] = []
        var parameters = structDecl(
            name: "Parameters", qualifiedName: "\(typeName).Parameters",
            doc: DocComment(["The parameters of `\(Self.docSafe(model.id))`, encoded under their wire names."]),
            parameters: Self.generatedTable(model), wirePrefix: "", isRoot: true, namespace: &namespace,
            outer: &topLevel, runtimeTyped: runtimeTyped)
        parameters.conformances = ["ModelParameters"]
        let endpoints = model.endpoints.filter(\.isKnown)
        let protocols = ["CatalogModel"] + endpoints.compactMap { DeclarationBuilder.endpointProtocols[$0] }
            + (runtimeTyped["tools"] == .tools ? ["ToolCallingModel"] : [])
            + (Self.acceptsJSONSchema(model, runtimeTyped: runtimeTyped) ? ["StructuredOutputModel"] : [])
        let members = [TypeDecl.structure(parameters)] + topLevel
        if symbolsOnly {
            // Neither the doc comment nor the metadata (its prices parsed) names a symbol.
            return ModelDecl(
                id: model.id, typeName: typeName, fileName: "", doc: DocComment(), conformances: protocols,
                metadata: Self.noMetadata, aliases: [], members: members, symbols: symbols)
        }
        var doc = DocComment([model.name.map { "\($0) (`\(model.id)`)." } ?? "`\(model.id)`."])
        doc.append(model.description ?? "")
        var facts: [String] = []
        if let category = model.category { facts.append("Category `\(category)`.") }
        if !endpoints.isEmpty { facts.append("Endpoints: " + endpoints.map { "`POST \($0.rawValue)`" }.joined(separator: ", ") + ".") }
        if let window = model.contextWindow { facts.append("Context window: \(window) tokens.") }
        doc.appendLines(facts.flatMap(SwiftLiteral.docLines))
        return ModelDecl(
            id: model.id, typeName: typeName, fileName: Generator.fileName(for: typeName), doc: doc, conformances: protocols,
            metadata: metadata(model), aliases: [], members: members, symbols: symbols)
    }

    /// Extensions in declaration order: the members of `owner`, then for each struct among them
    /// its own nested types, depth first.
    static func layout(_ members: [TypeDecl], in owner: String) -> [ExtensionDecl] {
        var out: [ExtensionDecl] = []
        func visit(_ members: [TypeDecl], owner: String) {
            out.append(ExtensionDecl(owner: owner, members: members.map(\.withoutNested)))
            for case .structure(let decl) in members where !decl.nested.isEmpty {
                visit(decl.nested, owner: "\(owner).\(decl.name)")
            }
        }
        visit(members, owner: owner)
        return out
    }

    /// The parameter table as generated: the payload a text endpoint carries itself is optional
    /// (``relaxingPayload(_:)``), and `stream` is left out where the client decides streaming.
    static func generatedTable(_ model: Model) -> [Parameter] {
        var table = relaxingPayload(model)
        if !textEndpoints.isDisjoint(with: model.endpoints) {
            table.removeAll { $0.name == "stream" && !$0.isRequired }
        }
        return table
    }

    static let textEndpoints: Set<Endpoint> = [.chatCompletions, .completions, .responses, .messages]

    /// The payload a text endpoint carries itself (`messages`, `prompt`, `input`, `system`) is
    /// optional in `Parameters` of models that accept text endpoints: each endpoint needs a
    /// different one, and the client's typed methods take it as an argument. It stays a typed
    /// property, so it can still be set there.
    static func relaxingPayload(_ model: Model) -> [Parameter] {
        var names: Set<String> = []
        if !textEndpoints.isDisjoint(with: model.endpoints) { names.formUnion(payloadNames) }
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
    /// array) is `[Tool]`, `tool_choice` (a string or an object) is `ToolChoice`, an object
    /// `response_format` is `ResponseFormat`, and a chat model's `messages` is `[ChatMessage]`. A model with `tools` conforms to
    /// `ToolCallingModel`, one whose `response_format` takes `json_schema` to
    /// `StructuredOutputModel`: the runtime's tool and structured-output calls take only those.
    enum RuntimeTyped: Hashable {
        case tools, toolChoice, responseFormat, chatMessages

        var swiftType: SwiftType {
            switch self {
            case .tools: return .array(.runtime("Tool"))
            case .chatMessages: return .array(.runtime("ChatMessage"))
            case .toolChoice: return .runtime("ToolChoice")
            case .responseFormat: return .runtime("ResponseFormat")
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
            // The conversation of a chat model: the runtime's messages (content parts, images,
            // tool calls and results), not a generated twin of them.
            case "messages" where type == .array && model.endpoints.contains(.chatCompletions):
                typed[parameter.name] = .chatMessages
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
    func runtimeTypedChecks(_ kind: RuntimeTyped, parameter: Parameter, property: String, siblings: [String: (String, Parameter)]) -> [Check] {
        var checks: [Check] = []
        let wire = SwiftLiteral.string(parameter.name)
        switch kind {
        case .tools, .chatMessages:
            if parameter.minItems != nil || parameter.maxItems != nil {
                checks.append(.count(property: property, wire: wire, min: parameter.minItems, max: parameter.maxItems))
            }
        case .toolChoice:
            let modes = (parameter.allowedValues ?? []).compactMap(\.stringValue)
            if !modes.isEmpty { checks.append(.allowedModes(property: property, wire: wire, modes: modes.map(SwiftLiteral.string))) }
        case .responseFormat:
            let types = (parameter.properties?.first { $0.name == "type" }?.allowedValues ?? []).compactMap(\.stringValue)
            if !types.isEmpty { checks.append(.allowedTypes(property: property, wire: wire, types: types.map(SwiftLiteral.string))) }
        }
        for condition in parameter.conditions {
            checks += conditionChecks(condition, parameter: parameter, property: property, siblings: siblings)
        }
        return checks
    }

    /// The metadata of a symbols-only build: none.
    static let noMetadata = MetadataDecl(
        id: "", name: "", provider: "", category: "", summary: "", inputModalities: [], outputModalities: [], contextWindow: "",
        endpoints: [], features: [], pricing: [], supportsPassthrough: "", pricedParameters: [])

    func metadata(_ model: Model) -> MetadataDecl {
        func optional(_ value: String?) -> String { value.map(SwiftLiteral.string) ?? "nil" }
        return MetadataDecl(
            id: SwiftLiteral.string(model.id), name: optional(model.name), provider: optional(model.provider),
            category: optional(model.category), summary: optional(model.description),
            inputModalities: model.inputModalities.map(SwiftLiteral.string), outputModalities: model.outputModalities.map(SwiftLiteral.string),
            contextWindow: model.contextWindow.map(String.init) ?? "nil",
            endpoints: model.endpoints.filter(\.isKnown).map { DeclarationBuilder.endpointMembers[$0].map { ".\($0)" } ?? SwiftLiteral.string($0.rawValue) },
            features: model.features.map(SwiftLiteral.string),
            pricing: model.rates.map(PricingDecl.init),
            supportsPassthrough: model.supportsPassthrough.map { $0 ? "true" : "false" } ?? "nil",
            pricedParameters: model.pricedParameters.map(PricedParameterDecl.init))
    }

    // MARK: Structs

    /// A struct for a parameter table. Its enums and structs go into `outer` for the root table
    /// (the model's namespace), and inside the struct otherwise.
    mutating func structDecl(
        name: String, qualifiedName: String, doc: DocComment, parameters allParameters: [Parameter], wirePrefix: String,
        isRoot: Bool, namespace: inout NameAllocator, outer: inout [TypeDecl], depth: Int = 0,
        runtimeTyped: [String: RuntimeTyped] = [:]
    ) -> StructDecl {
        var seenWire = Set<String>()
        let parameters = allParameters.filter { seenWire.insert($0.name).inserted }
        var members = NameAllocator()
        var innerNamespace = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union([name]), ignoringCase: true)
        var inner: [TypeDecl] = []
        var resolved: [(parameter: Parameter, property: String, type: SwiftType)] = []
        // Types of the root table live in the model's namespace, where users name them (`Model.Quality`).
        let typeOwner = isRoot ? typeName : qualifiedName

        for parameter in parameters {
            let base = SwiftNaming.propertyName(parameter.name)
            let (property, collided) = members.allocate(base, for: parameter.name)
            if let collided {
                warn(
                    "parameter \(DocumentNode.quoteForMessage(parameter.name)) and \(DocumentNode.quoteForMessage(collided)) both become the Swift name \(base); this one is generated as \(property)",
                    parameter: wirePrefix + parameter.name)
            }
            let type: SwiftType
            if let typed = runtimeTyped[parameter.name] {
                type = typed.swiftType
            } else if isRoot {
                type = swiftType(parameter, wirePrefix: wirePrefix, path: wirePrefix + parameter.name, owner: typeOwner, namespace: &namespace, types: &outer, depth: depth)
            } else {
                type = swiftType(parameter, wirePrefix: wirePrefix, path: wirePrefix + parameter.name, owner: typeOwner, namespace: &innerNamespace, types: &inner, depth: depth)
            }
            symbols.properties[wirePrefix + parameter.name] = "\(qualifiedName).\(Self.bare(property))"
            resolved.append((parameter, property, type))
        }

        let properties = resolved.map { entry in
            PropertyDecl(
                name: entry.property, bareName: Self.bare(entry.property), wireName: entry.parameter.name, type: entry.type,
                isOptional: !entry.parameter.isRequired, doc: symbolsOnly ? DocComment() : propertyDoc(entry.parameter, property: entry.property),
                deprecation: entry.parameter.deprecation.map { $0.message ?? "" })
        }
        // The generated code reads and writes a deprecated property through its storage, so the
        // module itself never trips the warning its users get.
        let storage = Dictionary(properties.map { ($0.wireName, $0.deprecation == nil ? $0.name : $0.storage) }, uniquingKeysWith: { first, _ in first })
        var checks: [Check] = []
        let byName = Dictionary(resolved.map { ($0.parameter.name, (storage[$0.parameter.name]!, $0.parameter)) }, uniquingKeysWith: { first, _ in first })
        for entry in resolved where !symbolsOnly {
            let property = storage[entry.parameter.name]!
            if let typed = runtimeTyped[entry.parameter.name] {
                checks += runtimeTypedChecks(typed, parameter: entry.parameter, property: property, siblings: byName)
            } else {
                checks += self.checks(for: entry.parameter, property: property, type: entry.type, siblings: byName, depth: depth)
            }
        }
        return StructDecl(
            name: name, doc: doc, conformances: ["ModelParameters"], properties: properties, checks: checks,
            nested: inner)
    }

    static func bare(_ identifier: String) -> String { SwiftNaming.bare(identifier) }

    /// The Swift type of a parameter (without the optional mark), creating enums and nested
    /// structs as needed. `path` is the parameter's diff path (`a`, `a.b`, `a[]`).
    mutating func swiftType(
        _ parameter: Parameter, wirePrefix: String, path: String, owner: String, namespace: inout NameAllocator, types: inout [TypeDecl],
        typeBase: String? = nil, depth: Int = 0
    ) -> SwiftType {
        if let values = parameter.allowedValues, !values.isEmpty, let rawType = Self.enumRawType(parameter) {
            let base = typeBase ?? SwiftNaming.nestedTypeName(parameter.name)
            let name = allocateType(base, parameter: parameter, wirePrefix: wirePrefix, namespace: &namespace, companion: EnumDecl.valuesSuffix)
            symbols.types[path] = "\(owner).\(name)"
            types.append(.enumeration(enumDecl(name: name, qualifiedName: "\(owner).\(name)", rawType: rawType, parameter: parameter, wirePrefix: wirePrefix, path: path)))
            return .enumeration(name)
        }
        switch parameter.effectiveType {
        case .string: return .string
        case .integer: return .int
        case .number: return .double
        case .boolean: return .bool
        case .array:
            guard let items = parameter.items else { return .array(.json) }
            var item = items
            item.name = parameter.name
            let element = swiftType(
                item, wirePrefix: wirePrefix, path: path + "[]", owner: owner, namespace: &namespace, types: &types,
                typeBase: SwiftNaming.itemTypeName(parameter.name), depth: depth)
            return .array(element)
        case .object:
            guard let properties = parameter.properties, !properties.isEmpty else { return .jsonObject }
            // Compile cost grows with nesting: past the cap, an object stays a JSON value.
            if depth >= Self.maxNestingDepth {
                warn(
                    "objects nest deeper than \(Self.maxNestingDepth) levels here; \(DocumentNode.quoteForMessage(parameter.name)) is generated as [String: JSONValue], without a struct or nested checks",
                    parameter: wirePrefix + parameter.name)
                return .jsonObject
            }
            let base = typeBase ?? SwiftNaming.nestedTypeName(parameter.name)
            let name = allocateType(base, parameter: parameter, wirePrefix: wirePrefix, namespace: &namespace)
            var unused: [TypeDecl] = []
            var doc = DocComment([parameter.description ?? ""])
            if doc.isEmpty { doc = DocComment(["The `\(Self.docSafe(parameter.name))` object."]) }
            symbols.types[path] = "\(owner).\(name)"
            let decl = structDecl(
                name: name, qualifiedName: "\(owner).\(name)", doc: doc, parameters: properties, wirePrefix: path + ".",
                isRoot: false, namespace: &namespace, outer: &unused, depth: depth + 1)
            types.append(.structure(decl))
            return .structure(name)
        case .json, .other, .enumeration:
            return .json
        }
    }

    mutating func allocateType(
        _ base: String, parameter: Parameter, wirePrefix: String, namespace: inout NameAllocator, companion: String? = nil
    ) -> String {
        let (name, collided) = namespace.allocate(base, for: parameter.name, withCompanion: companion)
        if let collided {
            warn(
                "the type name \(base) for \(DocumentNode.quoteForMessage(parameter.name)) is already taken by \(DocumentNode.quoteForMessage(collided)); generated as \(name)",
                parameter: wirePrefix + parameter.name)
        }
        return name
    }

    /// `String`, `Int` or `Double` when every allowed value fits one of them; nil for a mix
    /// (then the parameter is a `JSONValue` checked against the list).
    static func enumRawType(_ parameter: Parameter) -> SwiftType? {
        guard let values = parameter.allowedValues else { return nil }
        if values.allSatisfy({ $0.stringValue != nil }) { return .string }
        let numbers = values.compactMap(\.numberValue)
        guard numbers.count == values.count, numbers.allSatisfy(\.isFinite) else { return nil }
        if parameter.type != .number && numbers.allSatisfy({ $0.isIntegerLiteral && $0.intValue != nil }) { return .int }
        return .double
    }

    mutating func enumDecl(name: String, qualifiedName: String, rawType: SwiftType, parameter: Parameter, wirePrefix: String, path: String) -> EnumDecl {
        var allocator = NameAllocator()
        var seenRaw = Set<String>()
        var cases: [EnumCaseDecl] = []
        var caseSymbols: [String: String] = [:]
        for value in parameter.allowedValues ?? [] {
            let literal: String
            let raw: String
            switch (rawType, value) {
            case (.string, .string(let string)):
                literal = SwiftLiteral.string(string)
                raw = string
            case (.int, .number(let number)):
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
                    parameter: wirePrefix + parameter.name)
            }
            caseSymbols[value.stringValue ?? value.numberValue?.text ?? value.compactJSON] = "\(qualifiedName).\(Self.bare(caseName))"
            cases.append(EnumCaseDecl(name: caseName, literal: literal, doc: DocComment(["`\(Self.docSafe(value.compactJSON))`"])))
        }
        symbols.cases[path] = caseSymbols
        return EnumDecl(
            name: name, doc: DocComment(["The values the catalog allows for `\(Self.docSafe(wirePrefix + parameter.name))`; a value it does not list is `.other`."]),
            rawType: rawType, cases: cases)
    }

    // MARK: Doc comments

    func propertyDoc(_ parameter: Parameter, property: String) -> DocComment {
        var doc = DocComment([parameter.description ?? ""])
        var facts: [String] = []
        if Self.bare(property) != parameter.name { facts.append("Wire name `\(Self.docSafe(parameter.name))`.") }
        if parameter.isRequired { facts.append("Required.") }
        if let value = parameter.defaultValue, value != .null { facts.append("Default `\(Self.docSafe(value.compactJSON))`.") }
        switch (parameter.minimum, parameter.maximum) {
        case (let minimum?, let maximum?): facts.append("Range `\(minimum)...\(maximum)`.")
        case (let minimum?, nil): facts.append("At least `\(minimum)`.")
        case (nil, let maximum?): facts.append("At most `\(maximum)`.")
        case (nil, nil): break
        }
        if let values = parameter.allowedValues, !values.isEmpty {
            facts.append("Allowed: " + values.map { "`\(Self.docSafe($0.compactJSON))`" }.joined(separator: ", ") + ".")
        }
        if parameter.minItems != nil || parameter.maxItems != nil {
            facts.append("Items: " + [parameter.minItems.map { "at least \($0)" }, parameter.maxItems.map { "at most \($0)" }].compactMap { $0 }.joined(separator: ", ") + ".")
        }
        for condition in parameter.conditions {
            let description = Self.describe(condition)
            if !description.isEmpty { facts.append(description + ".") }
        }
        if let deprecation = parameter.deprecation { facts.append("Deprecated" + (deprecation.message.map { ": \($0)" } ?? ".")) }
        doc.appendLines(facts.flatMap(SwiftLiteral.docLines))
        return doc
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

    /// One line of text safe inside a doc comment.
    static func docSafe(_ text: String) -> String { SwiftLiteral.docLines(text).joined(separator: " ") }

    // MARK: Checks

    /// The `validate()` checks for one parameter, following its Swift type.
    func checks(for parameter: Parameter, property: String, type: SwiftType, siblings: [String: (String, Parameter)], depth: Int) -> [Check] {
        var checks: [Check] = []
        let wire = SwiftLiteral.string(parameter.name)
        switch type {
        case .int, .array(.int):
            let bounds = Self.intBounds(parameter.minimum, parameter.maximum, of: type == .int ? parameter : parameter.items)
            if bounds.min != nil || bounds.max != nil { checks.append(.range(property: property, wire: wire, min: bounds.min, max: bounds.max)) }
        case .double, .array(.double):
            let bounds = Self.doubleBounds(type == .double ? parameter : parameter.items)
            if bounds.min != nil || bounds.max != nil { checks.append(.range(property: property, wire: wire, min: bounds.min, max: bounds.max)) }
        case .json:
            if let values = parameter.allowedValues, !values.isEmpty {
                checks.append(.allowedValues(property: property, wire: wire, values: values.map(Self.jsonLiteral)))
            }
        default: break
        }
        switch type {
        case .enumeration, .array(.enumeration):
            checks.append(.allowedCases(property: property, wire: wire))
        default: break
        }
        if case .array = type, parameter.minItems != nil || parameter.maxItems != nil {
            checks.append(.count(property: property, wire: wire, min: parameter.minItems, max: parameter.maxItems))
        }
        // A generated struct, or arrays of them at any depth: the runtime validates each.
        if case .structure = type.innermost.element {
            checks.append(.nested(property: property, wire: wire))
        }
        for condition in parameter.conditions {
            checks += conditionChecks(condition, parameter: parameter, property: property, siblings: siblings)
        }
        return checks
    }

    /// The default the gateway applies when a parameter is not sent: the catalog's, unless it is
    /// absent, `null` or not a finite JSON value.
    static func effectiveDefault(_ parameter: Parameter) -> JSONValue? {
        guard let value = parameter.defaultValue, value != .null else { return nil }
        if case .number(let number) = value, !number.isFinite { return nil }
        return value
    }

    func conditionChecks(_ condition: ParameterCondition, parameter: Parameter, property: String, siblings: [String: (String, Parameter)]) -> [Check] {
        var checks: [Check] = []
        let wire = SwiftLiteral.string(parameter.name)
        // Conditions are evaluated against the effective value, the one set or else the catalog's
        // default, as the gateway does: a `when` test on an unset parameter tests its default, and
        // a requirement holds when the effective value is on (`true`, a non-zero number, a
        // non-empty string, array or object), so a default of `false` does not meet it.
        for other in condition.requires {
            guard let (otherProperty, otherParameter) = siblings[other], other != parameter.name else { continue }
            let fallback = otherParameter.isRequired ? nil : Self.effectiveDefault(otherParameter).map(Self.jsonLiteral)
            checks.append(.requires(property: property, wire: wire, other: SwiftLiteral.string(other), otherProperty: otherProperty, fallback: fallback))
        }
        for other in condition.excludes {
            guard let (otherProperty, otherParameter) = siblings[other], other != parameter.name else { continue }
            checks.append(.excludes(property: property, wire: wire, other: SwiftLiteral.string(other), otherProperty: otherParameter.isRequired ? nil : otherProperty))
        }
        if !condition.when.isEmpty {
            var tests: [MatchTest] = []
            for key in condition.when.keys.sorted() {
                guard let (otherProperty, otherParameter) = siblings[key] else { return checks }
                let options: [JSONValue]
                if case .array(let values) = condition.when[key]! { options = values } else { options = [condition.when[key]!] }
                let list = "[" + options.map(Self.jsonLiteral).joined(separator: ", ") + "]"
                let fallback = otherParameter.isRequired ? nil : Self.effectiveDefault(otherParameter).map(Self.jsonLiteral)
                tests.append(MatchTest(property: otherProperty, fallback: fallback, values: list))
            }
            let clause = Self.whenDescription(condition.when)
            switch condition.required {
            case true?:
                if !parameter.isRequired {
                    checks.append(.when(tests: tests, negated: false, clause: SwiftLiteral.string(clause), property: property, wire: wire, required: true))
                }
            case false?:
                checks.append(.when(tests: tests, negated: false, clause: SwiftLiteral.string(clause), property: property, wire: wire, required: false))
            case nil:
                if !parameter.isRequired {
                    checks.append(.when(tests: tests, negated: true, clause: SwiftLiteral.string("not " + clause), property: property, wire: wire, required: false))
                }
            }
        }
        return checks
    }

    static func intBounds(_ minimum: NumberLiteral?, _ maximum: NumberLiteral?, of parameter: Parameter?) -> (min: String?, max: String?) {
        let minimum = parameter?.minimum ?? minimum
        let maximum = parameter?.maximum ?? maximum
        var out: (min: String?, max: String?) = (nil, nil)
        // An integer's own text when it fits (a Double would round `9007199254740993`).
        if let minimum, minimum.isFinite, let value = Int(minimum.text) ?? Int(exactly: minimum.doubleValue.rounded(.up)) { out.min = String(value) }
        if let maximum, maximum.isFinite, let value = Int(maximum.text) ?? Int(exactly: maximum.doubleValue.rounded(.down)) { out.max = String(value) }
        return out
    }

    static func doubleBounds(_ parameter: Parameter?) -> (min: String?, max: String?) {
        var out: (min: String?, max: String?) = (nil, nil)
        // A bound past Double's range (`1e400`) bounds nothing.
        if let minimum = parameter?.minimum, minimum.isFinite, minimum.doubleValue.isFinite { out.min = doubleLiteral(minimum, rounding: .up) }
        if let maximum = parameter?.maximum, maximum.isFinite, maximum.doubleValue.isFinite { out.max = doubleLiteral(maximum, rounding: .down) }
        return out
    }

    /// A Swift floating-point literal for an exact number, one the compiler takes without a
    /// warning. JSON number text is valid Swift, except that a number past Double's range is
    /// refused (spelled as the infinity it reads as), and one below the smallest normal Double
    /// warns that it "underflows and loses precision" (in decimal and in hexadecimal): a
    /// subnormal is spelled by its bits (`Double(bitPattern: 0x3)`; `5e-324` is
    /// `Double.leastNonzeroMagnitude`), and a number too small for any Double as `0.0`, or, for a
    /// bound that must not move past it (`rounding`), as the nearest subnormal on its side.
    static func doubleLiteral(_ number: NumberLiteral, rounding: FloatingPointRoundingRule = .toNearestOrEven) -> String {
        let value = number.doubleValue
        if value.isInfinite { return value < 0 ? "-Swift.Double.infinity" : "Swift.Double.infinity" }
        if let exact = subnormalLiteral(number, rounding: rounding) { return exact }
        return number.isIntegerLiteral ? number.text + ".0" : number.text
    }

    /// The spelling of a number whose decimal text would warn as a `Double` literal (it is
    /// subnormal, or not zero but reads as zero); nil for every other number.
    static func subnormalLiteral(_ number: NumberLiteral, rounding: FloatingPointRoundingRule = .toNearestOrEven) -> String? {
        var value = number.doubleValue
        guard value.isFinite else { return nil }
        let isZeroText = !number.text.prefix { $0 != "e" && $0 != "E" }.contains { $0 >= "1" && $0 <= "9" }
        if value == 0 {
            if isZeroText { return nil }
            let negative = number.text.hasPrefix("-")
            switch (rounding, negative) {
            case (.up, false), (.down, true): value = negative ? -Double.leastNonzeroMagnitude : Double.leastNonzeroMagnitude
            default: return negative ? "-0.0" : "0.0"
            }
        }
        guard value.isSubnormal else { return nil }
        // Every subnormal literal warns, in decimal or in hexadecimal, except the least one.
        if value.magnitude == Double.leastNonzeroMagnitude { return (value.sign == .minus ? "-" : "") + "Swift.Double.leastNonzeroMagnitude" }
        return "Swift.Double(bitPattern: 0x" + String(value.bitPattern, radix: 16, uppercase: true) + ")"
    }

    /// A `JSONValue` literal. Numbers keep their exact text: those that no Swift literal can hold
    /// without loss or a warning (an integer past `Int`, a float past `Double` or below its
    /// normal range) are spelled through `NumberLiteral`.
    static func jsonLiteral(_ value: JSONValue) -> String {
        switch value {
        case .null: return "nil"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { return "nil" }
            if number.isIntegerLiteral ? Int(number.text) != nil : number.doubleValue.isFinite && subnormalLiteral(number) == nil {
                return number.text
            }
            return ".number(EmpirioRuntime.NumberLiteral(\(SwiftLiteral.string(number.text)))!)"
        case .string(let string): return SwiftLiteral.string(string)
        case .array(let items): return "[" + items.map(jsonLiteral).joined(separator: ", ") + "]"
        case .object(let object):
            if object.isEmpty { return "[:]" }
            return "[" + object.keys.sorted().map { SwiftLiteral.string($0) + ": " + jsonLiteral(object[$0]!) }.joined(separator: ", ") + "]"
        }
    }

    // MARK: Diagnostics

    mutating func warn(_ message: String, parameter: String? = nil) {
        diagnostics.append(DeclarationBuilder.warning(message, model: modelID, parameter: parameter))
    }
}

extension TypeDecl {
    /// The declaration without the types nested in it (those are laid out in their own extension).
    var withoutNested: TypeDecl {
        guard case .structure(var decl) = self else { return self }
        decl.nested = []
        return .structure(decl)
    }
}
