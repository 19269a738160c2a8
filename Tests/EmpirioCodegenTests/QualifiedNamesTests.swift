import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// No catalog name changes what a generated file refers to: the runtime's public types (read
/// from its sources, so a type added later is covered), the standard-library types the templates
/// use, the modules, the structs' own members and Swift's keywords, as model ids, parameter names,
/// nested object names and enum values; compiled with warnings as errors beside a file that uses
/// the runtime's types of the same names.
@Suite("Qualified names")
struct QualifiedNamesTests {
    /// `public struct|enum|protocol|class|typealias|actor NAME` in the runtime's sources;
    /// `topLevel` keeps only the declarations at the start of a line.
    static func runtimeTypeNames(topLevel: Bool) throws -> Set<String> {
        let pattern =
            (topLevel ? "^" : "^[ \\t]*")
            + "(?:@[\\w()]+[ \\t]+)*public[ \\t]+(?:final[ \\t]+|indirect[ \\t]+)*(?:struct|enum|protocol|class|typealias|actor)[ \\t]+(\\w+)"
        let expression = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        var names = Set<String>()
        for module in ["EmpirioRuntime", "EmpirioJSON", "EmpirioPricing"] {
            let directory = SourceTree.packageRoot.appendingPathComponent("Sources/SDK/" + module)
            let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                let text = try String(contentsOf: url, encoding: .utf8)
                for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    names.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        return names
    }

    @Test("the generator knows every top-level public type of the runtime")
    func runtimeNamesAreKnown() throws {
        let scanned = try Self.runtimeTypeNames(topLevel: true)
        #expect(scanned.count > 100)
        let missing = scanned.subtracting(SwiftNaming.runtimeTypeNames).sorted()
        #expect(missing.isEmpty, "not in RuntimeTypeNames.swift (run Templates/embed.sh): \(missing)")
        for name in scanned { #expect(SwiftNaming.modelTypeName(name) == name + "Model") }
    }

    /// Names that could change what generated code means, in the spellings a catalog uses.
    static func hostileNames() throws -> [String] {
        let runtime = try runtimeTypeNames(topLevel: false).sorted()
        let standard = [
            "String", "Int", "Double", "Bool", "Dictionary", "Array", "Optional", "Decoder", "Encoder", "Codable",
            "Sendable", "Hashable", "Self", "Type",
        ]
        let modules = SwiftNaming.moduleNames.sorted()
        let members = [
            "validate", "encode", "read_optional_properties", "hash_value", "hash", "id", "metadata", "init",
            "parameters", "collect_violations", "raw_value", "other", "known_cases",
        ]
        var names = runtime + standard + modules + members + SwiftNaming.keywords.sorted()
        // The snake_case spelling of each camel-case name (`parameter_reader`, `open_enum`).
        names += runtime.map { name in
            var out = ""
            for character in name {
                if character.isUppercase, !out.isEmpty, out.last?.isUppercase == false { out += "_" }
                out += character.lowercased()
            }
            return out
        }
        return names
    }

    static func catalog(seed: UInt64) throws -> JSONValue {
        let names = try hostileNames()
        var random = SplitMix64(seed: seed)
        func pick() -> String { names.randomElement(using: &random)! }
        func table(depth: Int) -> [JSONValue] {
            var used = Set<String>()
            var rows: [JSONValue] = []
            for _ in 0..<Int.random(in: 3...9, using: &random) {
                let name = pick()
                guard used.insert(name).inserted else { continue }
                var fields: [String: JSONValue] = ["name": .string(name)]
                switch Int.random(in: 0...6, using: &random) {
                case 0 where depth < 2:
                    fields["type"] = "object"
                    fields["properties"] = .array(table(depth: depth + 1))
                case 1 where depth < 2:
                    fields["type"] = "array"
                    fields["items"] = ["type": "object", "properties": .array(table(depth: depth + 1))]
                case 2:
                    fields["type"] = "string"
                    fields["allowed_values"] = .array((0..<4).map { _ in .string(pick()) })
                case 3:
                    fields["type"] = "integer"
                    fields["min"] = 1
                    fields["max"] = 9
                    fields["default"] = 0
                case 4 where !used.isEmpty:
                    fields["type"] = "number"
                    fields["conditions"] = [
                        "requires": [.string(used.sorted().first!)], "excludes": [.string(used.sorted().last!)],
                    ]
                default:
                    fields["type"] = .string(["string", "boolean", "json", "array"].randomElement(using: &random)!)
                }
                rows.append(.object(fields))
            }
            return rows
        }
        // The colliding ids the consumer file names, then seeded ones.
        var ids = [
            "chat_message", "ParameterReader", "json_value", "swift", "EmpirioRuntime", "open_enum", "model-id",
            "pricing-rate", "tool", "message",
        ]
        ids += (0..<10).map { _ in pick() }
        var seen = Set<String>()
        var models: [JSONValue] = []
        for (index, id) in ids.enumerated() where seen.insert(id).inserted {
            let endpoints = [["/v1/chat/completions"], ["/v1/images/generations"], ["/v1/messages", "/v1/responses"]][
                index % 3]
            models.append(
                GenerativeCompileTests.model(
                    id, endpoints: endpoints,
                    parameters: .array(
                        (index < 10
                            ? [["name": "tool_choice", "type": "string"], ["name": "tools", "type": "array"]] : [])
                            + table(depth: 0))))
        }
        return ["data": .array(models)]
    }

    /// An app's file: the runtime's types by their plain names, beside models of those names.
    static let consumer = """
        import EmpirioRuntime

        func use() throws -> Int {
            let message: ChatMessage = .user("hi")
            let value: JSONValue = ["a": 1]
            let id: ModelID = ChatMessageModel.id
            let models: [any CatalogModel.Type] = [ChatMessageModel.self, ParameterReaderModel.self, SwiftModel.self, EmpirioRuntimeModel.self, JSONValueModel.self, OpenEnumModel.self, ModelIDModel.self, PricingRateModel.self, ToolModel.self, MessageModel.self]
            let tool = Tool(name: "f", parameters: ["type": "object"])
            _ = (message, value, id, tool)
            return models.count + ModelRegistry.all.count
        }
        """

    @Test(
        "runtime type names, modules, members and keywords as every kind of name: compiled warning-free beside an app file",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"), arguments: [1, 2])
    func hostileNamesCompile(seed: UInt64) async throws {
        let (output, result) = try await GenerativeCompileTests.typecheck(
            try Self.catalog(seed: seed), name: "qualified-\(seed)", userCode: [Self.consumer], mandatoryPasses: true)
        #expect(result.status == 0, "\(result.output.prefix(8000))")
        #expect(output.files["ChatMessageModel.swift"] != nil, "\(output.files.keys.sorted())")
        #expect(output.files["SwiftModel.swift"] != nil)
        // The hostile names reached the positions that could shadow: nested structs and enums
        // named as runtime types.
        let declared = output.files.values.joined()
        let shadowing = try Self.runtimeTypeNames(topLevel: true).filter {
            declared.contains("struct \($0): EmpirioRuntime.ModelParameters")
                || declared.contains("typealias \($0) = EmpirioRuntime.OpenEnum<")
        }
        #expect(shadowing.count >= 3, "\(shadowing)")
        // Every model file imports the generated code's API the same way.
        for (name, text) in output.files where name != "ModelRegistry.swift" {
            #expect(text.contains("@_spi(Generated) import EmpirioRuntime\n"), "\(name)")
        }
    }
}
