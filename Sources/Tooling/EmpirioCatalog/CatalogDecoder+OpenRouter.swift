import EmpirioDocument

/// The two OpenRouter shapes: the public listing (`openrouter.ai/api/v1/models`) and the
/// gateway's provider listing (`GET /v1/models?format=openrouter`, older `alternative1`).
///
/// Both map onto the native model: parameter names become well-known definitions
/// (``WellKnownParameters``), decimal-string prices become exact pricing rows, and every field
/// without a native home is kept in ``Model/extra``.
extension CatalogDecoder {
    mutating func decodeOpenRouterPublicModel(_ node: DocumentNode, members: [DocumentNode.Member], path: DocumentPath)
        -> Model?
    {
        guard let id = modelID(node, path: path) else { return nil }
        let subject = Subject(model: id)
        var model = Model(id: id)
        model.provider = id.split(separator: "/").first.map { String($0).trimmingPrefix("~") }
        var supported: (DocumentNode, DocumentPath)?
        var defaults: (DocumentNode, DocumentPath)?
        var deferred = NativeDeferred()
        for member in members {
            let value = member.value
            let memberPath = path.key(member.key)
            switch member.key {
            case "id": break
            case "name": model.name = string(value, memberPath, subject)
            case "description": model.description = string(value, memberPath, subject)
            case "context_length": model.contextWindow = integer(value, memberPath, subject)
            case "architecture":
                guard let architecture = value.members else {
                    mismatch("an object", value, memberPath, subject)
                    continue
                }
                var rest: [String: JSONValue] = [:]
                for field in architecture {
                    switch field.key {
                    case "input_modalities":
                        model.inputModalities = strings(field.value, memberPath.key(field.key), subject)
                    case "output_modalities":
                        model.outputModalities = strings(field.value, memberPath.key(field.key), subject)
                    default: rest[field.key] = field.value.plain
                    }
                }
                if !rest.isEmpty { model.extra["architecture"] = .object(rest) }
            case "pricing":
                model.pricing = decodeDecimalPricing(value, path: memberPath, subject: subject, extra: &model.extra)
            case "supported_parameters": supported = (value, memberPath)
            case "default_parameters": defaults = (value, memberPath)
            default:
                if Self.nativeKeys.contains(member.key) {
                    decodeNativeMember(
                        member, members: members, path: path, subject: subject, into: &model, deferred: &deferred)
                } else {
                    model.extra[member.key] = value.plain
                }
            }
        }
        // Fields of the native shape this one has no use for are read the native way (see nativeKeys).
        finishNative(&model, deferred, subject: subject)
        model.category = Self.category(forOutput: model.outputModalities)
        model.endpoints = [.chatCompletions]
        if let (value, valuePath) = supported {
            model.parameters = decodeParameterTable(value, path: valuePath, subject: subject)
            if let maxTokens = model.parameters.firstIndex(where: { $0.name == "max_tokens" }),
                case .object(let provider)? = model.extra["top_provider"],
                case .number(let limit)? = provider["max_completion_tokens"]
            {
                model.parameters[maxTokens].maximum = limit
            }
            model.features = Self.features(fromParameters: model.parameters.map(\.name))
        }
        if let (value, valuePath) = defaults {
            applyOpenRouterDefaults(value, path: valuePath, to: &model, subject: subject)
        }
        return model
    }

    mutating func decodeOpenRouterProviderModel(
        _ node: DocumentNode, members: [DocumentNode.Member], path: DocumentPath
    ) -> Model? {
        guard let id = modelID(node, path: path) else { return nil }
        let subject = Subject(model: id)
        var model = Model(id: id)
        var supported: (DocumentNode, DocumentPath)?
        var deferred = NativeDeferred()
        for member in members {
            let value = member.value
            let memberPath = path.key(member.key)
            switch member.key {
            case "id": break
            case "name": model.name = string(value, memberPath, subject)
            case "description": model.description = string(value, memberPath, subject)
            case "input_modalities": model.inputModalities = strings(value, memberPath, subject)
            case "output_modalities": model.outputModalities = strings(value, memberPath, subject)
            case "context_length": model.contextWindow = integer(value, memberPath, subject)
            case "pricing":
                model.pricing = decodeDecimalPricing(value, path: memberPath, subject: subject, extra: &model.extra)
            case "supported_sampling_parameters": supported = (value, memberPath)
            case "supported_features": model.features = strings(value, memberPath, subject)
            case "datacenters":
                model.extra[member.key] = value.plain
                let codes = (value.items ?? []).compactMap { $0["country_code"]?.stringValue }
                if !codes.isEmpty { model.region = codes.joined(separator: ",") }
            case "max_output_length":
                model.extra[member.key] = value.plain
            default:
                if Self.nativeKeys.contains(member.key) {
                    decodeNativeMember(
                        member, members: members, path: path, subject: subject, into: &model, deferred: &deferred)
                } else {
                    model.extra[member.key] = value.plain
                }
            }
        }
        if let slug = (model.extra["openrouter"] ?? model.extra["alternative_1"]).flatMap({ value -> String? in
            if case .object(let object) = value { return object["slug"]?.stringValue }
            return nil
        }) {
            model.provider = slug.split(separator: "/").first.map(String.init)
        }
        // Fields of the native shape this one has no use for are read the native way (see nativeKeys).
        finishNative(&model, deferred, subject: subject)
        model.category = Self.category(forOutput: model.outputModalities)
        model.endpoints = [.chatCompletions, .completions]
        if let (value, valuePath) = supported {
            model.parameters = decodeParameterTable(value, path: valuePath, subject: subject)
            if let maxTokens = model.parameters.firstIndex(where: { $0.name == "max_tokens" }),
                case .number(let limit)? = model.extra["max_output_length"]
            {
                model.parameters[maxTokens].maximum = limit
            }
        }
        return model
    }

    /// A well-known definition for a parameter listed by name only.
    mutating func wellKnownParameter(_ name: String, at node: DocumentNode, path: DocumentPath, subject: Subject)
        -> Parameter
    {
        if let parameter = WellKnownParameters.definition(for: name) { return parameter }
        report(
            .warning,
            "parameter \(DocumentNode.quoteForMessage(name)) is listed by name only and has no well-known definition; generated as a raw JSON value",
            at: node, path: path, subject: Subject(model: subject.model, parameter: name))
        return Parameter(name: name, type: .json)
    }

    /// `pricing: {"prompt": "0.00000009", ...}`: one exact row per key; non-decimal entries are kept.
    mutating func decodeDecimalPricing(
        _ node: DocumentNode, path: DocumentPath, subject: Subject, extra: inout [String: JSONValue]
    ) -> [PricingRow] {
        guard let members = node.members else {
            if case .null = node.value { return [] }
            mismatch("an object of decimal prices", node, path, subject)
            return []
        }
        var rows: [PricingRow] = []
        var kept: [String: JSONValue] = [:]
        for member in members {
            let price: NumberLiteral?
            switch member.value.value {
            case .string(let text): price = NumberLiteral(text.trimmingSpaces)
            case .number(let number): price = number
            default: price = nil
            }
            guard let price else {
                if case .string = member.value.value {
                    mismatch(
                        "a decimal price string such as \"0.00000045\"", member.value, path.key(member.key), subject)
                } else {
                    kept[member.key] = member.value.plain
                }
                continue
            }
            let meaning = Self.pricingKeys[member.key] ?? (member.key.replacingUnderscores, "custom")
            rows.append(
                PricingRow(
                    label: meaning.label, unit: meaning.unit, priceUSD: price, per: 1,
                    extra: ["key": .string(member.key)]))
        }
        if !kept.isEmpty { extra["pricing"] = .object(kept) }
        return rows
    }

    /// `default_parameters`: fills defaults of listed parameters; others are kept.
    mutating func applyOpenRouterDefaults(
        _ node: DocumentNode, path: DocumentPath, to model: inout Model, subject: Subject
    ) {
        guard let members = node.members else {
            if case .null = node.value { return }
            mismatch("an object from parameter name to default value", node, path, subject)
            return
        }
        var unmapped: [String: JSONValue] = [:]
        for member in members {
            let value = member.value.plain
            if case .null = value { continue }
            if let index = model.parameters.firstIndex(where: { $0.name == member.key }) {
                model.parameters[index].defaultValue = value
            } else {
                unmapped[member.key] = value
            }
        }
        if !unmapped.isEmpty { model.extra["default_params"] = .object(unmapped) }
    }

    static let pricingKeys: [String: (label: String, unit: String)] = [
        "prompt": ("Input tokens", "token"),
        "completion": ("Output tokens", "token"),
        "input_cache_read": ("Cached input tokens", "token"),
        "input_cache_write": ("Cache write tokens", "token"),
        "input_cache_write_1h": ("Cache write tokens (1h)", "token"),
        "internal_reasoning": ("Reasoning tokens", "token"),
        "audio": ("Audio input tokens", "token"),
        "audio_output": ("Audio output tokens", "token"),
        "input_audio_cache": ("Cached audio input tokens", "token"),
        "image": ("Image input", "image"),
        "image_output": ("Image output", "image"),
        "web_search": ("Web search", "tool-call"),
        "request": ("Request", "request"),
    ]

    static func category(forOutput modalities: [String]) -> String {
        if modalities.contains("image") { return "image" }
        if modalities.contains("video") { return "video" }
        if modalities.contains("audio") && !modalities.contains("text") { return "audio" }
        if modalities.contains("embeddings") || modalities.contains("embedding") { return "embedding" }
        return "text"
    }

    static func features(fromParameters names: [String]) -> [String] {
        var features = ["streaming"]
        if names.contains("tools") { features.append("tool_calling") }
        if names.contains("response_format") { features.append("json_mode") }
        if names.contains("structured_outputs") { features.append("structured_output") }
        if names.contains("reasoning") || names.contains("include_reasoning") || names.contains("reasoning_effort") {
            features.append("reasoning")
        }
        if names.contains("web_search_options") { features.append("web_search") }
        return features
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }

    var replacingUnderscores: String {
        split(separator: "_").joined(separator: " ").capitalizedFirst
    }

    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
