import EmpirioDocument
import EmpirioPricing

/// Turns a located document tree into a ``Catalog``, collecting located diagnostics.
///
/// Accepts every shape of `docs/catalog-format.md`: the list envelope, a bare array, a single
/// model, `{"data": MODEL}`, parameters as a list or a map under either key, the alias
/// spellings, the older `capabilities` / `served_from` / `default_params`, and both OpenRouter
/// shapes (see `CatalogDecoder+OpenRouter.swift`). Decoding goes on after a fault so that one
/// run reports every fault.
struct CatalogDecoder {
    let file: String?
    private(set) var diagnostics: [Diagnostic] = []
    /// For each error confined to one model (found while decoding that model), what lenient
    /// loading leaves out: the value at the error's path, or the whole model when it could not
    /// be read. Errors not in here (the document's shape) block loading in every mode.
    private(set) var confined: [Int: Confinement] = [:]

    enum Confinement {
        /// The decoder dropped the broken value and kept the rest of the model.
        case value
        /// The model itself could not be read and was dropped.
        case model(path: String)
    }

    init(file: String?) {
        self.file = file
    }

    // MARK: Diagnostics

    struct Subject {
        var model: String?
        var parameter: String?
    }

    mutating func report(
        _ severity: Diagnostic.Severity, _ message: String, at node: DocumentNode?, location: SourceLocation? = nil,
        path: DocumentPath, expected: String? = nil, found: String? = nil, subject: Subject = Subject()
    ) {
        diagnostics.append(
            Diagnostic(
                severity, message, file: file, location: location ?? node?.location, path: path.description,
                expected: expected, found: found, model: subject.model, parameter: subject.parameter))
    }

    /// An error for a value of the wrong kind: "expected X, found Y".
    mutating func mismatch(_ expected: String, _ node: DocumentNode, _ path: DocumentPath, _ subject: Subject) {
        let found = node.kindDescription
        report(
            .error, "expected \(expected), found \(found)", at: node, path: path, expected: expected, found: found,
            subject: subject)
    }

    // MARK: Typed fields

    /// A string; null reads as absent.
    mutating func string(_ node: DocumentNode, _ path: DocumentPath, _ subject: Subject) -> String? {
        switch node.value {
        case .string(let string): return string
        case .null: return nil
        default:
            mismatch("a string", node, path, subject)
            return nil
        }
    }

    mutating func strings(_ node: DocumentNode, _ path: DocumentPath, _ subject: Subject) -> [String] {
        switch node.value {
        case .null: return []
        case .string(let single): return [single]
        case .array(let items):
            var result: [String] = []
            for (offset, item) in items.enumerated() {
                if let string = string(item, path.index(offset), subject) { result.append(string) }
            }
            return result
        default:
            mismatch("an array of strings", node, path, subject)
            return []
        }
    }

    mutating func bool(_ node: DocumentNode, _ path: DocumentPath, _ subject: Subject) -> Bool? {
        switch node.value {
        case .bool(let bool): return bool
        case .null: return nil
        default:
            mismatch("a boolean", node, path, subject)
            return nil
        }
    }

    mutating func number(
        _ node: DocumentNode, _ path: DocumentPath, _ subject: Subject, allowNumericString: Bool = false
    ) -> NumberLiteral? {
        switch node.value {
        case .number(let number): return number
        case .null: return nil
        case .string(let string) where allowNumericString:
            if let number = NumberLiteral(string.trimmingSpaces) { return number }
            mismatch("a number or a decimal string", node, path, subject)
            return nil
        default:
            mismatch("a number", node, path, subject)
            return nil
        }
    }

    mutating func integer(_ node: DocumentNode, _ path: DocumentPath, _ subject: Subject) -> Int? {
        switch node.value {
        case .number(let number):
            if let value = number.intValue { return value }
            mismatch("an integer", node, path, subject)
            return nil
        case .null: return nil
        default:
            mismatch("an integer", node, path, subject)
            return nil
        }
    }

    // MARK: Document

    /// Decodes the whole document.
    mutating func decodeDocument(_ root: DocumentNode) -> Catalog {
        switch root.value {
        case .array(let items):
            return Catalog(models: decodeModels(items, path: .root))
        case .object(let members):
            if let data = root["data"] {
                let dataPath = DocumentPath.root.key("data")
                var extra: [String: JSONValue] = [:]
                for member in members where member.key != "data" && member.key != "object" {
                    extra[member.key] = member.value.plain
                }
                switch data.value {
                case .array(let items):
                    return Catalog(models: decodeModels(items, path: dataPath), extra: extra)
                case .object:
                    return Catalog(models: decodeConfined(data, path: dataPath).map { [$0] } ?? [], extra: extra)
                default:
                    mismatch("an array of models or one model", data, dataPath, Subject())
                    return Catalog(models: [])
                }
            }
            if root["id"] != nil {
                return Catalog(models: decodeConfined(root, path: .root).map { [$0] } ?? [])
            }
            let expected =
                "a model catalog: {\"data\": [MODEL, ...]}, [MODEL, ...], {\"data\": MODEL} or a MODEL with an \"id\""
            if members.isEmpty {
                report(
                    .error, "empty object: expected \(expected)", at: root, path: .root, expected: expected,
                    found: root.kindDescription)
            } else {
                mismatch(expected, root, .root, Subject())
            }
            return Catalog(models: [])
        default:
            mismatch("a model catalog (an object or an array of models)", root, .root, Subject())
            return Catalog(models: [])
        }
    }

    /// Each model is decoded on its own, on every core, by a decoder of its own; their findings
    /// are then taken in the models' order, as if one decoder had read them one after the other.
    mutating func decodeModels(_ items: [DocumentNode], path: DocumentPath) -> [Model] {
        let file = self.file
        let decoded = items.indices.concurrentMap { offset in
            var decoder = CatalogDecoder(file: file)
            let model = decoder.decodeConfined(items[offset], path: path.index(offset))
            return (model: model, findings: decoder)
        }
        var models: [Model] = []
        var seen: [String: DocumentPath] = [:]
        for (offset, item) in items.enumerated() {
            let itemPath = path.index(offset)
            take(decoded[offset].findings)
            guard let model = decoded[offset].model else { continue }
            if let first = seen[model.id] {
                report(
                    .warning,
                    "duplicate model id \(DocumentNode.quoteForMessage(model.id)) (first at \(first)); both are kept",
                    at: item["id"] ?? item, path: itemPath.key("id"), subject: Subject(model: model.id))
            } else {
                seen[model.id] = itemPath
            }
            models.append(model)
        }
        return models
    }

    /// Takes another decoder's diagnostics (after this one's) and their confinements.
    private mutating func take(_ other: CatalogDecoder) {
        let base = diagnostics.count
        diagnostics += other.diagnostics
        for (index, confinement) in other.confined { confined[base + index] = confinement }
    }

    /// Decodes one model and marks the errors found on the way as confined to it.
    mutating func decodeConfined(_ node: DocumentNode, path: DocumentPath) -> Model? {
        let before = diagnostics.count
        let model = decodeModel(node, path: path)
        for index in before..<diagnostics.count where diagnostics[index].isError {
            confined[index] = model == nil ? .model(path: path.description) : .value
        }
        return model
    }

    /// Decodes one model in whichever shape it is written.
    mutating func decodeModel(_ node: DocumentNode, path: DocumentPath) -> Model? {
        guard let members = node.members else {
            mismatch("a model (an object with an \"id\")", node, path, Subject())
            return nil
        }
        switch ModelShape.detect(members) {
        case .native: return decodeNativeModel(node, members: members, path: path)
        case .openRouterPublic: return decodeOpenRouterPublicModel(node, members: members, path: path)
        case .openRouterProvider: return decodeOpenRouterProviderModel(node, members: members, path: path)
        }
    }

    /// Reads the id every shape needs; reports its absence.
    mutating func modelID(_ node: DocumentNode, path: DocumentPath) -> String? {
        guard let idNode = node["id"] else {
            report(
                .error, "model has no \"id\"", at: node, path: path, expected: "a string \"id\"",
                found: node.kindDescription)
            return nil
        }
        guard let id = string(idNode, path.key("id"), Subject()) else {
            if case .null = idNode.value { mismatch("a string", idNode, path.key("id"), Subject()) }
            return nil
        }
        if id.trimmingSpaces.isEmpty {
            report(
                .error, "model id is empty", at: idNode, path: path.key("id"), expected: "a non-empty string",
                found: idNode.kindDescription)
            return nil
        }
        return id
    }

    /// What a native model's members leave for after the loop: tables and defaults that need
    /// the whole model.
    struct NativeDeferred {
        var parametersNode: (node: DocumentNode, path: DocumentPath, key: String)?
        var defaultParams: (DocumentNode, DocumentPath)?
        var capabilities: (DocumentNode, DocumentPath)?
    }

    /// The keys the native shape gives a meaning to. The OpenRouter shapes read those they do not
    /// handle themselves the native way, so that a canonical snapshot (which is native) reads
    /// back as the same model.
    static let nativeKeys: Set<String> = [
        "name", "description", "category", "provider", "author", "region", "served_from", "logo", "input_modalities",
        "output_modalities", "features", "context_window", "context_length", "supports_passthrough",
        "supported_endpoints",
        "endpoints", "pricing_rows", "pricing", "parameters", "supported_parameters", "default_params",
        "default_parameters",
        "capabilities",
    ]

    mutating func decodeNativeModel(_ node: DocumentNode, members: [DocumentNode.Member], path: DocumentPath) -> Model?
    {
        let id = modelID(node, path: path)
        var model = Model(id: id ?? "")
        let subject = Subject(model: id)
        var deferred = NativeDeferred()
        for member in members where member.key != "id" {
            decodeNativeMember(
                member, members: members, path: path, subject: subject, into: &model, deferred: &deferred)
        }
        finishNative(&model, deferred, subject: subject)
        return id == nil ? nil : model
    }

    mutating func finishNative(_ model: inout Model, _ deferred: NativeDeferred, subject: Subject) {
        if let table = deferred.parametersNode {
            model.parameters = decodeParameterTable(table.node, path: table.path, subject: subject)
        }
        if let (value, valuePath) = deferred.defaultParams {
            applyDefaults(value, path: valuePath, to: &model, subject: subject)
        }
        if let (value, valuePath) = deferred.capabilities {
            applyCapabilities(value, path: valuePath, to: &model, subject: subject)
        }
        checkConditions(
            of: model.parameters, subject: subject, table: deferred.parametersNode.map { ($0.node, $0.path) })
    }

    /// One member of a native model.
    mutating func decodeNativeMember(
        _ member: DocumentNode.Member, members: [DocumentNode.Member], path: DocumentPath, subject: Subject,
        into model: inout Model,
        deferred: inout NativeDeferred
    ) {
        let value = member.value
        let memberPath = path.key(member.key)
        switch member.key {
        case "id": break
        case "name": model.name = string(value, memberPath, subject)
        case "description": model.description = string(value, memberPath, subject)
        case "category": model.category = string(value, memberPath, subject)
        case "provider", "author":
            if model.provider == nil {
                model.provider = string(value, memberPath, subject)
            } else {
                model.extra[member.key] = value.plain
            }
        case "region", "served_from":
            if model.region == nil {
                model.region = string(value, memberPath, subject)
            } else {
                model.extra[member.key] = value.plain
            }
        case "logo": model.logo = string(value, memberPath, subject)
        case "input_modalities": model.inputModalities = strings(value, memberPath, subject)
        case "output_modalities": model.outputModalities = strings(value, memberPath, subject)
        case "features": model.features += strings(value, memberPath, subject)
        case "context_window", "context_length":
            if member.key == "context_length", members.contains(where: { $0.key == "context_window" }) {
                model.extra[member.key] = value.plain
            } else if let window = integer(value, memberPath, subject) {
                if window < 0 {
                    report(
                        .warning, "context window is negative (\(window))", at: value, path: memberPath,
                        subject: subject)
                }
                model.contextWindow = window
            }
        case "supports_passthrough": model.supportsPassthrough = bool(value, memberPath, subject)
        case "supported_endpoints", "endpoints":
            model.endpoints += decodeEndpoints(value, path: memberPath, subject: subject)
        case "pricing_rows":
            model.pricing += decodePricingRows(value, path: memberPath, subject: subject)
        case "pricing":
            if case .object = value.value {
                model.pricing += decodeDecimalPricing(value, path: memberPath, subject: subject, extra: &model.extra)
            } else {
                model.pricing += decodePricingRows(value, path: memberPath, subject: subject)
            }
        case "parameters", "supported_parameters":
            if let first = deferred.parametersNode {
                report(
                    .warning,
                    "both \"\(first.key)\" and \"\(member.key)\" give a parameter table; the first is used, the second is kept as an unknown field",
                    at: value, path: memberPath, subject: subject)
                model.extra[member.key] = value.plain
            } else {
                deferred.parametersNode = (value, memberPath, member.key)
            }
        case "default_params", "default_parameters": deferred.defaultParams = (value, memberPath)
        case "capabilities": deferred.capabilities = (value, memberPath)
        default:
            model.extra[member.key] = value.plain
        }
    }

    mutating func decodeEndpoints(_ node: DocumentNode, path: DocumentPath, subject: Subject) -> [Endpoint] {
        var endpoints: [Endpoint] = []
        let items: [DocumentNode]
        switch node.value {
        case .array(let array): items = array
        case .string: items = [node]
        case .null: return []
        default:
            mismatch("an array of endpoint paths", node, path, subject)
            return []
        }
        for (offset, item) in items.enumerated() {
            let itemPath = items.count == 1 && node.items == nil ? path : path.index(offset)
            guard var text = string(item, itemPath, subject) else { continue }
            // Older listings write "POST /v1/completions".
            if let space = text.lastIndex(of: " ") { text = String(text[text.index(after: space)...]) }
            let endpoint = Endpoint(text)
            if !endpoint.isKnown {
                report(
                    .warning,
                    "unknown endpoint \(DocumentNode.quoteForMessage(text)); kept, but no binding is generated for it",
                    at: item, path: itemPath, expected: "a documented /v1 endpoint", found: item.kindDescription,
                    subject: subject)
            }
            if endpoints.contains(endpoint) {
                report(.warning, "endpoint \(text) is listed twice", at: item, path: itemPath, subject: subject)
            } else {
                endpoints.append(endpoint)
            }
        }
        return endpoints
    }

    // MARK: Pricing

    mutating func decodePricingRows(_ node: DocumentNode, path: DocumentPath, subject: Subject) -> [PricingRow] {
        guard let items = node.items else {
            if case .null = node.value { return [] }
            mismatch("an array of pricing rows", node, path, subject)
            return []
        }
        var rows: [PricingRow] = []
        for (offset, item) in items.enumerated() {
            let rowPath = path.index(offset)
            guard let members = item.members else {
                mismatch("a pricing row (an object)", item, rowPath, subject)
                continue
            }
            var row = PricingRow()
            for member in members {
                let memberPath = rowPath.key(member.key)
                switch member.key {
                case "label", "name":
                    if row.label == nil {
                        row.label = string(member.value, memberPath, subject)
                    } else {
                        row.extra[member.key] = member.value.plain
                    }
                case "unit": row.unit = string(member.value, memberPath, subject)
                case "price_usd", "price", "usd":
                    if row.priceUSD == nil {
                        row.priceUSD = number(member.value, memberPath, subject, allowNumericString: true)
                    } else {
                        row.extra[member.key] = member.value.plain
                    }
                case "per": row.per = number(member.value, memberPath, subject, allowNumericString: true)
                case "tier": row.tier = string(member.value, memberPath, subject)
                default: row.extra[member.key] = member.value.plain
                }
            }
            checkPricingRow(row, item, rowPath, subject)
            rows.append(row)
        }
        return rows
    }

    /// Warnings for a row that loads but cannot price everything it should: no price, no unit,
    /// a unit this build cannot read, a `per` that is not positive, an empty token range, a
    /// dimension that is not a scalar.
    mutating func checkPricingRow(_ row: PricingRow, _ node: DocumentNode, _ path: DocumentPath, _ subject: Subject) {
        let name = row.label.map { "pricing row \(DocumentNode.quoteForMessage($0))" } ?? "this pricing row"
        if row.priceUSD == nil {
            report(
                .warning, "\(name) has no price_usd; an estimate that needs it is unknown", at: node,
                path: path.key("price_usd"), subject: subject)
        }
        if let unit = row.unit {
            let parsed = PricingRate.unit(unit, unitName: row.extra["unit_name"]?.text, medium: nil)
            let declaredCustom = unit.lowercased() == "custom"
            let secondsWithoutMedium = ["second", "seconds", "sec", "minute", "minutes", "min", "hour", "hours"]
                .contains(unit.lowercased())
            if !parsed.unit.isKnown && !declaredCustom && !secondsWithoutMedium {
                report(
                    .warning,
                    "\(name) has the unit \(DocumentNode.quoteForMessage(unit)), which this build cannot count; it is kept as a custom unit and calls it prices estimate as unknown",
                    at: node["unit"] ?? node, path: path.key("unit"), subject: subject)
            }
        } else {
            report(
                .warning, "\(name) has no unit; it is kept as a custom unit and calls it prices estimate as unknown",
                at: node, path: path.key("unit"), subject: subject)
        }
        if let per = row.per, per.doubleValue <= 0 {
            report(
                .warning, "\(name) has per \(per.text), which is not positive; 1 is used", at: node["per"] ?? node,
                path: path.key("per"), subject: subject)
        }
        if let low = row.extra["min_tokens"]?.intValue, let high = row.extra["max_tokens"]?.intValue, low > high {
            report(
                .warning, "\(name) has min_tokens \(low) above max_tokens \(high)", at: node,
                path: path.key("min_tokens"), subject: subject)
        }
        for (key, value) in row.extra.sorted(by: { $0.key < $1.key }) where !PricingRow.typedKeys.contains(key) {
            switch value {
            case .object, .array:
                report(
                    .warning, "\(name) has a \(key) that is not a single value; it is kept but selects no rate",
                    at: node[key] ?? node, path: path.key(key), subject: subject)
            default: break
            }
        }
    }

    // MARK: Parameters

    /// A table written as a list of parameters or as a map from name to parameter.
    mutating func decodeParameterTable(_ node: DocumentNode, path: DocumentPath, subject: Subject) -> [Parameter] {
        var parameters: [Parameter] = []
        var seen: [String: DocumentPath] = [:]
        func note(_ parameter: Parameter, _ node: DocumentNode, _ path: DocumentPath, _ decoder: inout CatalogDecoder) {
            if let first = seen[parameter.name] {
                decoder.report(
                    .warning,
                    "duplicate parameter \(DocumentNode.quoteForMessage(parameter.name)) (first at \(first)); the generator keeps the first",
                    at: node, path: path, subject: Subject(model: subject.model, parameter: parameter.name))
            } else {
                seen[parameter.name] = path
            }
        }
        switch node.value {
        case .null: return []
        case .array(let items):
            for (offset, item) in items.enumerated() {
                let itemPath = path.index(offset)
                if case .string(let name) = item.value {
                    // An OpenRouter-style list of names: each maps to a well-known definition.
                    let parameter = wellKnownParameter(name, at: item, path: itemPath, subject: subject)
                    note(parameter, item, itemPath, &self)
                    parameters.append(parameter)
                    continue
                }
                guard let parameter = decodeParameter(item, name: nil, path: itemPath, subject: subject) else {
                    continue
                }
                note(parameter, item, itemPath, &self)
                parameters.append(parameter)
            }
        case .object(let members):
            for member in members {
                let memberPath = path.key(member.key)
                guard
                    let parameter = decodeParameter(
                        member.value, name: member.key, path: memberPath, subject: subject,
                        nameLocation: member.keyLocation)
                else { continue }
                note(parameter, member.value, memberPath, &self)
                parameters.append(parameter)
            }
        default:
            mismatch("a parameter table (a list of parameters or a map from name to parameter)", node, path, subject)
        }
        return parameters
    }

    /// One parameter. `name` is the map key in the map form; nil in the list form (then `name` is required).
    mutating func decodeParameter(
        _ node: DocumentNode, name: String?, path: DocumentPath, subject: Subject, isItemSchema: Bool = false,
        nameLocation: SourceLocation? = nil
    ) -> Parameter? {
        // Shorthand: `"items": "string"` or `"seed": "integer"`.
        if case .string(let typeName) = node.value, isItemSchema || name != nil {
            var parameter = Parameter(name: name ?? "", type: ParameterType(spelling: typeName))
            checkType(&parameter, typeNode: node, path: path, subject: Subject(model: subject.model, parameter: name))
            return parameter
        }
        guard let members = node.members else {
            mismatch(
                isItemSchema ? "an item schema (an object with a \"type\")" : "a parameter (an object)", node, path,
                subject)
            return nil
        }
        var resolvedName = name
        if let nameNode = node["name"] {
            if let written = string(nameNode, path.key("name"), subject) {
                if let key = name, key != written {
                    report(
                        .warning,
                        "parameter key \(DocumentNode.quoteForMessage(key)) and its \"name\" \(DocumentNode.quoteForMessage(written)) differ; the key is used",
                        at: nameNode, path: path.key("name"), subject: Subject(model: subject.model, parameter: key))
                } else {
                    resolvedName = written
                }
            }
        }
        if resolvedName == nil && !isItemSchema {
            report(
                .error, "parameter has no \"name\"", at: node, path: path, expected: "a string \"name\"",
                found: node.kindDescription, subject: subject)
            return nil
        }
        if let resolvedName, !isItemSchema, resolvedName.isEmpty {
            report(
                .error, "parameter name is empty", at: node, location: nameLocation, path: path,
                expected: "a non-empty name", found: "\"\"", subject: subject)
            return nil
        }
        let parameterSubject = Subject(model: subject.model, parameter: resolvedName ?? subject.parameter)
        var parameter = Parameter(name: resolvedName ?? "")
        var typeNode: DocumentNode?
        var defaultNode: DocumentNode?
        var itemsNode: (DocumentNode, DocumentPath)?

        for member in members {
            let value = member.value
            let memberPath = path.key(member.key)
            switch member.key {
            case "name": break
            case "type":
                typeNode = value
                if let spelling = string(value, memberPath, parameterSubject) {
                    parameter.type = ParameterType(spelling: spelling)
                }
            case "description", "desc":
                if parameter.description == nil {
                    parameter.description = string(value, memberPath, parameterSubject)
                } else {
                    parameter.extra[member.key] = value.plain
                }
            case "default", "default_value":
                if defaultNode == nil {
                    defaultNode = value
                    parameter.defaultValue = value.plain
                } else {
                    parameter.extra[member.key] = value.plain
                }
            case "min", "minimum":
                if parameter.minimum == nil {
                    parameter.minimum = number(value, memberPath, parameterSubject)
                } else {
                    parameter.extra[member.key] = value.plain
                }
            case "max", "maximum":
                if parameter.maximum == nil {
                    parameter.maximum = number(value, memberPath, parameterSubject)
                } else {
                    parameter.extra[member.key] = value.plain
                }
            case "allowed_values", "enum", "options", "values":
                if parameter.allowedValues == nil {
                    parameter.allowedValues = decodeAllowedValues(value, path: memberPath, subject: parameterSubject)
                } else {
                    parameter.extra[member.key] = value.plain
                }
            case "required":
                if let required = bool(value, memberPath, parameterSubject) { parameter.isRequired = required }
            case "items": itemsNode = (value, memberPath)
            case "min_items", "minItems":
                parameter.minItems = integer(value, memberPath, parameterSubject)
            case "max_items", "maxItems":
                parameter.maxItems = integer(value, memberPath, parameterSubject)
            case "properties":
                parameter.properties = decodeParameterTable(value, path: memberPath, subject: parameterSubject)
            case "conditions", "conditional", "depends_on", "only_when":
                parameter.conditions += decodeConditions(
                    value, key: member.key, path: memberPath, subject: parameterSubject)
            case "deprecated":
                switch value.value {
                case .bool(let flag): parameter.deprecation = flag ? Deprecation() : nil
                case .string(let message): parameter.deprecation = Deprecation(message: message)
                case .null: break
                default: mismatch("a boolean or a message", value, memberPath, parameterSubject)
                }
            default:
                parameter.extra[member.key] = value.plain
            }
        }
        if let (value, itemsPath) = itemsNode {
            parameter.items = decodeParameter(
                value, name: nil, path: itemsPath, subject: parameterSubject, isItemSchema: true)
        }
        checkType(&parameter, typeNode: typeNode, path: path.key("type"), subject: parameterSubject)
        checkConsistency(parameter, defaultNode: defaultNode, node: node, path: path, subject: parameterSubject)
        return parameter
    }

    mutating func checkType(_ parameter: inout Parameter, typeNode: DocumentNode?, path: DocumentPath, subject: Subject)
    {
        if case .other(let spelling) = parameter.type {
            report(
                .warning, "unknown type \(DocumentNode.quoteForMessage(spelling)); generated as a raw JSON value",
                at: typeNode, path: path,
                expected: "string, integer, number, boolean, array, object or enum", found: "\"\(spelling)\"",
                subject: subject)
        }
    }

    mutating func decodeAllowedValues(_ node: DocumentNode, path: DocumentPath, subject: Subject) -> [JSONValue]? {
        guard let items = node.items else {
            if case .null = node.value { return nil }
            mismatch("an array of allowed values", node, path, subject)
            return nil
        }
        var values: [JSONValue] = []
        for (offset, item) in items.enumerated() {
            let value = item.plain
            switch value {
            case .array, .object:
                mismatch("a string or a number", item, path.index(offset), subject)
                continue
            default: break
            }
            if values.contains(value) {
                report(
                    .warning, "allowed value \(value.compactJSON) is listed twice", at: item, path: path.index(offset),
                    subject: subject)
                continue
            }
            values.append(value)
        }
        return values
    }

    /// Warnings for a parameter whose own fields disagree; the generator makes a safe choice.
    mutating func checkConsistency(
        _ parameter: Parameter, defaultNode: DocumentNode?, node: DocumentNode, path: DocumentPath, subject: Subject
    ) {
        if let minimum = parameter.minimum, let maximum = parameter.maximum, minimum.doubleValue > maximum.doubleValue {
            report(
                .warning, "min \(minimum) is greater than max \(maximum); the range is not enforced",
                at: node["max"] ?? node["maximum"] ?? node,
                path: path.key("max"), subject: subject)
        }
        if let minItems = parameter.minItems, let maxItems = parameter.maxItems, minItems > maxItems {
            report(
                .warning, "min_items \(minItems) is greater than max_items \(maxItems)", at: node, path: path,
                subject: subject)
        }
        guard let defaultValue = parameter.defaultValue, defaultValue != .null, let defaultNode else { return }
        let defaultPath = path.key(node["default"] != nil ? "default" : "default_value")
        let type = parameter.effectiveType
        if !type.admits(defaultValue) {
            report(
                .warning, "default \(defaultValue.compactJSON) is not of the parameter's type \(type)", at: defaultNode,
                path: defaultPath, expected: "a value of type \(type)", found: defaultNode.kindDescription,
                subject: subject)
            return
        }
        if case .number(let number) = defaultValue {
            let value = number.doubleValue
            if let minimum = parameter.minimum, value < minimum.doubleValue {
                report(
                    .warning, "default \(number) is below the parameter's own min \(minimum)", at: defaultNode,
                    path: defaultPath,
                    expected: "a value in \(minimum)...\(parameter.maximum?.text ?? "")", found: number.text,
                    subject: subject)
            }
            if let maximum = parameter.maximum, value > maximum.doubleValue {
                report(
                    .warning, "default \(number) is above the parameter's own max \(maximum)", at: defaultNode,
                    path: defaultPath,
                    expected: "a value in \(parameter.minimum?.text ?? "")...\(maximum)", found: number.text,
                    subject: subject)
            }
        }
        if let allowed = parameter.allowedValues, !allowed.isEmpty,
            !allowed.contains(where: { Self.sameValue($0, defaultValue) })
        {
            let list = allowed.prefix(8).map(\.compactJSON).joined(separator: ", ")
            report(
                .warning,
                "default \(defaultValue.compactJSON) is not one of the allowed values (\(list)\(allowed.count > 8 ? ", ..." : ""))",
                at: defaultNode, path: defaultPath, expected: "one of \(list)", found: defaultValue.compactJSON,
                subject: subject)
        }
    }

    /// Equality that treats `1` and `1.0` as the same number.
    static func sameValue(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if case .number(let a) = lhs, case .number(let b) = rhs { return a.doubleValue == b.doubleValue }
        return lhs == rhs
    }

    // MARK: Conditions

    mutating func decodeConditions(_ node: DocumentNode, key: String, path: DocumentPath, subject: Subject)
        -> [ParameterCondition]
    {
        switch node.value {
        case .null: return []
        case .string(let name): return [ParameterCondition(requires: [name])]
        case .array(let items):
            if items.allSatisfy({ $0.stringValue != nil }) {
                return items.isEmpty ? [] : [ParameterCondition(requires: items.compactMap(\.stringValue))]
            }
            var conditions: [ParameterCondition] = []
            for (offset, item) in items.enumerated() {
                conditions += decodeConditions(item, key: key, path: path.index(offset), subject: subject)
            }
            return conditions
        case .object(let members):
            let structural: Set<String> = ["when", "requires", "excludes", "required", "if", "then"]
            guard members.contains(where: { structural.contains($0.key) }) else {
                // `only_when: {"mode": "i2v"}`: the object is the when-clause itself.
                var when: [String: JSONValue] = [:]
                for member in members { when[member.key] = member.value.plain }
                return [ParameterCondition(when: when)]
            }
            var condition = ParameterCondition()
            for member in members {
                let memberPath = path.key(member.key)
                switch member.key {
                case "when", "if":
                    guard let whenMembers = member.value.members else {
                        mismatch("an object from parameter name to value", member.value, memberPath, subject)
                        continue
                    }
                    for whenMember in whenMembers { condition.when[whenMember.key] = whenMember.value.plain }
                case "requires": condition.requires += strings(member.value, memberPath, subject)
                case "excludes": condition.excludes += strings(member.value, memberPath, subject)
                case "required": condition.required = bool(member.value, memberPath, subject)
                default: condition.extra[member.key] = member.value.plain
                }
            }
            return [condition]
        default:
            mismatch("a condition (an object with when / requires / excludes, or a list of them)", node, path, subject)
            return []
        }
    }

    /// Warns about conditions that name parameters the model does not have.
    mutating func checkConditions(of parameters: [Parameter], subject: Subject, table: (DocumentNode, DocumentPath)?) {
        guard let (tableNode, tablePath) = table else { return }
        let names = Set(parameters.map(\.name))
        for (offset, parameter) in parameters.enumerated() {
            for name in parameter.conditions.flatMap(\.referencedNames) where !names.contains(name) {
                let (node, path) = locateParameter(offset, name: parameter.name, in: tableNode, tablePath: tablePath)
                let conditionsKey =
                    ["conditions", "conditional", "depends_on", "only_when"].first { node?[$0] != nil } ?? "conditions"
                report(
                    .warning,
                    "condition names \(DocumentNode.quoteForMessage(name)), which is not a parameter of this model",
                    at: node?[conditionsKey] ?? node, path: path.key(conditionsKey),
                    subject: Subject(model: subject.model, parameter: parameter.name))
            }
        }
    }

    func locateParameter(_ offset: Int, name: String, in table: DocumentNode, tablePath: DocumentPath) -> (
        DocumentNode?, DocumentPath
    ) {
        switch table.value {
        case .array(let items): return (offset < items.count ? items[offset] : nil, tablePath.index(offset))
        case .object: return (table[name], tablePath.key(name))
        default: return (nil, tablePath)
        }
    }

    // MARK: Older fields

    /// `default_params`: fills in defaults the table lacks; names not in the table are kept.
    mutating func applyDefaults(_ node: DocumentNode, path: DocumentPath, to model: inout Model, subject: Subject) {
        guard let members = node.members else {
            if case .null = node.value { return }
            mismatch("an object from parameter name to default value", node, path, subject)
            return
        }
        var unmapped: [String: JSONValue] = [:]
        for member in members {
            guard let index = model.parameters.firstIndex(where: { $0.name == member.key }) else {
                unmapped[member.key] = member.value.plain
                continue
            }
            if model.parameters[index].defaultValue == nil {
                model.parameters[index].defaultValue = member.value.plain
            } else if let existing = model.parameters[index].defaultValue, !Self.sameValue(existing, member.value.plain)
            {
                report(
                    .warning,
                    "default_params gives \(member.value.plain.compactJSON) but the table's default is \(existing.compactJSON); the table wins",
                    at: member.value, path: path.key(member.key),
                    subject: Subject(model: subject.model, parameter: member.key))
            }
        }
        if !unmapped.isEmpty { model.extra["default_params"] = .object(unmapped) }
    }

    /// `capabilities`: true flags become features; other entries are kept.
    mutating func applyCapabilities(_ node: DocumentNode, path: DocumentPath, to model: inout Model, subject: Subject) {
        guard let members = node.members else {
            if case .null = node.value { return }
            if node.items != nil {
                model.features += strings(node, path, subject).filter { !model.features.contains($0) }
                return
            }
            mismatch("an object of capability flags", node, path, subject)
            return
        }
        var kept: [String: JSONValue] = [:]
        for member in members {
            switch member.value.value {
            case .bool(true): if !model.features.contains(member.key) { model.features.append(member.key) }
            case .bool(false): break
            default: kept[member.key] = member.value.plain
            }
        }
        if !kept.isEmpty { model.extra["capabilities"] = .object(kept) }
    }
}

/// Which of the accepted model shapes an object is written in.
enum ModelShape {
    case native
    /// OpenRouter's public listing (`architecture`, `top_provider`, `supported_parameters` names).
    case openRouterPublic
    /// The gateway's `?format=openrouter` / `alternative1` provider listing.
    case openRouterProvider

    static func detect(_ members: [DocumentNode.Member]) -> ModelShape {
        var keys = Set<String>()
        for member in members { keys.insert(member.key) }
        // Fields only the native shape has win: a canonical snapshot of an OpenRouter listing
        // keeps OpenRouter's extra fields, and must read back as native.
        let native: Set<String> = ["supported_endpoints", "pricing_rows", "parameters", "context_window", "category"]
        if !keys.isDisjoint(with: native) { return .native }
        if keys.contains("supported_sampling_parameters") || keys.contains("openrouter")
            || keys.contains("alternative_1")
            || (keys.contains("quantization") && keys.contains("context_length"))
        {
            return .openRouterProvider
        }
        if keys.contains("architecture") || keys.contains("top_provider") || keys.contains("canonical_slug") {
            return .openRouterPublic
        }
        return .native
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
