import EmpirioDocument

/// Writes canonical snapshots: models sorted by id, known fields in a fixed order, unknown
/// fields after them in key order, objects' keys sorted. Writing the same catalog always gives
/// the same bytes, and loading what was written gives an equal catalog.
public enum CatalogWriter {
    /// The snapshot as text in `format`.
    public static func write(_ catalog: Catalog, format: DocumentFormat) -> String {
        switch format {
        case .json: return JSONWriter.pretty(node(catalog))
        case .yaml: return YAMLWriter.write(node(catalog))
        }
    }

    /// The canonical tree of a catalog: `{"object": "list", "data": [...], ...}`.
    public static func node(_ catalog: Catalog) -> DocumentNode {
        var members: [(String, DocumentNode)] = [
            ("object", .string("list")), ("data", .array(catalog.sorted.models.concurrentMap(node))),
        ]
        members += extraMembers(catalog.extra, excluding: ["object", "data"])
        return .object(members)
    }

    /// The canonical tree of one model.
    public static func node(_ model: Model) -> DocumentNode {
        var members: [(String, DocumentNode)] = [("id", .string(model.id))]
        func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
        func add(_ key: String, _ values: [String]) { members.append((key, .array(values.map(DocumentNode.string)))) }
        add("name", model.name)
        add("provider", model.provider)
        add("category", model.category)
        add("description", model.description)
        add("input_modalities", model.inputModalities)
        add("output_modalities", model.outputModalities)
        members.append(("context_window", model.contextWindow.map { .number(NumberLiteral($0)) } ?? .null))
        add("region", model.region)
        add("logo", model.logo)
        add("supported_endpoints", model.endpoints.map(\.rawValue))
        add("features", model.features)
        if let passthrough = model.supportsPassthrough { members.append(("supports_passthrough", .bool(passthrough))) }
        members.append(("pricing_rows", .array(model.pricing.map(node))))
        members.append(("parameters", .array(model.parameters.map { node($0, named: true) })))
        members += extraMembers(model.extra, excluding: Set(members.map(\.0)))
        return .object(members)
    }

    public static func node(_ row: PricingRow) -> DocumentNode {
        var members: [(String, DocumentNode)] = []
        if let label = row.label { members.append(("label", .string(label))) }
        if let unit = row.unit { members.append(("unit", .string(unit))) }
        if let price = row.priceUSD { members.append(("price_usd", .number(price))) }
        if let per = row.per { members.append(("per", .number(per))) }
        if let tier = row.tier { members.append(("tier", .string(tier))) }
        members += extraMembers(row.extra, excluding: Set(members.map(\.0)))
        return .object(members)
    }

    public static func node(_ parameter: Parameter, named: Bool) -> DocumentNode {
        var members: [(String, DocumentNode)] = []
        if named { members.append(("name", .string(parameter.name))) }
        if let type = parameter.type { members.append(("type", .string(type.spelling))) }
        if let description = parameter.description { members.append(("description", .string(description))) }
        if parameter.isRequired { members.append(("required", .bool(true))) }
        if let defaultValue = parameter.defaultValue { members.append(("default", defaultValue.node)) }
        if let minimum = parameter.minimum { members.append(("min", .number(minimum))) }
        if let maximum = parameter.maximum { members.append(("max", .number(maximum))) }
        if let allowed = parameter.allowedValues { members.append(("allowed_values", .array(allowed.map(\.node)))) }
        if let items = parameter.items { members.append(("items", node(items, named: false))) }
        if let minItems = parameter.minItems { members.append(("min_items", .number(NumberLiteral(minItems)))) }
        if let maxItems = parameter.maxItems { members.append(("max_items", .number(NumberLiteral(maxItems)))) }
        if let properties = parameter.properties {
            members.append(("properties", .array(properties.map { node($0, named: true) })))
        }
        if !parameter.conditions.isEmpty { members.append(("conditions", .array(parameter.conditions.map(node)))) }
        if let deprecation = parameter.deprecation {
            members.append(("deprecated", deprecation.message.map(DocumentNode.string) ?? .bool(true)))
        }
        members += extraMembers(parameter.extra, excluding: Set(members.map(\.0)).union(["name"]))
        return .object(members)
    }

    public static func node(_ condition: ParameterCondition) -> DocumentNode {
        var members: [(String, DocumentNode)] = []
        // A condition is written in its full form with at least one structural key: an object of
        // unknown keys alone would read back as the shorthand when-clause (`{"mode": "i2v"}`).
        let structural = !condition.requires.isEmpty || !condition.excludes.isEmpty || condition.required != nil
        if !condition.when.isEmpty || !structural { members.append(("when", JSONValue.object(condition.when).node)) }
        if !condition.requires.isEmpty {
            members.append(("requires", .array(condition.requires.map(DocumentNode.string))))
        }
        if !condition.excludes.isEmpty {
            members.append(("excludes", .array(condition.excludes.map(DocumentNode.string))))
        }
        if let required = condition.required { members.append(("required", .bool(required))) }
        members += extraMembers(condition.extra, excluding: Set(members.map(\.0)))
        return .object(members)
    }

    /// Unknown fields, sorted by key; a key that collides with a known one is skipped (it was
    /// an alias spelling whose value the known field already holds).
    static func extraMembers(_ extra: [String: JSONValue], excluding known: Set<String>) -> [(String, DocumentNode)] {
        extra.keys.sorted().filter { !known.contains($0) }.map { ($0, extra[$0]!.node) }
    }
}
