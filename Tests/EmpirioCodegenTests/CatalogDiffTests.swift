import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// Fixture pairs for every change class, with their expected classification.
@Suite("Catalog diff")
struct CatalogDiffTests {
    @Test(
        "the diff's symbols-only build names every symbol as the generator's full build does (committed catalog, every combination, seeded random tables)"
    )
    func symbolsOnlyMatchesTheFullBuild() throws {
        var models = try CatalogLoader.load(
            contentsOf: SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path
        ).catalog.models
        var random = SplitMix64(seed: 11)
        var table = GenerativeCompileTests.combinationParameters()
        for _ in 0..<40 {
            var names: [String] = []
            table += (0..<10).map { _ in
                GenerativeCompileTests.randomParameter(depth: 0, names: &names, random: &random)
            }
        }
        let generated: JSONValue = [
            "data": [
                GenerativeCompileTests.model("shapes", endpoints: ["/v1/chat/completions"], parameters: .array(table))
            ]
        ]
        models += try CatalogLoader.load(string: generated.compactJSON, format: .json, file: "shapes.json").catalog
            .models
        for model in models {
            let typeName = SwiftNaming.typeName(model.id)
            var full = ModelBuilder(options: GenerationOptions(), typeName: typeName)
            let expected = full.build(model).symbols
            #expect(DeclarationBuilder().symbols(of: model, typeName: typeName) == expected, "\(model.id)")
            #expect(!expected.properties.isEmpty || model.parameters.isEmpty, "\(model.id)")
        }
    }

    static let base = Model(
        id: "wan2-7-image", name: "Wan 2.7 Image", category: "image", contextWindow: nil,
        pricing: [PricingRow(label: "Image", unit: "image", priceUSD: NumberLiteral("0.04"), per: 1)],
        endpoints: [.imageGenerations, .imageAnalysis], features: ["image_editing"], supportsPassthrough: false,
        parameters: [
            Parameter(name: "prompt", type: .string, isRequired: true),
            Parameter(name: "num_images", type: .integer, defaultValue: 1, minimum: 1, maximum: 4),
            Parameter(name: "aspect_ratio", type: .string, allowedValues: ["1:1", "16:9"]),
            Parameter(name: "seed", type: .integer),
            Parameter(name: "image", type: .array, items: Parameter(name: "", type: .string), maxItems: 9),
            Parameter(name: "mode", type: .string, allowedValues: ["t2i", "i2i"]),
            Parameter(name: "strength", type: .number, conditions: [ParameterCondition(requires: ["image"])]),
            Parameter(
                name: "style", type: .object,
                properties: [Parameter(name: "preset", type: .string, allowedValues: ["anime", "photo"])]),
        ])

    static func changed(_ edit: (inout Model) -> Void) -> Catalog {
        var model = base
        edit(&model)
        return Catalog(models: [model])
    }

    static func parameter(_ model: inout Model, _ name: String, _ edit: (inout Parameter) -> Void) {
        let index = model.parameters.firstIndex { $0.name == name }!
        edit(&model.parameters[index])
    }

    static let cases: [(String, Catalog, [(CatalogDiff.Severity, String, String?)])] = [
        ("model removed", Catalog(models: []), [(.breaking, "model_removed", nil)]),
        ("model added", Catalog(models: [base, Model(id: "seedream-5-0-lite")]), [(.additive, "model_added", nil)]),
        ("endpoint removed", changed { $0.endpoints = [.imageGenerations] }, [(.breaking, "endpoint_removed", nil)]),
        ("endpoint added", changed { $0.endpoints.append(.chatCompletions) }, [(.additive, "endpoint_added", nil)]),
        (
            "features", changed { $0.features = ["image_editing", "thinking"] },
            [(.informational, "features_changed", nil)]
        ),
        (
            "pricing", changed { $0.pricing[0].priceUSD = NumberLiteral("0.05") },
            [(.informational, "price_increased", nil)]
        ),
        ("context window", changed { $0.contextWindow = 4096 }, [(.informational, "context_window_changed", nil)]),
        ("passthrough", changed { $0.supportsPassthrough = true }, [(.informational, "passthrough_changed", nil)]),
        (
            "optional parameter added",
            changed { $0.parameters.append(Parameter(name: "negative_prompt", type: .string)) },
            [(.additive, "parameter_added", "negative_prompt")]
        ),
        (
            "required parameter added",
            changed { $0.parameters.append(Parameter(name: "style_id", type: .string, isRequired: true)) },
            [(.breaking, "parameter_added", "style_id")]
        ),
        (
            "parameter removed", changed { $0.parameters.removeAll { $0.name == "seed" } },
            [(.breaking, "parameter_removed", "seed")]
        ),
        (
            "type changed", changed { parameter(&$0, "seed") { $0.type = .string } },
            [(.breaking, "parameter_type_changed", "seed")]
        ),
        (
            "default changed", changed { parameter(&$0, "num_images") { $0.defaultValue = 2 } },
            [(.informational, "parameter_default_changed", "num_images")]
        ),
        (
            "range narrowed", changed { parameter(&$0, "num_images") { $0.maximum = 2 } },
            [(.breaking, "parameter_range_narrowed", "num_images")]
        ),
        (
            "range widened", changed { parameter(&$0, "num_images") { $0.maximum = 8 } },
            [(.additive, "parameter_range_widened", "num_images")]
        ),
        (
            "bound added", changed { parameter(&$0, "seed") { $0.minimum = 0 } },
            [(.breaking, "parameter_range_narrowed", "seed")]
        ),
        (
            "allowed value added",
            changed { parameter(&$0, "aspect_ratio") { $0.allowedValues = ["1:1", "16:9", "9:16"] } },
            [(.additive, "parameter_allowed_values_added", "aspect_ratio")]
        ),
        (
            "allowed value removed", changed { parameter(&$0, "aspect_ratio") { $0.allowedValues = ["1:1"] } },
            [(.breaking, "parameter_allowed_values_removed", "aspect_ratio")]
        ),
        (
            "required changed", changed { parameter(&$0, "seed") { $0.isRequired = true } },
            [(.breaking, "parameter_required_changed", "seed")]
        ),
        (
            "condition added",
            changed {
                parameter(&$0, "mode") {
                    $0.conditions = [ParameterCondition(when: ["aspect_ratio": "1:1"], required: true)]
                }
            }, [(.breaking, "parameter_conditions_changed", "mode")]
        ),
        (
            "condition relaxed", changed { parameter(&$0, "strength") { $0.conditions = [] } },
            [(.additive, "parameter_conditions_changed", "strength")]
        ),
        (
            "deprecated",
            changed { parameter(&$0, "seed") { $0.deprecation = Deprecation(message: "Use noise_seed") } },
            [(.informational, "parameter_deprecated", "seed")]
        ),
        (
            "item count narrowed", changed { parameter(&$0, "image") { $0.maxItems = 3 } },
            [(.breaking, "parameter_count_narrowed", "image")]
        ),
        (
            "nested enum value removed",
            changed { parameter(&$0, "style") { $0.properties![0].allowedValues = ["anime"] } },
            [(.breaking, "parameter_allowed_values_removed", "style.preset")]
        ),
    ]

    @Test("every change class is classified", arguments: cases.indices)
    func classification(index: Int) {
        let (name, new, expected) = Self.cases[index]
        let diff = CatalogDiff.compare(Catalog(models: [Self.base]), new)
        let actual = diff.changes.map { ($0.severity, $0.kind, $0.parameter) }
        #expect(actual.count == expected.count, "\(name): \(diff.changes.map(\.message))")
        for (got, want) in zip(actual, expected) {
            #expect(got.0 == want.0 && got.1 == want.1 && got.2 == want.2, "\(name): got \(got), want \(want)")
        }
    }

    @Test("changes name the Swift symbols generated from the old catalog")
    func symbols() {
        let narrowed = CatalogDiff.compare(Catalog(models: [Self.base]), Self.cases[13].1)
        #expect(narrowed.changes.first?.symbols == ["Wan2_7Image.Parameters.numImages"])
        let removedCase = CatalogDiff.compare(Catalog(models: [Self.base]), Self.cases[17].1)
        #expect(removedCase.changes.first?.symbols == ["Wan2_7Image.AspectRatio.ratio16x9"])
        let endpoint = CatalogDiff.compare(Catalog(models: [Self.base]), Self.cases[2].1)
        #expect(endpoint.changes.first?.symbols == ["Wan2_7Image: ImageAnalysisModel"])
        let nested = CatalogDiff.compare(Catalog(models: [Self.base]), Self.cases[23].1)
        #expect(nested.changes.first?.symbols == ["Wan2_7Image.Style.Preset.photo"])
        #expect(CatalogDiff.compare(Catalog(models: [Self.base]), Catalog(models: [Self.base])).changes.isEmpty)
        // A deprecation names the symbol that now warns where the app uses it.
        let deprecated = CatalogDiff.compare(Catalog(models: [Self.base]), Self.cases.first { $0.0 == "deprecated" }!.1)
        #expect(deprecated.changes.first?.symbols == ["Wan2_7Image.Parameters.seed"])
        #expect(
            deprecated.changes.first?.message
                == "deprecated: Use noise_seed; the app's uses of Wan2_7Image.Parameters.seed now warn")
    }

    @Test("a model that loses or gains tools or json_schema is a conformance change, named as the generator names it")
    func conformances() {
        let chat = Model(
            id: "deepseek-v4-pro", endpoints: [.chatCompletions, .messages],
            parameters: [
                Parameter(name: "tools", type: .array, items: Parameter(name: "", type: .object)),
                Parameter(
                    name: "response_format", type: .object,
                    properties: [Parameter(name: "type", type: .string, allowedValues: ["text", "json_schema"])]),
            ])
        var narrowed = chat
        narrowed.parameters[1].properties = [
            Parameter(name: "type", type: .string, allowedValues: ["text", "json_object"])
        ]
        narrowed.parameters.removeFirst()
        let lost = CatalogDiff.compare(Catalog(models: [chat]), Catalog(models: [narrowed]))
        let conformance = lost.changes.filter { $0.kind == "conformance_removed" }
        #expect(
            conformance.map(\.symbols) == [
                ["DeepseekV4Pro: ToolCallingModel"], ["DeepseekV4Pro: StructuredOutputModel"],
            ])
        #expect(conformance.allSatisfy { $0.severity == .breaking })
        let gained = CatalogDiff.compare(Catalog(models: [narrowed]), Catalog(models: [chat]))
        #expect(gained.changes.filter { $0.kind == "conformance_added" }.count == 2)
    }

    @Test("the JSON output has its documented shape; text and Markdown carry the same changes")
    func outputs() throws {
        let diff = CatalogDiff.compare(Catalog(models: [Self.base]), Self.cases[13].1)
        let root = try JSONParser().parse(diff.json(old: "a.json", new: "b.json"))
        #expect(root.members?.map(\.key) == ["old", "new", "summary", "changes"])
        #expect(
            root["summary"]?.members?.map(\.key) == [
                "breaking", "additive", "informational", "models_added", "models_removed", "models_changed",
            ])
        let change = try #require(root["changes"]?.items?.first)
        #expect(
            change.members?.map(\.key) == [
                "severity", "kind", "model", "parameter", "old", "new", "message", "symbols", "percent",
            ])
        #expect(change["old"]?.stringValue == "1...4")
        #expect(change["new"]?.stringValue == "1...2")
        let text = diff.text(old: "a.json", new: "b.json")
        #expect(
            text.hasPrefix(
                "a.json → b.json: 1 breaking, 0 additive, 0 informational (0 models added, 0 removed, 1 changed)"))
        #expect(!text.contains("\u{1B}["))
        #expect(diff.text(old: "a", new: "b", colour: true).contains("\u{1B}[1;31mBREAKING"))
        let markdown = diff.markdown(old: "a.json", new: "b.json")
        #expect(
            markdown.contains(
                "| `wan2-7-image` | `num_images` | range narrowed 1...4 → 1...2: values that validated may now be rejected | `Wan2_7Image.Parameters.numImages` |"
            ))
    }
}

@Suite("OpenAPI export")
struct OpenAPIExportTests {
    @Test("one operation per model and endpoint, a request schema per model")
    func structure() throws {
        let catalog = try CatalogLoader.load(
            contentsOf: SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path
        ).catalog
        let document = OpenAPIExporter.document(catalog)
        #expect(document["openapi"]?.stringValue == "3.1.0")
        let paths = try #require(document["paths"]?.members)
        #expect(paths.count == catalog.models.reduce(0) { $0 + $1.endpoints.count })
        let operationIDs = paths.compactMap { $0.value["post"]?["operationId"]?.stringValue }
        #expect(Set(operationIDs).count == operationIDs.count)
        let schema = try #require(document["components"]?["schemas"]?["Wan2_7ImageRequest"])
        #expect(schema["properties"]?["model"]?["const"]?.stringValue == "wan2-7-image")
        #expect(schema["properties"]?["aspect_ratio"]?["enum"]?.items?.count == 8)
        #expect(schema["properties"]?["num_images"]?["maximum"]?.value == .number(4))
        #expect(schema["properties"]?["num_images"]?["default"]?.value == .number(1))
        #expect(schema["required"]?.items?.compactMap(\.stringValue) == ["model", "prompt"])
        #expect(paths.contains { $0.key == "/v1/images/generations#wan2-7-image" })
    }

    /// The catalogs the validator sees: the default one, and the OpenRouter listing when the shared reference is there.
    static var validatedCatalogs: [String] {
        var paths = [SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path]
        if SourceTree.referenceAvailable {
            paths.append(SourceTree.shared.appendingPathComponent("reference/openrouter-models.json").path)
        }
        return paths
    }

    @Test(
        "the exported document passes a standard validator (openapi-spec-validator) as JSON and as YAML, and PyYAML reads the YAML as the JSON",
        .enabled(
            if: OpenAPIExportTests.validatorAvailable, "needs python3 with openapi-spec-validator (absent: skipped)"),
        arguments: validatedCatalogs)
    func validator(catalog: String) async throws {
        let directory = try SourceTree.temporaryDirectory("openapi")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Self.exportAndValidate(catalog, into: directory)
    }

    @Test(
        "every combination of the format, and seeded random catalogs, export to valid OpenAPI: mixed enums, defaults of other kinds, odd numbers, strings YAML 1.1 reads as other kinds",
        .enabled(
            if: OpenAPIExportTests.validatorAvailable, "needs python3 with openapi-spec-validator (absent: skipped)"),
        arguments: [7, 11, 23] as [UInt64])
    func validatorOnEveryShape(seed: UInt64) async throws {
        let directory = try SourceTree.temporaryDirectory("openapi-shapes")
        defer { try? FileManager.default.removeItem(at: directory) }
        let parameters = GenerativeCompileTests.combinationParameters()
        var random = SplitMix64(seed: seed)
        let yaml11: JSONValue = [
            "off", "on", "yes", "No", "Y", "n", "~", "null", "0o17", "0x1F", "1_000", "16:9", "190:20:30.15", ".inf",
            "2026-12-06", "<<", "=",
        ]
        var models: [JSONValue] = [
            GenerativeCompileTests.model("combo", endpoints: ["/v1/chat/completions"], parameters: .array(parameters)),
            GenerativeCompileTests.model(
                "mixed", endpoints: ["/v1/search"],
                parameters: [
                    ["name": "tier", "type": "string", "allowed_values": [false, "basic", "pro"], "default": false],
                    ["name": "n", "type": "integer", "default": .null],
                    [
                        "name": "thinking", "type": "string", "allowed_values": [false, "off", "on", "auto"],
                        "default": "off",
                    ],
                    ["name": "words", "type": "string", "allowed_values": yaml11, "default": "no"],
                    [
                        "name": "scale", "type": "number",
                        "allowed_values": [
                            GenerativeCompileTests.number("1e3"), GenerativeCompileTests.number("2.5E7"), 0.5,
                        ], "default": GenerativeCompileTests.number("1e3"),
                    ],
                ]),
        ]
        for index in 0..<10 {
            var names: [String] = []
            let table = (0..<12).map { _ in
                GenerativeCompileTests.randomParameter(depth: 0, names: &names, random: &random)
            }
            models.append(
                GenerativeCompileTests.model(
                    "random-\(index)", endpoints: ["/v1/images/generations"], parameters: .array(table)))
        }
        let catalog = directory.appendingPathComponent("catalog.json")
        try Data(JSONValue.object(["data": .array(models)]).compactJSON.utf8).write(to: catalog)
        let output = try await Self.exportAndValidate(catalog.path, into: directory)
        let document = try JSONValue(parsing: Array(Data(contentsOf: URL(fileURLWithPath: output))))
        let mixed = document["components"]?["schemas"]?.objectValue?.first { $0.key.lowercased().contains("mixed") }?
            .value["properties"]
        #expect(mixed?["tier"]?["type"] == ["string", "boolean"], "\(String(describing: mixed?["tier"]))")
        #expect(
            mixed?["thinking"]?["enum"] == [false, "off", "on", "auto"], "\(String(describing: mixed?["thinking"]))")
        #expect(mixed?["words"]?["enum"] == yaml11)
    }

    /// Exports `catalog` as `openapi.json` and `openapi.yaml`, validates both, and compares
    /// PyYAML's reading of the YAML with the JSON; returns the JSON's path.
    @discardableResult
    static func exportAndValidate(
        _ catalog: String, into directory: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> String {
        let empirio = SourceTree.products.appendingPathComponent("empirio").path
        var outputs: [String] = []
        for name in ["openapi.json", "openapi.yaml"] {
            let output = directory.appendingPathComponent(name).path
            outputs.append(output)
            let written = try await runProcess(empirio, ["openapi", catalog, "-o", output])
            #expect(written.status == 0, "\(written.output)", sourceLocation: sourceLocation)
            let check = try await runProcess(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    "import sys, json, yaml; from openapi_spec_validator import validate; p = sys.argv[1]; validate(json.load(open(p)) if p.endswith('.json') else yaml.safe_load(open(p))); print('valid')",
                    output,
                ])
            #expect(
                check.status == 0 && check.output.contains("valid"),
                "\(name) of \(catalog): \(check.output.prefix(3000))", sourceLocation: sourceLocation)
        }
        let script = SourceTree.packageRoot.appendingPathComponent("Tests/Scripts/yaml_equals_json.py").path
        let same = try await runProcess("/usr/bin/env", ["python3", script, outputs[1], outputs[0]])
        #expect(
            same.status == 0 && same.output.hasPrefix("same"),
            "PyYAML reads openapi.yaml of \(catalog) differently: \(same.output.prefix(3000))",
            sourceLocation: sourceLocation)
        return outputs[0]
    }

    static var validatorAvailable: Bool {
        Python.canImport("openapi_spec_validator", "yaml")
    }
}
