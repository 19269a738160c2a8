import EmpirioCatalog
import EmpirioDocument

/// A namespace that types are declared in: the model's (for the root table's enums and structs,
/// which users name `Model.Quality`) or a nested struct's (for its own table's). It takes the
/// names and collects the declarations.
struct TypeScope {
    /// The qualified Swift name of the namespace (`DeepseekV4Pro`, `DeepseekV4Pro.Messages`).
    let owner: String
    /// The type names taken in it, case-insensitively: they become file names.
    var names: NameAllocator
    /// The types declared in it, in order.
    var types: [TypeDecl] = []

    /// An empty namespace; `name`, the namespace's own simple name, is taken.
    init(owner: String, reserving name: String) {
        self.owner = owner
        names = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union([name]), ignoringCase: true)
    }
}

/// Where a parameter table sits in the model's table: the prefix of its parameters' diff paths
/// (`""` at the root, `a.b.` inside) and how many structs deep it is.
struct TablePlace {
    var wirePrefix: String
    var depth: Int

    static let root = TablePlace(wirePrefix: "", depth: 0)

    /// The place of the table of the object at `path`.
    func inside(_ path: String) -> TablePlace { TablePlace(wirePrefix: path + ".", depth: depth + 1) }
}

/// A declared struct's table as the type pass resolved it: what its property doc comments and
/// checks are made from. The parameters are in property order (duplicates dropped).
struct ResolvedTable {
    var parameters: [Parameter]
    var runtimeTyped: [String: ModelBuilder.RuntimeTyped]
}

extension ModelBuilder {
    // MARK: The type pass

    /// The types of the model's namespace (`Parameters` first), with the symbol table and the
    /// table of each struct; no doc comments on properties and no checks yet.
    mutating func declareTypes(_ model: Model) -> [TypeDecl] {
        begin(model)
        var namespace = TypeScope(owner: typeName, reserving: typeName)
        var parameters = structDecl(
            name: "Parameters", qualifiedName: "\(typeName).Parameters", parameters: Self.generatedTable(model),
            place: .root,
            runtimeTyped: Self.runtimeTyped(model), types: &namespace)
        parameters.doc = DocComment(["The parameters of `\(Self.docSafe(model.id))`, encoded under their wire names."])
        return [TypeDecl.structure(parameters)] + namespace.types
    }

    /// The parameter table as generated: the payload a text endpoint carries itself is optional
    /// (``relaxingPayload(_:)``), and `stream` is left out where the client decides streaming.
    static func generatedTable(_ model: Model) -> [Parameter] {
        var table = relaxingPayload(model)
        if model.endpoints.contains(where: { $0.spec?.streaming == .onRequest }) {
            table.removeAll { $0.name == "stream" && !$0.isRequired }
        }
        return table
    }

    /// The payload a text endpoint carries itself (`messages`, `prompt`, `input`, `system`) is
    /// optional in `Parameters` of models that accept text endpoints: each endpoint needs a
    /// different one, and the client's typed methods take it as an argument. It stays a typed
    /// property, so it can still be set there.
    static func relaxingPayload(_ model: Model) -> [Parameter] {
        var names: Set<String> = []
        if model.endpoints.contains(where: { $0.spec?.family == .text }) { names.formUnion(payloadNames) }
        // An endpoint that takes an upload or a URL (a transcription): either may be missing.
        if model.endpoints.contains(where: { $0.spec?.body == .jsonOrMultipart }) {
            names.formUnion(["file_url", "file"])
        }
        guard !names.isEmpty else { return model.parameters }
        return model.parameters.map { parameter in
            guard parameter.isRequired, names.contains(parameter.name) else { return parameter }
            var relaxed = parameter
            relaxed.isRequired = false
            relaxed.description =
                (parameter.description.map { $0 + "\n\n" } ?? "")
                + "Required by the endpoint; the client's typed methods take it as an argument, so it is optional here."
            return relaxed
        }
    }

    static let payloadNames: Set<String> = ["messages", "prompt", "input", "system"]

    /// Parameters of the text endpoints that the runtime has typed values for: `tools` (an
    /// array) is `[Tool]`, `tool_choice` (a string or an object) is `ToolChoice`, an object
    /// `response_format` is `ResponseFormat`, a chat model's `messages` is `[ChatMessage]`, a
    /// messages-only model's `[MessageParam]`, and a list `input` of a responses model is
    /// `[ResponseInputItem]`. A model with `tools` conforms to
    /// `ToolCallingModel`, one whose `response_format` takes `json_schema` to
    /// `StructuredOutputModel`: the runtime's tool and structured-output calls take only those.
    enum RuntimeTyped: Hashable {
        case tools, toolChoice, responseFormat, chatMessages, messageParams, responseInput

        var swiftType: SwiftType {
            switch self {
            case .tools: return .array(.runtime("Tool"))
            case .chatMessages: return .array(.runtime("ChatMessage"))
            case .messageParams: return .array(.runtime("MessageParam"))
            case .responseInput: return .array(.runtime("ResponseInputItem"))
            case .toolChoice: return .runtime("ToolChoice")
            case .responseFormat: return .runtime("ResponseFormat")
            }
        }
    }

    /// The runtime-typed parameters of a model with an endpoint that takes tools (the table's
    /// ``EndpointSpec/takesTools``), by wire name.
    static func runtimeTyped(_ model: Model) -> [String: RuntimeTyped] {
        guard model.endpoints.contains(where: { $0.spec?.takesTools == true }) else { return [:] }
        var typed: [String: RuntimeTyped] = [:]
        for parameter in model.parameters where typed[parameter.name] == nil {
            let type = parameter.effectiveType
            switch parameter.name {
            case "tools" where type == .array:
                typed[parameter.name] = .tools
            case "tool_choice"
            where (type == .string || type == .object || type == .json)
                && (parameter.allowedValues ?? []).allSatisfy({ $0.stringValue != nil || $0.objectValue != nil }):
                typed[parameter.name] = .toolChoice
            case "response_format" where type == .object || type == .json:
                typed[parameter.name] = .responseFormat
            // The conversation of a chat model: the runtime's messages (content parts, images,
            // tool calls and results), not a generated twin of them.
            case "messages" where type == .array && model.endpoints.contains(.chatCompletions):
                typed[parameter.name] = .chatMessages
            // A model reached only through the Anthropic shape: its content blocks.
            case "messages" where type == .array && model.endpoints.contains(.messages):
                typed[parameter.name] = .messageParams
            // A responses model whose catalog lists `input` as a list: the input items.
            case "input" where type == .array && model.endpoints.contains(.responses):
                typed[parameter.name] = .responseInput
            default: break
            }
        }
        return typed
    }

    // MARK: Structs

    /// A struct for a parameter table, without property doc comments or checks (the second
    /// pass adds them from ``tables``). Its enums and structs are declared in `types`: the
    /// model's namespace for the root table, the struct's own for a nested one.
    mutating func structDecl(
        name: String, qualifiedName: String, parameters allParameters: [Parameter], place: TablePlace,
        runtimeTyped: [String: RuntimeTyped] = [:], types: inout TypeScope
    ) -> StructDecl {
        var seenWire = Set<String>()
        let parameters = allParameters.filter { seenWire.insert($0.name).inserted }
        var members = NameAllocator()
        var properties: [PropertyDecl] = []
        for parameter in parameters {
            let path = place.wirePrefix + parameter.name
            let property = propertyName(parameter, path: path, in: &members)
            let type =
                runtimeTyped[parameter.name]?.swiftType ?? swiftType(parameter, path: path, place: place, types: &types)
            symbols.properties[path] = "\(qualifiedName).\(Self.bare(property))"
            properties.append(
                PropertyDecl(
                    name: property, bareName: Self.bare(property), wireName: parameter.name, type: type,
                    isOptional: !parameter.isRequired, doc: DocComment(),
                    deprecation: parameter.deprecation.map { $0.message ?? "" }))
        }
        tables[qualifiedName] = ResolvedTable(parameters: parameters, runtimeTyped: runtimeTyped)
        return StructDecl(
            name: name, doc: DocComment(), conformances: ["ModelParameters"], properties: properties, checks: [],
            nested: [])
    }

    static func bare(_ identifier: String) -> String { SwiftNaming.bare(identifier) }

    /// The Swift type of a parameter (without the optional mark), declaring enums and nested
    /// structs in `types` as needed. `path` is the parameter's diff path (`a`, `a.b`, `a[]`);
    /// `typeBase`, the name its type is based on when not its own (an array's items).
    mutating func swiftType(
        _ parameter: Parameter, path: String, typeBase: String? = nil, place: TablePlace, types: inout TypeScope
    ) -> SwiftType {
        if let values = parameter.allowedValues, !values.isEmpty, let rawType = Self.enumRawType(parameter) {
            let base = typeBase ?? SwiftNaming.nestedTypeName(parameter.name)
            let name = allocateType(
                base, parameter: parameter, place: place, in: &types, companion: EnumDecl.valuesSuffix)
            symbols.types[path] = "\(types.owner).\(name)"
            types.types.append(
                .enumeration(
                    enumDecl(
                        name: name, qualifiedName: "\(types.owner).\(name)", rawType: rawType, parameter: parameter,
                        place: place, path: path)))
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
            return .array(
                swiftType(
                    item, path: path + "[]", typeBase: SwiftNaming.itemTypeName(parameter.name), place: place,
                    types: &types))
        case .object:
            guard let properties = parameter.properties, !properties.isEmpty else { return .jsonObject }
            // Compile cost grows with nesting: past the cap, an object stays a JSON value.
            if place.depth >= Self.maxNestingDepth {
                warn(
                    "objects nest deeper than \(Self.maxNestingDepth) levels here; \(DocumentNode.quoteForMessage(parameter.name)) is generated as [String: JSONValue], without a struct or nested checks",
                    parameter: place.wirePrefix + parameter.name)
                return .jsonObject
            }
            let base = typeBase ?? SwiftNaming.nestedTypeName(parameter.name)
            let name = allocateType(base, parameter: parameter, place: place, in: &types)
            let qualifiedName = "\(types.owner).\(name)"
            symbols.types[path] = qualifiedName
            var inner = TypeScope(owner: qualifiedName, reserving: name)
            var decl = structDecl(
                name: name, qualifiedName: qualifiedName, parameters: properties, place: place.inside(path),
                types: &inner)
            decl.doc = DocComment([parameter.description ?? ""])
            if decl.doc.isEmpty { decl.doc = DocComment(["The `\(Self.docSafe(parameter.name))` object."]) }
            decl.nested = inner.types
            types.types.append(.structure(decl))
            return .structure(name)
        case .json, .other, .enumeration:
            return .json
        }
    }

    // MARK: Enums

    /// `String`, `Int` or `Double` when every allowed value fits one of them; nil for a mix
    /// (then the parameter is a `JSONValue` checked against the list).
    static func enumRawType(_ parameter: Parameter) -> SwiftType? {
        guard let values = parameter.allowedValues else { return nil }
        if values.allSatisfy({ $0.stringValue != nil }) { return .string }
        let numbers = values.compactMap(\.numberValue)
        guard numbers.count == values.count, numbers.allSatisfy(\.isFinite) else { return nil }
        if parameter.type != .number && numbers.allSatisfy({ $0.isIntegerLiteral && $0.intValue != nil }) {
            return .int
        }
        return .double
    }

    mutating func enumDecl(
        name: String, qualifiedName: String, rawType: SwiftType, parameter: Parameter, place: TablePlace, path: String
    ) -> EnumDecl {
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
            let swiftCase = caseName(
                value, raw: raw, literal: literal, parameter: parameter, place: place, in: &allocator)
            caseSymbols[value.stringValue ?? value.numberValue?.text ?? value.compactJSON] =
                "\(qualifiedName).\(Self.bare(swiftCase))"
            cases.append(
                EnumCaseDecl(
                    name: swiftCase, literal: literal, doc: DocComment(["`\(Self.docSafe(value.compactJSON))`"])))
        }
        symbols.cases[path] = caseSymbols
        return EnumDecl(
            name: name,
            doc: DocComment([
                "The values the catalog allows for `\(Self.docSafe(place.wirePrefix + parameter.name))`; a value it does not list is `.other`."
            ]),
            rawType: rawType, cases: cases)
    }
}
