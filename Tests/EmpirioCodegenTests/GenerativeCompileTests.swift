import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// Every catalog the loader accepts generates code that compiles without a warning: a catalog
/// holding every combination of the parameter format (each type and its older spellings, with and
/// without properties and items, arrays of objects and of arrays, enums of every kind, odd
/// numbers, conditions, both table forms, empty tables), and seeded random catalogs.
@Suite("Generated code compiles for every accepted catalog")
struct GenerativeCompileTests {
    static let typeSpellings: [String?] = [
        "string", "integer", "int", "number", "float", "double", "boolean", "bool", "array", "list", "object", "dict",
        "map",
        "json", "any", "enum", "uuid", nil,
    ]
    static let numbers = [
        "0", "-0", "1", "-1", "1.5", "1e3", "1.0E-2", "5e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
        "99999999999999999999", "-9223372036854775808", "0.0000000208333333333333", "1e400", "-1e400", "1e-400",
    ]
    static let allowedSets: [JSONValue] = [
        ["1:1", "16:9", "4K", "1080p", "default", "self", "", "a b", "é", "\u{202E}x"],
        [1, 2, 1024, -3, 0],
        [0.5, 1.5, .number(NumberLiteral("5e-324")!), .number(NumberLiteral("1e3")!), .number(NumberLiteral("-0")!)],
        [false, "basic", "pro"],
        [1, "one", 1.5, .null],
        [true, false],
        [.number(NumberLiteral("99999999999999999999")!), 1],
        [.number(NumberLiteral("1e400")!), 2.5],
        [.number(NumberLiteral("99999999999999999999")!), "big", .number(NumberLiteral("1e400")!)],
    ]

    static func number(_ text: String) -> JSONValue { .number(NumberLiteral(text)!) }

    /// One parameter of every combination of type spelling, shape, bounds, default and enum.
    static func combinationParameters() -> [JSONValue] {
        var parameters: [JSONValue] = []
        let properties: JSONValue = [
            ["name": "x", "type": "string", "required": true],
            ["name": "n", "type": "int", "min": 1, "max": 5],
            [
                "name": "inner", "type": "object",
                "properties": [
                    [
                        "name": "deep", "type": "array",
                        "items": ["type": "dict", "properties": [["name": "z", "type": "bool"]]],
                    ]
                ],
            ],
        ]
        for (index, spelling) in typeSpellings.enumerated() {
            let base: [String: JSONValue] = spelling.map { ["type": .string($0)] } ?? [:]
            var variants: [[String: JSONValue]] = [base]
            variants.append(base.merging(["properties": properties]) { $1 })
            for itemSpelling in typeSpellings {
                var item: [String: JSONValue] = itemSpelling.map { ["type": .string($0)] } ?? [:]
                variants.append(base.merging(["items": .object(item), "min_items": 1, "max_items": 3]) { $1 })
                item["properties"] = properties
                variants.append(base.merging(["items": .object(item)]) { $1 })
                variants.append(base.merging(["items": ["type": "array", "items": .object(item)]]) { $1 })
            }
            for values in allowedSets {
                variants.append(base.merging(["allowed_values": values, "default": values.arrayValue!.first!]) { $1 })
                variants.append(base.merging(["items": ["type": "string", "enum": values]]) { $1 })
            }
            for (offset, low) in numbers.enumerated() {
                let high = numbers[(offset + 3) % numbers.count]
                variants.append(base.merging(["min": number(low), "max": number(high), "default": number(low)]) { $1 })
            }
            variants.append(base.merging(["default": .null, "required": true, "deprecated": "use x"]) { $1 })
            variants.append(
                base.merging([
                    "default_value": ["a": 1], "deprecated": true,
                    "description": "Ends a comment */ and a string \"\"\" \\(x)",
                ]) { $1 })
            for (offset, var variant) in variants.enumerated() {
                variant["name"] = .string("p\(index)_\(offset)")
                // Conditions on the neighbours, some satisfied by their defaults, some naming nothing.
                switch offset % 5 {
                case 0: variant["conditions"] = ["when": .object(["p\(index)_0": "x"]), "required": true]
                case 1:
                    variant["conditions"] = [
                        "requires": [.string("p\(index)_0")], "excludes": [.string("p\(index)_2"), "missing"],
                    ]
                case 2:
                    variant["depends_on"] = [
                        ["when": .object(["p\(index)_1": ["a", 1, true]])], ["when": ["nobody": 1], "required": false],
                    ]
                default: break
                }
                parameters.append(.object(variant))
            }
        }
        // Names Swift cares about.
        for name in [
            "default", "self", "Type", "protocol", "repeat", "in", "a.b", "a-b", "9lives", "_", "`", "Self", "init",
            "validate", "CodingKeys", "Parameters",
        ] {
            parameters.append(["name": .string(name), "type": "string"])
        }
        return parameters
    }

    static func model(_ id: String, endpoints: [String], parameters: JSONValue, tableKey: String = "parameters")
        -> JSONValue
    {
        [
            "id": .string(id), "name": .string(id), "category": "text",
            "supported_endpoints": .array(endpoints.map(JSONValue.string)), tableKey: parameters,
        ]
    }

    /// The map form of a table: `{name: PARAMETER}`.
    static func mapForm(_ list: [JSONValue]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for parameter in list {
            guard var fields = parameter.objectValue, let name = fields.removeValue(forKey: "name")?.stringValue else {
                continue
            }
            object[name] = .object(fields)
        }
        return .object(object)
    }

    /// Loads, generates and compiles a catalog through the mandatory passes (where a literal's
    /// warnings are made) with warnings as errors.
    static func compile(_ catalog: JSONValue, name: String) async throws -> Generator.Output {
        let (output, result) = try await typecheck(catalog, name: name, mandatoryPasses: true)
        #expect(result.status == 0, "\(name): \(result.output.prefix(6000))")
        return output
    }

    /// Generates a catalog and typechecks it, with `userCode` (more files of the same module),
    /// warnings as errors; the compiler's status and output are returned, not judged. With
    /// `mandatoryPasses`, the code is also lowered through the compiler's mandatory passes
    /// (`-emit-sil`), where literal diagnostics (a `Double` literal that underflows) are made.
    static func typecheck(
        _ catalog: JSONValue, name: String, userCode: [String] = [], warningsAsErrors: Bool = true,
        mandatoryPasses: Bool = false
    ) async throws -> (Generator.Output, ProcessResult) {
        let loaded = try CatalogLoader.load(string: catalog.compactJSON, format: .json, file: name + ".json")
        let output = try Generator(renderer: Renderer(), options: GenerationOptions(accessModifier: .public)).generate(
            loaded.catalog)
        let directory = try SourceTree.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (file, text) in output.files {
            #expect(file.utf8.count <= 120, "\(file) is a long file name")
            try Data(text.utf8).write(to: directory.appendingPathComponent(file))
            files.append(directory.appendingPathComponent(file).path)
        }
        for (index, code) in userCode.enumerated() {
            let file = directory.appendingPathComponent("User\(index).swift")
            try Data(code.utf8).write(to: file)
            files.append(file.path)
        }
        let result = try await runProcess(
            Toolchain.swiftc!,
            (mandatoryPasses ? ["-emit-sil", "-wmo", "-o", "/dev/null"] : ["-typecheck"])
                + ["-parse-as-library", "-module-name", "Generative", "-swift-version", "6"]
                + (warningsAsErrors ? ["-warnings-as-errors"] : [])
                + ["-I", SourceTree.products.appendingPathComponent("Modules").path] + files.sorted())
        return (output, result)
    }

    @Test("every combination of the parameter format", .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func everyCombination() async throws {
        let parameters = Self.combinationParameters()
        let half = parameters.count / 2
        let catalog: JSONValue = [
            "object": "list",
            "data": [
                Self.model(
                    "combo-list", endpoints: ["/v1/chat/completions", "/v1/messages"],
                    parameters: .array(Array(parameters[..<half]))),
                Self.model(
                    "combo-map", endpoints: ["/v1/images/generations"],
                    parameters: Self.mapForm(Array(parameters[half...])), tableKey: "supported_parameters"),
                Self.model(
                    "combo-copy", endpoints: ["/v1/images/generations"],
                    parameters: Self.mapForm(Array(parameters[half...]))),
                Self.model("empty-table", endpoints: ["/v1/embeddings"], parameters: []),
                Self.model("empty-map", endpoints: ["/v1/reranks", "/v1/unknown"], parameters: [:]),
                ["id": "no-table"],
            ],
        ]
        let output = try await Self.compile(catalog, name: "combinations")
        #expect(output.files.count == 8, "seven and SharedTypes.swift: \(output.files.keys.sorted())")
        #expect(parameters.count > 1_000)
    }

    @Test(
        "forty levels of nested objects and a 300-character id: nesting is capped with a warning, the file name stays short, and it compiles",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func boundedShapes() async throws {
        var deep: JSONValue = ["name": "leaf", "type": "string"]
        for level in (0..<40).reversed() {
            deep = [
                "name": .string("level\(level)"), "type": "object",
                "properties": [deep, ["name": "n", "type": "integer", "min": 1]],
            ]
        }
        let longID = String(repeating: "very-long-model-name-", count: 15)
        let catalog: JSONValue = [
            "data": [
                Self.model("deep-nesting", endpoints: ["/v1/chat/completions"], parameters: [deep]),
                Self.model(
                    longID, endpoints: ["/v1/embeddings"],
                    parameters: [["name": "input", "type": "string", "required": true]]),
            ]
        ]
        let output = try await Self.compile(catalog, name: "bounded")
        #expect(
            output.warnings.contains {
                $0.message.contains("objects nest deeper than 6 levels")
                    && $0.parameter == "level0.level1.level2.level3.level4.level5.level6"
            }, "\(output.warnings)")
        let deepFile = try #require(output.files["DeepNesting.swift"])
        #expect(deepFile.components(separatedBy: "struct Level").count - 1 == 6)
        let long = try #require(output.files.keys.first { $0.hasPrefix("VeryLongModelName") })
        #expect(long.utf8.count <= 80)
        #expect(
            Generator.fileName(for: "VeryLongModelName" + String(repeating: "X", count: 200))
                != Generator.fileName(for: "VeryLongModelName" + String(repeating: "Y", count: 200)))
    }

    @Test(
        "a table wider than the memberwise limit is made from its required properties and set one by one; one at the limit keeps the initialiser with every property",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func wideTables() async throws {
        func table(_ count: Int) -> [JSONValue] {
            (0..<count).map { index -> JSONValue in
                switch index % 4 {
                case 0:
                    return [
                        "name": .string("p\(index)"), "type": "integer", "min": 0,
                        "max": .number(NumberLiteral(Double(index + 1))),
                    ]
                case 1:
                    return [
                        "name": .string("p\(index)"), "type": "string",
                        "allowed_values": [.string("a\(index)"), "auto"],
                    ]
                case 2:
                    return ["name": .string("p\(index)"), "type": "array", "items": ["type": "string"], "max_items": 3]
                default:
                    return [
                        "name": .string("p\(index)"), "type": "object",
                        "properties": [["name": "x", "type": "number", "max": 1]],
                    ]
                }
            }
        }
        let limit = StructDecl.memberwiseLimit
        let wide =
            table(limit + 16) + [
                ["name": "prompt", "type": "string", "required": true],
                ["name": "size", "type": "integer", "required": true],
            ]
        let catalog: JSONValue = [
            "data": [
                Self.model("wide-table", endpoints: ["/v1/images/generations"], parameters: .array(wide)),
                Self.model("at-the-limit", endpoints: ["/v1/chat/completions"], parameters: .array(table(limit))),
            ]
        ]
        // What a user writes: the wide one from its required properties, then a property set;
        // the other through the initialiser with every property.
        let user = """
            func use() -> Int {
                var wide = WideTable.Parameters(prompt: "a fox", size: 2)
                wide.p0 = 5
                wide.p1 = .auto
                let atLimit = AtTheLimit.Parameters(p0: 1, p\(limit - 1): .init(x: 0.5))
                return wide.validate().count + atLimit.validate().count
            }
            """
        let (output, result) = try await Self.typecheck(catalog, name: "wide", userCode: [user])
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let wideFile = try #require(output.files["WideTable.swift"])
        #expect(wideFile.contains("public init(prompt: Swift.String, size: Swift.Int) {"))
        #expect(
            wideFile.contains("self.init(prompt: try reader.required(\"prompt\"), size: try reader.required(\"size\"))")
        )
        #expect(!wideFile.contains("p0: Swift.Int? = nil"))
        let atLimitFile = try #require(output.files["AtTheLimit.swift"])
        #expect(atLimitFile.contains("p0: Swift.Int? = nil,"))
    }

    @Test(
        "every Swift keyword as a required and as an optional parameter name: declared, decoded through the initialiser and called",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func keywordNames() async throws {
        let keywords = SwiftNaming.keywords.sorted()
        let required: [JSONValue] = keywords.map { ["name": .string($0), "type": "integer", "required": true] }
        let optional: [JSONValue] = keywords.map { ["name": .string($0), "type": "string"] }
        let catalog: JSONValue = [
            "data": [
                Self.model("required-keywords", endpoints: ["/v1/images/generations"], parameters: .array(required)),
                Self.model("optional-keywords", endpoints: ["/v1/images/generations"], parameters: .array(optional)),
            ]
        ]
        let (output, result) = try await Self.typecheck(catalog, name: "keywords")
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        #expect(output.files["RequiredKeywords.swift"]?.contains("self.init(") == true)
    }

    @Test(
        "open enums: the values type never takes a parameter's type name, member-like and keyword values compile, and user code reads the values as it would a Swift enum's",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func openEnums() async throws {
        let object: JSONValue = ["type": "object", "properties": [["name": "a", "type": "integer"]]]
        func named(_ name: String, _ fields: JSONValue) -> JSONValue {
            var fields = fields.objectValue ?? [:]
            fields["name"] = .string(name)
            return .object(fields)
        }
        let table: [JSONValue] = [
            ["name": "mode", "type": "string", "allowed_values": ["fast", "slow"]],
            named("mode_values", object),
            named("quality_values", object),
            [
                "name": "quality", "type": "string",
                "allowed_values": [
                    "high", "other", "knownCases", "rawValue", "default", "self", "Type", "init", "is_known",
                    "description",
                ],
            ],
            ["name": "steps", "type": "integer", "allowed_values": [1, 2, 4]],
            ["name": "strength", "type": "number", "allowed_values": [0.25, 0.5, 1]],
            ["name": "layers", "type": "array", "items": ["type": "string", "allowed_values": ["base", "detail"]]],
        ]
        let catalog: JSONValue = [
            "data": [Self.model("open-enums", endpoints: ["/v1/images/generations"], parameters: .array(table))]
        ]
        let user = """
            func use() -> [String] {
                var parameters = OpenEnums.Parameters()
                parameters.mode = .fast
                parameters.quality = .`default`
                parameters.steps = .other(3)
                parameters.layers = [.base, .other("extra")]
                var seen: [String] = []
                switch parameters.mode {
                case .fast?: seen.append("fast")
                case .slow?: seen.append("slow")
                default: seen.append("unknown")
                }
                let mode: OpenEnums.Mode = OpenEnums.Mode(rawValue: "slow")
                if mode == .slow, mode.isKnown, !OpenEnums.Steps.other(3).isKnown { seen.append(mode.description) }
                seen += OpenEnums.Quality2.knownCases.map { $0.rawValue }
                seen.append(String(OpenEnums.Strength.knownCases.count))
                let _: OpenEnums.ModeValues2? = nil
                return seen + parameters.validate().map { $0.parameter }
            }
            """
        let (output, result) = try await Self.typecheck(catalog, name: "open-enums", userCode: [user])
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let file = try #require(output.files["OpenEnums.swift"])
        // `ModeValues` is the enum's own; the object parameter of that name is renamed, with a warning.
        #expect(file.contains("typealias Mode = EmpirioRuntime.OpenEnum<ModeValues>"))
        #expect(file.contains("struct ModeValues2: EmpirioRuntime.ModelParameters"))
        #expect(output.warnings.contains { $0.message.contains("ModeValues") })
        // `QualityValues` was taken first (by the object), so the enum and its values move on together.
        #expect(file.contains("struct QualityValues: EmpirioRuntime.ModelParameters"))
        #expect(file.contains("typealias Quality2 = EmpirioRuntime.OpenEnum<Quality2Values>"))
        #expect(file.contains("extension EmpirioRuntime.OpenEnum<OpenEnums.Quality2Values> {"))
    }

    @Test(
        "seeded random catalogs", .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"), arguments: [1, 2, 3])
    func randomCatalogs(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        var models: [JSONValue] = []
        let endpoints = [
            "/v1/chat/completions", "/v1/images/generations", "/v1/videos/generations", "/v1/embeddings",
            "/v1/audio/transcriptions", "/v1/messages",
        ]
        for index in 0..<12 {
            var names: [String] = []
            let table = (0..<Int.random(in: 0...14, using: &random)).map { _ in
                Self.randomParameter(depth: 0, names: &names, random: &random)
            }
            let id = Self.randomID(index, random: &random)
            models.append(
                Self.model(
                    id, endpoints: [endpoints.randomElement(using: &random)!],
                    parameters: Bool.random(using: &random) ? .array(table) : Self.mapForm(table)))
        }
        _ = try await Self.compile(["data": .array(models)], name: "random-\(seed)")
    }

    static func randomID(_ index: Int, random: inout SplitMix64) -> String {
        let pieces = ["wan", "2", "7", "image", "pro", ":variant1", ".", "-", "x", "default", "Type", "é", "9"]
        return "m\(index)-"
            + (0..<Int.random(in: 1...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func randomParameter(depth: Int, names: inout [String], random: inout SplitMix64) -> JSONValue {
        let pieces = ["size", "mode", "default", "image", "_", "url", "id", "a.b", "x-y", "2", "self", "in", "Type"]
        var name = (0..<Int.random(in: 1...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            .joined(separator: "_")
        if names.contains(name) { name += "_\(names.count)" }
        names.append(name)
        var fields: [String: JSONValue] = ["name": .string(name)]
        if let spelling = typeSpellings.randomElement(using: &random)! { fields["type"] = .string(spelling) }
        switch Int.random(in: 0...9, using: &random) {
        case 0, 1:
            fields["allowed_values"] = allowedSets.randomElement(using: &random)!
        case 2 where depth < 4:
            var inner: [String] = []
            fields["properties"] = .array(
                (0..<Int.random(in: 0...4, using: &random)).map { _ in
                    randomParameter(depth: depth + 1, names: &inner, random: &random)
                })
        case 3 where depth < 4:
            var inner: [String] = []
            var item = randomParameter(depth: depth + 1, names: &inner, random: &random).objectValue!
            item.removeValue(forKey: "name")
            fields["items"] = .object(item)
        case 4:
            fields["min"] = number(numbers.randomElement(using: &random)!)
            fields["max"] = number(numbers.randomElement(using: &random)!)
        case 5 where names.count > 1:
            let other = names[Int.random(in: 0..<(names.count - 1), using: &random)]
            fields["conditions"] =
                Bool.random(using: &random)
                ? ["when": [other: "x"], "required": .bool(Bool.random(using: &random))]
                : ["requires": [.string(other)]]
        default:
            break
        }
        if Int.random(in: 0...5, using: &random) == 0 { fields["required"] = true }
        if Int.random(in: 0...4, using: &random) == 0 {
            fields["default"] = allowedSets.randomElement(using: &random)!.arrayValue!.randomElement(using: &random)!
        }
        return .object(fields)
    }
}

/// Every number a catalog can hold is written so that the compiler says nothing: subnormals,
/// numbers too small or too large for a `Double`, `-0`, integers at and past the edges of `Int`,
/// in range checks, defaults, allowed values and conditions, of integer, number and mixed
/// parameters. Compiled through the mandatory passes, where literal warnings are made.
@Suite("Literals at the edges")
struct EdgeLiteralTests {
    static let numbers = [
        "0", "-0", "0.0", "-0.0", "0e5", "1", "-1", "0.1", "1e3", "1E+2", "1.0E-2",
        "5e-324", "-5e-324", "4.9406564584124654e-324", "1e-320", "2.225073858507201e-308", "-2.225073858507201e-308",
        "2.2250738585072014e-308", "1e-400", "-1e-400", "1e-99999",
        "1.7976931348623157e308", "-1.7976931348623157e308", "1.7976931348623158e308", "1e400", "-1e400",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "9007199254740993", "99999999999999999999", "-99999999999999999999", "123456789012345678901234567890.5",
    ]

    static func number(_ text: String) -> JSONValue { .number(NumberLiteral(text)!) }

    static func table() -> [JSONValue] {
        var table: [JSONValue] = []
        for (index, text) in numbers.enumerated() {
            let value = number(text)
            let next = number(numbers[(index + 1) % numbers.count])
            table.append([
                "name": .string("int_\(index)"), "type": "integer", "min": value, "max": value, "default": value,
            ])
            table.append([
                "name": .string("num_\(index)"), "type": "number", "min": value, "max": value, "default": value,
            ])
            table.append(["name": .string("low_\(index)"), "type": "number", "min": value])
            table.append(["name": .string("high_\(index)"), "type": "integer", "max": value])
            table.append([
                "name": .string("ints_\(index)"), "type": "array",
                "items": ["type": "integer", "min": value, "max": next],
            ])
            table.append([
                "name": .string("nums_\(index)"), "type": "array",
                "items": ["type": "number", "min": value, "max": next],
            ])
            table.append([
                "name": .string("choice_\(index)"), "type": "number", "allowed_values": [value, next, 2.5],
                "default": value,
            ])
            table.append(["name": .string("whole_\(index)"), "type": "integer", "allowed_values": [value, next, 7]])
            table.append(["name": .string("mixed_\(index)"), "allowed_values": [value, "x", true], "default": value])
            table.append([
                "name": .string("when_\(index)"), "type": "string",
                "conditions": ["when": .object(["num_\(index)": [value, next]]), "required": true],
            ])
            table.append([
                "name": .string("requires_\(index)"), "type": "string",
                "conditions": ["requires": [.string("num_\(index)"), .string("int_\(index)")]],
            ])
        }
        return table
    }

    @Test(
        "numbers at the edges, compiled warning-free through the mandatory passes",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func edges() async throws {
        let catalog: JSONValue = [
            "data": [
                GenerativeCompileTests.model(
                    "edge-numbers", endpoints: ["/v1/images/generations"], parameters: .array(Self.table())),
                GenerativeCompileTests.model(
                    "edge-map", endpoints: ["/v1/chat/completions"],
                    parameters: GenerativeCompileTests.mapForm(Self.table())),
            ]
        ]
        let user = """
            func use() -> Int {
                var parameters = EdgeNumbers.Parameters()
                parameters.num11 = 5e-300
                parameters.int26 = .max
                return parameters.validate().count
            }
            """
        let (output, result) = try await GenerativeCompileTests.typecheck(
            catalog, name: "edge-literals", userCode: [user], mandatoryPasses: true)
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let file = try #require(output.files["EdgeNumbers.swift"])
        // A subnormal is written by its bits; a number below every Double reads as zero, or as
        // the least subnormal when it bounds from below; an integer keeps its exact text.
        #expect(file.contains(#"check.range(low11, "low_11", min: Swift.Double.leastNonzeroMagnitude)"#))
        #expect(file.contains(#"check.range(low15, "low_15", min: Swift.Double(bitPattern: 0xFFFFFFFFFFFFF))"#))
        #expect(file.contains(#"check.range(low18, "low_18", min: Swift.Double.leastNonzeroMagnitude)"#))
        #expect(file.contains(#"check.range(low19, "low_19", min: -0.0)"#))
        #expect(file.contains(#"check.range(high26, "high_26", max: 9223372036854775807)"#))
        #expect(file.contains(#"check.range(high30, "high_30", max: 9007199254740993)"#))
    }
}
