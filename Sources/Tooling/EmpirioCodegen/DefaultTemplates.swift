// Written by Templates/embed.sh from Templates/*.mustache. Do not edit: edit the templates and run the script.

/// The templates the generator ships with, by name (`empirio templates export DIR` writes them out).
enum DefaultTemplates {
    static let all: [String: String] = [
        "enum": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#docComment}}
        {{.}}
        {{/docComment}}
        {{access}}enum {{name}}: OpenEnum {
            {{#cases}}
            {{#docComment}}
            {{.}}
            {{/docComment}}
            case {{name}}
            {{/cases}}
            {{otherDoc}}
            case other({{rawType}})

            {{access}}init(rawValue: {{rawType}}) {
                switch rawValue {
                {{#cases}}
                case {{literal}}: self = .{{name}}
                {{/cases}}
                default: self = .other(rawValue)
                }
            }

            {{access}}var rawValue: {{rawType}} {
                switch self {
                {{#cases}}
                case .{{name}}: return {{literal}}
                {{/cases}}
                case .other(let value): return value
                }
            }

            {{access}}static let knownCases: [{{name}}] = [{{#cases}}.{{name}}{{^isLast}}, {{/isLast}}{{/cases}}]
        }

        """#,
        "model": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{header}}

        {{#imports}}
        {{.}}
        {{/imports}}

        {{#docComment}}
        {{.}}
        {{/docComment}}
        {{access}}enum {{typeName}}: {{conformances}} {
            {{access}}static let id: ModelID = {{idLiteral}}

            {{#metadata}}
            {{access}}static let metadata = ModelMetadata(
                id: {{idLiteral}},
                name: {{name}},
                provider: {{provider}},
                category: {{category}},
                summary: {{summary}},
                inputModalities: {{inputModalities}},
                outputModalities: {{outputModalities}},
                contextWindow: {{contextWindow}},
                endpoints: {{endpoints}},
                features: {{features}},
                {{^hasPricing}}
                pricing: [],
                {{/hasPricing}}
                {{#hasPricing}}
                pricing: [
                    {{#pricing}}
                    PricingRate(label: {{label}}, unit: {{unit}}, priceUSD: {{priceUSD}}, per: {{per}}, tier: {{tier}}){{^isLast}},{{/isLast}}
                    {{/pricing}}
                ],
                {{/hasPricing}}
                supportsPassthrough: {{supportsPassthrough}}
            )
            {{/metadata}}

        {{{nestedTypes}}}
        }

        """#,
        "registry": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{header}}

        {{#imports}}
        {{.}}
        {{/imports}}

        /// Every model of the catalog, by id, by category and by endpoint.
        {{access}}enum ModelRegistry {
            /// Every model, sorted by id.
            {{access}}static let all: [any CatalogModel.Type] = [
                {{#models}}
                {{typeName}}.self{{^isLast}},{{/isLast}}
                {{/models}}
            ]

            /// The models by id.
            {{access}}static let byID: [ModelID: any CatalogModel.Type] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

            /// The model with this id, if the catalog has it.
            {{access}}static func model(id: String) -> (any CatalogModel.Type)? {
                byID[ModelID(id)]
            }

            /// The models in a category (`text`, `image`, `video`, ...).
            {{access}}static func models(inCategory category: String) -> [any CatalogModel.Type] {
                all.filter { $0.metadata.category == category }
            }

            /// The models that accept an endpoint.
            {{access}}static func models(supporting endpoint: EndpointPath) -> [any CatalogModel.Type] {
                all.filter { $0.metadata.supports(endpoint) }
            }
            {{#endpointLists}}

            {{#docComment}}
            {{.}}
            {{/docComment}}
            {{#isEmpty}}
            {{access}}static let {{name}}: [any {{protocolName}}.Type] = []
            {{/isEmpty}}
            {{^isEmpty}}
            {{access}}static let {{name}}: [any {{protocolName}}.Type] = [
                {{#models}}
                {{typeName}}.self{{^isLast}},{{/isLast}}
                {{/models}}
            ]
            {{/isEmpty}}
            {{/endpointLists}}
        }

        """#,
        "struct": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#docComment}}
        {{.}}
        {{/docComment}}
        {{access}}struct {{name}}: {{conformances}} {
            {{#properties}}
            {{#docComment}}
            {{.}}
            {{/docComment}}
            {{access}}var {{name}}: {{type}}
            {{^isLast}}

            {{/isLast}}
            {{/properties}}
            {{#hasProperties}}

            enum CodingKeys: String, CodingKey {
                {{#codingKeys}}
                {{declaration}}
                {{/codingKeys}}
            }

            /// Every property, required ones first.
            {{access}}init(
                {{#initArguments}}
                {{text}}{{^isLast}},{{/isLast}}
                {{/initArguments}}
            ) {
                {{#initAssignments}}
                {{.}}
                {{/initAssignments}}
            }
            {{/hasProperties}}
            {{^hasProperties}}
            {{access}}init() {}
            {{/hasProperties}}

            /// Every violation of the catalog's constraints, all at once; empty when the values are valid.
            {{access}}func validate() -> [ParameterViolation] {
                {{#hasChecks}}
                var check = ParameterCheck()
                {{#checks}}
                {{.}}
                {{/checks}}
                return check.violations
                {{/hasChecks}}
                {{^hasChecks}}
                []
                {{/hasChecks}}
            }
            {{#hasNestedTypes}}

        {{{nestedTypes}}}
            {{/hasNestedTypes}}
        }

        """#,
    ]
}
