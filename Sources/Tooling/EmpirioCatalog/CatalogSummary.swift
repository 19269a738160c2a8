/// Counts that describe a catalog: what `empirio validate` prints.
public struct CatalogSummary: Hashable, Sendable, Codable {
    public var models: Int
    /// Parameters across all models (nested properties not counted).
    public var parameters: Int
    /// Parameters restricted to a list of allowed values (each becomes an enum).
    public var enums: Int
    /// Distinct endpoints.
    public var endpoints: Int
    /// Models per endpoint path.
    public var modelsPerEndpoint: [String: Int]
    /// Models per category.
    public var modelsPerCategory: [String: Int]

    public init(_ catalog: Catalog) {
        models = catalog.models.count
        parameters = catalog.models.reduce(0) { $0 + $1.parameters.count }
        enums = catalog.models.reduce(0) { total, model in
            total + model.parameters.reduce(0) { $0 + CatalogSummary.enumCount($1) }
        }
        var perEndpoint: [String: Int] = [:]
        var perCategory: [String: Int] = [:]
        for model in catalog.models {
            for endpoint in Set(model.endpoints) { perEndpoint[endpoint.rawValue, default: 0] += 1 }
            perCategory[model.category ?? "(none)", default: 0] += 1
        }
        endpoints = perEndpoint.count
        modelsPerEndpoint = perEndpoint
        modelsPerCategory = perCategory
    }

    /// Enums in a parameter, its items and its nested properties.
    static func enumCount(_ parameter: Parameter) -> Int {
        var count = (parameter.allowedValues?.isEmpty ?? true) ? 0 : 1
        if let items = parameter.items { count += enumCount(items) }
        for property in parameter.properties ?? [] { count += enumCount(property) }
        return count
    }
}
