// Written by Templates/embed.sh from Templates/*.mustache. Do not edit: edit the templates and run the script.

/// The templates the generator ships with, by name (`empirio templates export DIR` writes them out).
enum DefaultTemplates {
    static let all: [String: String] = [
        "enum": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#doc}}
            ///{{#text}} {{.}}{{/text}}
        {{/doc}}
            {{access}}typealias {{name}} = EmpirioRuntime.OpenEnum<{{valuesName}}>

            /// The values the catalog lists for ``{{name}}``, in its order.
            {{access}}enum {{valuesName}}: EmpirioRuntime.OpenEnumValues {
                {{access}}static var knownRawValues: [{{rawType}}] { [{{#cases}}{{literal}}{{^last()}}, {{/last()}}{{/cases}}] }
            }

        """#,
        "model": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{header}}

        {{#imports}}
        {{#isExported}}@_exported {{/isExported}}{{#spi}}@_spi({{.}}) {{/spi}}import {{module}}
        {{/imports}}

        {{#doc}}
        ///{{#text}} {{.}}{{/text}}
        {{/doc}}
        {{access}}enum {{typeName}}: {{#conformances}}{{.}}{{^last()}}, {{/last()}}{{/conformances}} {
            {{access}}static let id: EmpirioRuntime.ModelID = {{id}}

            {{#metadata}}
            {{access}}static let metadata = EmpirioRuntime.ModelMetadata(
                id: {{id}},
                name: {{name}},
                provider: {{provider}},
                category: {{category}},
                summary: {{summary}},
                inputModalities: [{{#inputModalities}}{{.}}{{^last()}}, {{/last()}}{{/inputModalities}}],
                outputModalities: [{{#outputModalities}}{{.}}{{^last()}}, {{/last()}}{{/outputModalities}}],
                contextWindow: {{contextWindow}},
                endpoints: [{{#endpoints}}{{.}}{{^last()}}, {{/last()}}{{/endpoints}}],
                features: [{{#features}}{{.}}{{^last()}}, {{/last()}}{{/features}}],
                {{^hasPricing}}
                pricing: [],
                {{/hasPricing}}
                {{#hasPricing}}
                pricing: [
                    {{#pricing}}
                    EmpirioRuntime.PricingRate({{arguments}}){{^last()}},{{/last()}}
                    {{/pricing}}
                ],
                {{/hasPricing}}
                {{^hasPricedParameters}}
                supportsPassthrough: {{supportsPassthrough}}
                {{/hasPricedParameters}}
                {{#hasPricedParameters}}
                supportsPassthrough: {{supportsPassthrough}},
                pricedParameters: [
                    {{#pricedParameters}}
                    EmpirioRuntime.PricedParameter({{.}}){{^last()}},{{/last()}}
                    {{/pricedParameters}}
                ]
                {{/hasPricedParameters}}
            )
            {{/metadata}}
            {{#aliases}}
            {{#alias}}

            {{#doc}}
            ///{{#text}} {{.}}{{/text}}
            {{/doc}}
            {{access}}typealias {{name}} = {{target}}
            {{/alias}}
            {{/aliases}}
        }
        {{#extensions}}

        extension {{owner}} {
        {{#members}}
        {{^first()}}

        {{/first()}}
        {{#struct}}
        {{> struct}}
        {{/struct}}
        {{#enum}}
        {{> enum}}
        {{/enum}}
        {{/members}}
        }
        {{/extensions}}
        {{#openEnums}}

        extension EmpirioRuntime.OpenEnum<{{valuesType}}> {
        {{#cases}}
        {{#doc}}
            ///{{#text}} {{.}}{{/text}}
        {{/doc}}
            {{access}}static var {{name}}: Self { Self(rawValue: {{literal}}) }
        {{/cases}}
        }
        {{/openEnums}}

        """#,
        "registry": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{header}}

        {{#imports}}
        {{#isExported}}@_exported {{/isExported}}{{#spi}}@_spi({{.}}) {{/spi}}import {{module}}
        {{/imports}}

        /// Every model of the catalog, by id, by category and by endpoint.
        {{access}}enum ModelRegistry {
            /// Every model, sorted by id.
            {{access}}static let all: [any EmpirioRuntime.CatalogModel.Type] = [
        {{#models}}
                {{.}}.self{{^last()}},{{/last()}}
        {{/models}}
            ]

            /// The models by id.
            {{access}}static let byID: [EmpirioRuntime.ModelID: any EmpirioRuntime.CatalogModel.Type] = Swift.Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

            /// The model with this id, if the catalog has it.
            {{access}}static func model(id: Swift.String) -> (any EmpirioRuntime.CatalogModel.Type)? {
                byID[EmpirioRuntime.ModelID(id)]
            }

            /// The models in a category (`text`, `image`, `video`, ...).
            {{access}}static func models(inCategory category: Swift.String) -> [any EmpirioRuntime.CatalogModel.Type] {
                all.filter { $0.metadata.category == category }
            }

            /// The models that accept an endpoint.
            {{access}}static func models(supporting endpoint: EmpirioRuntime.EndpointPath) -> [any EmpirioRuntime.CatalogModel.Type] {
                all.filter { $0.metadata.supports(endpoint) }
            }
        {{#endpointLists}}

            /// Every model that accepts `POST {{endpoint}}`.
        {{^hasModels}}
            {{access}}static let {{name}}: [any {{protocolName}}.Type] = []
        {{/hasModels}}
        {{#hasModels}}
            {{access}}static let {{name}}: [any {{protocolName}}.Type] = [
        {{#models}}
                {{.}}.self{{^last()}},{{/last()}}
        {{/models}}
            ]
        {{/hasModels}}
        {{/endpointLists}}
        }

        """#,
        "shared": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{header}}

        {{#imports}}
        {{#isExported}}@_exported {{/isExported}}{{#spi}}@_spi({{.}}) {{/spi}}import {{module}}
        {{/imports}}

        {{#doc}}
        ///{{#text}} {{.}}{{/text}}
        {{/doc}}
        {{access}}enum {{typeName}} {
        {{#namespaces}}
        {{^first()}}

        {{/first()}}
        {{#doc}}
            ///{{#text}} {{.}}{{/text}}
        {{/doc}}
            {{access}}enum {{name}} {}
        {{/namespaces}}
        }
        {{#extensions}}

        extension {{owner}} {
        {{#members}}
        {{^first()}}

        {{/first()}}
        {{#struct}}
        {{> struct}}
        {{/struct}}
        {{#enum}}
        {{> enum}}
        {{/enum}}
        {{#alias}}
        {{#doc}}
            ///{{#text}} {{.}}{{/text}}
        {{/doc}}
            {{access}}typealias {{name}} = {{target}}
        {{/alias}}
        {{/members}}
        }
        {{/extensions}}
        {{#openEnums}}

        extension EmpirioRuntime.OpenEnum<{{valuesType}}> {
        {{#cases}}
        {{#doc}}
            ///{{#text}} {{.}}{{/text}}
        {{/doc}}
            {{access}}static var {{name}}: Self { Self(rawValue: {{literal}}) }
        {{/cases}}
        }
        {{/openEnums}}

        """#,
        "struct": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#doc}}
            ///{{#text}} {{.}}{{/text}}
        {{/doc}}
            {{access}}struct {{name}}: {{#conformances}}{{.}}{{^last()}}, {{/last()}}{{/conformances}} {
        {{#properties}}
        {{^first()}}

        {{/first()}}
        {{#doc}}
                ///{{#text}} {{.}}{{/text}}
        {{/doc}}
        {{^availability}}
                {{access}}var {{name}}: {{type}}{{#isOptional}}?{{/isOptional}}
        {{/availability}}
        {{#availability}}
                {{.}}
                {{access}}var {{name}}: {{type}}{{#isOptional}}?{{/isOptional}} {
                    get { {{storage}} }
                    set { {{storage}} = newValue }
                }
                /// The storage of the deprecated `{{bareName}}`: the generated code reads and writes it without the warning.
                private var {{storage}}: {{type}}{{#isOptional}}?{{/isOptional}}
        {{/availability}}
        {{/properties}}
        {{#hasProperties}}
        {{#hasMemberwiseInit}}
        {{#hasInitArguments}}

                /// Creates the parameters from every property, required ones first; optional ones
                /// default to `nil` (not sent, so the gateway applies its default).
                {{access}}init(
        {{#initArguments}}
                    {{name}}: {{type}}{{#isOptional}}? = nil{{/isOptional}}{{^last()}},{{/last()}}
        {{/initArguments}}
                ) {
        {{#properties}}
        {{^deprecatedArgument}}
                    self.{{storage}} = {{name}}
        {{/deprecatedArgument}}
        {{/properties}}
                }
        {{/hasInitArguments}}
        {{^hasInitArguments}}

                /// Creates the parameters with none set; every one is deprecated.
                {{access}}init() {}
        {{/hasInitArguments}}
        {{#deprecatedInit}}

                /// Creates the parameters from every property, the deprecated ones included (a call
                /// that names none of them takes the initialiser above, which needs fewer defaults).
                {{availability}}
                {{access}}init(
        {{#arguments}}
                    {{name}}: {{type}}{{#isOptional}}? = nil{{/isOptional}}{{^last()}},{{/last()}}
        {{/arguments}}
                ) {
        {{#properties}}
                    self.{{storage}} = {{name}}
        {{/properties}}
                }
        {{/deprecatedInit}}
        {{/hasMemberwiseInit}}
        {{^hasMemberwiseInit}}

                /// Creates the parameters from the required ones; set the others one by one (a table
                /// this wide gets no initialiser taking every property: it would compile slowly).
                {{access}}init({{#requiredProperties}}{{name}}: {{type}}{{^last()}}, {{/last()}}{{/requiredProperties}}) {
        {{#requiredProperties}}
                    self.{{storage}} = {{name}}
        {{/requiredProperties}}
                }
        {{/hasMemberwiseInit}}
        {{/hasProperties}}
        {{^hasProperties}}

                /// Creates the parameters; this table has none.
                {{access}}init() {}
        {{/hasProperties}}

                /// Decodes the parameters from their wire names.
                {{access}}init(from decoder: any Swift.Decoder) throws {
                    {{#hasOptionalProperties}}var{{/hasOptionalProperties}}{{^hasOptionalProperties}}let{{/hasOptionalProperties}} reader = try EmpirioRuntime.ParameterReader(decoder)
                    self.init({{#requiredProperties}}{{argumentLabel}}: try reader.required({{wire}}){{^last()}}, {{/last()}}{{/requiredProperties}})
        {{#hasOptionalProperties}}
                    readOptionalProperties(&reader)
        {{/hasOptionalProperties}}
                    try reader.finish()
                }
        {{#hasOptionalProperties}}

                /// Reads the optional properties; a method, where the initialiser's checks of every
                /// stored property do not apply to each assignment.
                private mutating func readOptionalProperties(_ reader: inout EmpirioRuntime.ParameterReader) {
        {{#optionalProperties}}
                    self.{{storage}} = reader.optional({{wire}})
        {{/optionalProperties}}
                }
        {{/hasOptionalProperties}}

                /// Encodes the parameters under their wire names; optional ones that are not set are left out.
                {{access}}func encode(to encoder: any Swift.Encoder) throws {
                    {{#hasProperties}}var{{/hasProperties}}{{^hasProperties}}let{{/hasProperties}} writer = EmpirioRuntime.ParameterWriter(encoder)
        {{#properties}}
                    writer.write(self.{{storage}}, {{wire}})
        {{/properties}}
                    try writer.finish()
                }

                /// Every violation of the catalog's constraints, all at once; empty when the values are valid.
                {{access}}func validate() -> [EmpirioRuntime.ParameterViolation] {
        {{#hasChecks}}
                    var check = EmpirioRuntime.ParameterCheck()
        {{#checks}}
        {{#range}}
                    check.range({{property}}, {{wire}}{{#min}}, min: {{.}}{{/min}}{{#max}}, max: {{.}}{{/max}})
        {{/range}}
        {{#allowedCases}}
                    check.allowed({{property}}, {{wire}})
        {{/allowedCases}}
        {{#allowedValues}}
                    check.allowed({{property}}, {{wire}}, in: [{{#values}}{{.}}{{^last()}}, {{/last()}}{{/values}}])
        {{/allowedValues}}
        {{#allowedModes}}
                    check.allowed({{property}}, {{wire}}, modes: [{{#modes}}{{.}}{{^last()}}, {{/last()}}{{/modes}}])
        {{/allowedModes}}
        {{#allowedTypes}}
                    check.allowed({{property}}, {{wire}}, types: [{{#types}}{{.}}{{^last()}}, {{/last()}}{{/types}}])
        {{/allowedTypes}}
        {{#count}}
                    check.count({{property}}, {{wire}}{{#min}}, min: {{.}}{{/min}}{{#max}}, max: {{.}}{{/max}})
        {{/count}}
        {{#nested}}
                    check.nested({{wire}}, {{property}})
        {{/nested}}
        {{#requires}}
                    check.requires({{wire}}, {{property}}, {{other}}, {{otherProperty}}{{#fallback}}, default: {{.}}{{/fallback}})
        {{/requires}}
        {{#excludes}}
                    check.excludes({{wire}}, {{property}}, {{other}}, isSet: {{#otherProperty}}{{.}} != nil{{/otherProperty}}{{^otherProperty}}true{{/otherProperty}})
        {{/excludes}}
        {{#when}}
                    check.when({{#negated}}!({{/negated}}{{#tests}}check.matches({{property}}{{#fallback}}, default: {{.}}{{/fallback}}, {{values}}){{^last()}} && {{/last()}}{{/tests}}{{#negated}}){{/negated}}, {{clause}}, {{wire}}, {{property}}, required: {{required}})
        {{/when}}
        {{/checks}}
                    return check.violations
        {{/hasChecks}}
        {{^hasChecks}}
                    []
        {{/hasChecks}}
                }
            }

        """#,
    ]
}
