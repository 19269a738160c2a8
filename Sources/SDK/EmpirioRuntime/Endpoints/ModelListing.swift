/// `GET /v1/models`: every model the gateway serves, as runtime values.
public struct ModelList: JSONResponse, Hashable {
    /// The models, in the listing's order.
    public var models: [ModelListing]
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads the listing.
    ///
    /// - Parameter json: the response (`{"data": [...]}` or a bare array).
    /// - Throws: ``ResponseShapeError`` naming the model (`data[3].id`) that cannot be read.
    public init(json: JSONValue) throws {
        raw = json
        let items = json["data"]?.arrayValue ?? json.arrayValue
        guard let items else { throw ResponseShapeError(path: "data", expected: "an array of models") }
        models = try items.enumerated().map { offset, item in
            do {
                return try ModelListing(json: item)
            } catch let error as ResponseShapeError {
                throw ResponseShapeError(
                    path: "data[\(offset)]" + (error.path.isEmpty ? "" : "." + error.path), expected: error.expected)
            }
        }
    }
}

/// One model of the live listing: its metadata read the way the catalog writes it (the older
/// spellings included), its parameter table as JSON, and the whole entry in ``raw``.
///
/// This is the SDK's view of the catalog, for apps that look models up at run time. It is
/// lenient: a field of an unexpected kind reads as absent. The generator's located, strict
/// reading of the same JSON lives in the tooling (`empirio validate`).
public struct ModelListing: JSONResponse, Hashable {
    /// The model's id, name, provider, category, modalities, endpoints, features and pricing.
    public var metadata: ModelMetadata
    /// The parameter table (`parameters`, or the older `supported_parameters`), as listed.
    public var parameters: JSONValue?
    /// The whole entry, as JSON.
    public var raw: JSONValue

    /// The model's id.
    public var id: ModelID { metadata.id }

    /// Reads one model's entry.
    ///
    /// - Parameter json: the entry (or `{"data": entry}`, as `GET /v1/models/{id}` answers).
    /// - Throws: ``ResponseShapeError`` when it has no `id`.
    public init(json: JSONValue) throws {
        let entry = json["data"].flatMap { $0.objectValue != nil ? $0 : nil } ?? json
        guard let id = entry["id"]?.stringValue else { throw ResponseShapeError(path: "id", expected: "a string") }
        raw = json
        parameters = entry["parameters"] ?? entry["supported_parameters"]
        func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var features = strings(entry["features"])
        if let flags = entry["capabilities"]?.objectValue {
            features += flags.keys.sorted().filter { flags[$0] == .bool(true) && !features.contains($0) }
        }
        let rows = entry["pricing_rows"]?.arrayValue ?? entry["pricing"]?.arrayValue ?? []
        metadata = ModelMetadata(
            id: ModelID(id), name: entry["name"]?.stringValue,
            provider: (entry["provider"] ?? entry["author"] ?? entry["owned_by"])?.stringValue,
            category: entry["category"]?.stringValue, summary: entry["description"]?.stringValue,
            inputModalities: strings(entry["input_modalities"] ?? entry["architecture"]?["input_modalities"]),
            outputModalities: strings(entry["output_modalities"] ?? entry["architecture"]?["output_modalities"]),
            contextWindow: (entry["context_window"] ?? entry["context_length"])?.intValue,
            endpoints: strings(entry["supported_endpoints"] ?? entry["endpoints"]).map(EndpointPath.init(rawValue:)),
            features: features,
            pricing: rows.compactMap { PricingRate(row: $0, medium: Self.medium(entry)) },
            supportsPassthrough: entry["supports_passthrough"]?.boolValue,
            pricedParameters: Self.pricedParameters(entry["parameters"] ?? entry["supported_parameters"], rows: rows))
    }

    /// `video` or `audio`: what a bare `second` unit of this model counts.
    static func medium(_ entry: JSONValue) -> String? {
        let outputs = entry["output_modalities"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if outputs.contains("video") || entry["category"]?.stringValue == "video" { return "video" }
        if outputs.contains("audio") || ["audio", "transcription"].contains(entry["category"]?.stringValue ?? "") {
            return "audio"
        }
        return nil
    }

    /// The parameters the rows' dimensions and the estimator's counts name, with defaults and
    /// allowed values, from a table in either form (a list, or a map from name to parameter).
    static func pricedParameters(_ table: JSONValue?, rows: [JSONValue]) -> [PricedParameter] {
        var names = Set(CostEstimator.quantityParameters)
        for row in rows { for key in (row.objectValue ?? [:]).keys { names.insert(key) } }
        var entries: [(String, JSONValue)] = []
        if let list = table?.arrayValue {
            entries = list.compactMap { item in item["name"]?.stringValue.map { ($0, item) } }
        } else if let map = table?.objectValue {
            entries = map.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return entries.filter { names.contains($0.0) }.map { name, parameter in
            let allowed =
                (parameter["allowed_values"] ?? parameter["enum"] ?? parameter["options"] ?? parameter["values"])?
                .arrayValue ?? []
            return PricedParameter(
                name, defaultValue: parameter["default"] ?? parameter["default_value"],
                allowedValues: allowed.compactMap { $0.text ?? $0.boolValue.map(String.init) })
        }
    }
}
