import EmpirioCatalog
import EmpirioDocument

extension ModelBuilder {
    // MARK: Conformances

    /// `CatalogModel`, the protocol of each endpoint the model lists (from the endpoint table,
    /// in catalog order), then `ToolCallingModel` and `StructuredOutputModel` when the runtime's
    /// tool and structured-output calls can take the model.
    func conformances(_ model: Model) -> [String] {
        let runtimeTyped = Self.runtimeTyped(model)
        return ["CatalogModel"] + model.endpoints.compactMap { $0.spec?.modelProtocol }
            + (runtimeTyped["tools"] == .tools ? ["ToolCallingModel"] : [])
            + (Self.acceptsJSONSchema(model, runtimeTyped: runtimeTyped) ? ["StructuredOutputModel"] : [])
    }

    /// Structured output needs an object `response_format` whose `type` may be `json_schema`
    /// (a catalog that lists the types and leaves it out offers JSON mode only).
    static func acceptsJSONSchema(_ model: Model, runtimeTyped: [String: RuntimeTyped]? = nil) -> Bool {
        guard let format = model.parameters.first(where: { $0.name == "response_format" }),
            (runtimeTyped ?? Self.runtimeTyped(model))["response_format"] == .responseFormat
        else {
            return false
        }
        guard let types = format.properties?.first(where: { $0.name == "type" })?.allowedValues, !types.isEmpty else {
            return true
        }
        return types.contains(.string("json_schema"))
    }

    // MARK: The model's doc comment

    /// The name and id, the catalog's description, then the category, the endpoints and the
    /// context window.
    func modelDoc(_ model: Model) -> DocComment {
        var doc = DocComment([model.name.map { "\($0) (`\(model.id)`)." } ?? "`\(model.id)`."])
        doc.append(model.description ?? "")
        var facts: [String] = []
        if let category = model.category { facts.append("Category `\(category)`.") }
        let endpoints = model.endpoints.compactMap(\.spec)
        if !endpoints.isEmpty {
            facts.append("Endpoints: " + endpoints.map { "`\($0.method) \($0.path)`" }.joined(separator: ", ") + ".")
        }
        if let window = model.contextWindow { facts.append("Context window: \(window) tokens.") }
        doc.appendLines(facts.flatMap(SwiftLiteral.docLines))
        return doc
    }

    // MARK: Metadata

    /// The `ModelMetadata` arguments; each known endpoint is its `EndpointPath` constant, named
    /// by the endpoint table.
    func metadata(_ model: Model) -> MetadataDecl {
        func optional(_ value: String?) -> String { value.map(SwiftLiteral.string) ?? "nil" }
        return MetadataDecl(
            id: SwiftLiteral.string(model.id), name: optional(model.name), provider: optional(model.provider),
            category: optional(model.category), summary: optional(model.description),
            inputModalities: model.inputModalities.map(SwiftLiteral.string),
            outputModalities: model.outputModalities.map(SwiftLiteral.string),
            contextWindow: model.contextWindow.map(String.init) ?? "nil",
            endpoints: model.endpoints.compactMap(\.spec).map { "." + $0.name },
            features: model.features.map(SwiftLiteral.string),
            pricing: model.rates.map(PricingDecl.init),
            supportsPassthrough: model.supportsPassthrough.map { $0 ? "true" : "false" } ?? "nil",
            pricedParameters: model.pricedParameters.map(PricedParameterDecl.init))
    }
}
