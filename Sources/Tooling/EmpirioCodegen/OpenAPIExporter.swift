import EmpirioCatalog
import EmpirioDocument

/// An OpenAPI 3.1 document equivalent to a catalog: one operation per model and endpoint, and a
/// request schema per model with types, enums, minimum/maximum, defaults, descriptions and
/// required parameters, so other ecosystems' generators can consume the gateway.
///
/// OpenAPI allows one operation per path and method, and every model shares the gateway's paths,
/// so each model's operation is keyed by the path plus a fragment naming the model
/// (`/v1/chat/completions#deepseek-v4-pro`). HTTP clients never send a fragment: the request
/// goes to the real path. The `model` property of each request schema is a `const`.
public enum OpenAPIExporter {
    public static func document(
        _ catalog: Catalog, title: String = "EmpirioLabs gateway", serverURL: String = "https://api.empiriolabs.ai"
    ) -> DocumentNode {
        let models = DeclarationBuilder.uniqueModels(catalog)
        var unused: [Diagnostic] = []
        let typeNames = DeclarationBuilder().typeNames(for: models, diagnostics: &unused)
        var paths: [(String, DocumentNode)] = []
        var schemas: [(String, DocumentNode)] = []
        for (model, typeName) in zip(models, typeNames) {
            let schemaName = typeName + "Request"
            schemas.append((schemaName, requestSchema(model)))
            for endpoint in model.endpoints {
                let operationID = (endpoint.spec?.name ?? SwiftNaming.propertyName(endpoint.rawValue)) + "_" + typeName
                var operation: [(String, DocumentNode)] = [
                    ("operationId", .string(operationID)),
                    ("summary", .string("\(endpoint.rawValue) with \(model.name ?? model.id)")),
                ]
                if let category = model.category { operation.append(("tags", .array([.string(category)]))) }
                if let description = model.description { operation.append(("description", .string(description))) }
                let contentType = (endpoint.spec?.body ?? .json) == .json ? "application/json" : "multipart/form-data"
                var content: [(String, DocumentNode)] = [
                    ("application/json", .object([("schema", ref("schemas", schemaName))]))
                ]
                if contentType == "multipart/form-data" {
                    content.append(
                        (
                            "multipart/form-data",
                            .object([
                                (
                                    "schema",
                                    .object([
                                        ("type", .string("object")),
                                        (
                                            "properties",
                                            .object([
                                                (
                                                    "file",
                                                    .object([
                                                        ("type", .string("string")),
                                                        ("contentMediaType", .string("application/octet-stream")),
                                                    ])
                                                ), ("model", .object([("const", .string(model.id))])),
                                            ])
                                        ),
                                        ("required", .array([.string("model")])),
                                    ])
                                )
                            ])
                        ))
                }
                operation.append(("requestBody", .object([("required", .bool(true)), ("content", .object(content))])))
                operation.append(
                    (
                        "responses",
                        .object([
                            (
                                "200",
                                .object([
                                    ("description", .string("The result (or a job to poll at /v1/jobs/{id}).")),
                                    (
                                        "content",
                                        .object([
                                            (
                                                "application/json",
                                                .object([
                                                    (
                                                        "schema",
                                                        .object([
                                                            ("type", .string("object")),
                                                            ("additionalProperties", .bool(true)),
                                                        ])
                                                    )
                                                ])
                                            ),
                                            (
                                                "text/event-stream",
                                                .object([("schema", .object([("type", .string("string"))]))])
                                            ),
                                        ])
                                    ),
                                ])
                            ),
                            ("default", ref("responses", "Error")),
                        ])
                    ))
                paths.append(
                    (
                        endpoint.rawValue + "#" + model.id,
                        .object([((endpoint.spec?.method ?? "POST").lowercased(), .object(operation))])
                    ))
            }
        }
        schemas.append(
            (
                "Error",
                .object([
                    ("type", .string("object")),
                    (
                        "properties",
                        .object([
                            (
                                "error",
                                .object([
                                    ("type", .string("object")),
                                    (
                                        "properties",
                                        .object([
                                            ("message", .object([("type", .string("string"))])),
                                            ("type", .object([("type", .string("string"))])),
                                            (
                                                "code",
                                                .object([("type", .array([.string("string"), .string("null")]))])
                                            ),
                                            (
                                                "param",
                                                .object([("type", .array([.string("string"), .string("null")]))])
                                            ),
                                        ])
                                    ),
                                    ("required", .array([.string("message")])),
                                ])
                            )
                        ])
                    ),
                ])
            ))
        return .object([
            ("openapi", .string("3.1.0")),
            (
                "info",
                .object([
                    ("title", .string(title)),
                    ("version", .string(String(Generator.digest(of: catalog).prefix(12)))),
                    (
                        "description",
                        .string(
                            "Generated by \(Generator.toolName) \(Generator.version) from a catalog of \(models.count) models. Each operation's path carries a #model fragment to keep operations unique; it is never sent."
                        )
                    ),
                ])
            ),
            ("servers", .array([.object([("url", .string(serverURL))])])),
            ("security", .array([.object([("bearerAuth", .array([]))]), .object([("apiKeyHeader", .array([]))])])),
            ("paths", .object(paths)),
            (
                "components",
                .object([
                    (
                        "securitySchemes",
                        .object([
                            ("bearerAuth", .object([("type", .string("http")), ("scheme", .string("bearer"))])),
                            (
                                "apiKeyHeader",
                                .object([
                                    ("type", .string("apiKey")), ("in", .string("header")),
                                    ("name", .string("x-api-key")),
                                ])
                            ),
                        ])
                    ),
                    ("schemas", .object(schemas)),
                    (
                        "responses",
                        .object([
                            (
                                "Error",
                                .object([
                                    (
                                        "description",
                                        .string(
                                            "An error envelope (OpenAI shape; /v1/messages uses the Anthropic shape).")
                                    ),
                                    (
                                        "content",
                                        .object([("application/json", .object([("schema", ref("schemas", "Error"))]))])
                                    ),
                                ])
                            )
                        ])
                    ),
                ])
            ),
        ])
    }

    static func ref(_ section: String, _ name: String) -> DocumentNode {
        .object([("$ref", .string("#/components/\(section)/\(name)"))])
    }

    static func requestSchema(_ model: Model) -> DocumentNode {
        var properties: [(String, DocumentNode)] = [
            ("model", .object([("const", .string(model.id)), ("description", .string("The model id."))]))
        ]
        var required: [DocumentNode] = [.string("model")]
        var seen = Set<String>(["model"])
        for parameter in model.parameters where seen.insert(parameter.name).inserted {
            properties.append((parameter.name, schema(parameter)))
            if parameter.isRequired { required.append(.string(parameter.name)) }
        }
        var members: [(String, DocumentNode)] = [("type", .string("object"))]
        if let description = model.description { members.append(("description", .string(description))) }
        members += [
            ("properties", .object(properties)), ("required", .array(required)), ("additionalProperties", .bool(true)),
        ]
        return .object(members)
    }

    static func schema(_ parameter: Parameter) -> DocumentNode {
        var members: [(String, DocumentNode)] = []
        switch parameter.effectiveType {
        case .string: members.append(("type", .string("string")))
        case .integer: members.append(("type", .string("integer")))
        case .number: members.append(("type", .string("number")))
        case .boolean: members.append(("type", .string("boolean")))
        case .array:
            members.append(("type", .string("array")))
            if let items = parameter.items { members.append(("items", schema(items))) }
            if let minItems = parameter.minItems { members.append(("minItems", .number(NumberLiteral(minItems)))) }
            if let maxItems = parameter.maxItems { members.append(("maxItems", .number(NumberLiteral(maxItems)))) }
        case .object:
            members.append(("type", .string("object")))
            if let nested = parameter.properties, !nested.isEmpty {
                var seen = Set<String>()
                members.append(
                    (
                        "properties",
                        .object(nested.filter { seen.insert($0.name).inserted }.map { ($0.name, schema($0)) })
                    ))
                let required = nested.filter(\.isRequired).map { DocumentNode.string($0.name) }
                if !required.isEmpty { members.append(("required", .array(required))) }
            }
        case .json, .other, .enumeration:
            break
        }
        // Allowed values and a default of other kinds than the declared type (`[false, "basic",
        // "pro"]` on a string) widen `type` to the list of kinds present, as OpenAPI 3.1 allows,
        // so every listed value validates against its own schema.
        let values = (parameter.allowedValues ?? []).filter { !($0.numberValue.map { !$0.isFinite } ?? false) }
        var defaultValue = parameter.defaultValue.flatMap {
            $0 == .null || ($0.numberValue.map { !$0.isFinite } ?? false) ? nil : $0
        }
        if let value = defaultValue, !values.isEmpty, !values.contains(value) { defaultValue = nil }
        if let number = defaultValue?.numberValue {
            if let minimum = parameter.minimum, minimum.isFinite, number < minimum { defaultValue = nil }
            if let maximum = parameter.maximum, maximum.isFinite, number > maximum { defaultValue = nil }
        }
        if let index = members.firstIndex(where: { $0.0 == "type" }),
            case .string(let declared) = members[index].1.value
        {
            var kinds = [declared]
            for value in values + (defaultValue.map { [$0] } ?? []) {
                let kind = Self.kind(of: value)
                if kind == declared || (kind == "integer" && declared == "number") { continue }
                if kind == "number" && declared == "integer", let at = kinds.firstIndex(of: "integer") {
                    kinds[at] = "number"
                    continue
                }
                if !kinds.contains(kind) && !(kind == "integer" && kinds.contains("number")) { kinds.append(kind) }
            }
            if kinds.count > 1 || kinds != [declared] {
                members[index].1 = kinds.count == 1 ? .string(kinds[0]) : .array(kinds.map(DocumentNode.string))
            }
        }
        if let description = parameter.description { members.append(("description", .string(description))) }
        if !values.isEmpty { members.append(("enum", .array(values.map(\.node)))) }
        if let minimum = parameter.minimum, minimum.isFinite { members.append(("minimum", .number(minimum))) }
        if let maximum = parameter.maximum, maximum.isFinite { members.append(("maximum", .number(maximum))) }
        if let value = defaultValue { members.append(("default", value.node)) }
        if parameter.deprecation != nil { members.append(("deprecated", .bool(true))) }
        return .object(members)
    }

    /// The JSON Schema type of a value.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let number): return number.isIntegerLiteral ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
