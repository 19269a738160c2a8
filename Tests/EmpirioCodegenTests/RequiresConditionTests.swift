import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// `requires` holds when the required parameter's effective value (the caller's, else the
/// catalog's default) is on: `true`, a non-zero number, a non-empty string, array or object.
/// Every combination of set on / set off / unset × default on / off / absent, for every JSON
/// type, generated, compiled into a program with the runtime and run.
@Suite("requires: the effective value must be on")
struct RequiresConditionTests {
    /// A JSON type with a value that is on and one that is off.
    struct Kind {
        var type: String
        var on: JSONValue
        var off: JSONValue
    }

    static let kinds: [Kind] = [
        Kind(type: "boolean", on: true, off: false),
        Kind(type: "integer", on: 3, off: 0),
        Kind(type: "number", on: .number(NumberLiteral("1e-300")!), off: .number(NumberLiteral("-0.0")!)),
        Kind(type: "string", on: "x", off: ""),
        Kind(type: "array", on: [1], off: []),
        Kind(type: "object", on: ["a": 1], off: [:]),
    ]

    enum Default: String, CaseIterable { case on, off, absent }
    enum Setting: String, CaseIterable { case on, off, unset }

    /// One required parameter per kind and default, and one parameter that requires it.
    static func table() -> [JSONValue] {
        var table: [JSONValue] = []
        for kind in kinds {
            for fallback in Default.allCases {
                let name = "\(kind.type)_\(fallback.rawValue)"
                var required: [String: JSONValue] = ["name": .string(name), "type": .string(kind.type)]
                switch fallback {
                case .on: required["default"] = kind.on
                case .off: required["default"] = kind.off
                case .absent: break
                }
                table.append(.object(required))
                table.append([
                    "name": .string("needs_" + name), "type": "integer", "conditions": ["requires": [.string(name)]],
                ])
            }
            // A required parameter (no default applies): its value alone decides.
            table.append(["name": .string("\(kind.type)_required"), "type": .string(kind.type), "required": true])
            table.append([
                "name": .string("needs_\(kind.type)_required"), "type": "integer",
                "conditions": ["requires": [.string("\(kind.type)_required")]],
            ])
        }
        return table
    }

    /// The JSON of one case: the dependent parameter set, the required one as `setting` says,
    /// and every required parameter of the table set to its on value so the table decodes.
    static func request(_ kind: Kind, name: String, setting: Setting) -> JSONValue {
        var object: [String: JSONValue] = ["needs_" + name: 1]
        for other in kinds { object["\(other.type)_required"] = other.on }
        switch setting {
        case .on: object[name] = kind.on
        case .off: object[name] = kind.off
        case .unset: object[name] = nil
        }
        return .object(object)
    }

    @Test(
        "set on / set off / unset × default on / off / absent, for every JSON type and a required parameter",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func everyCombination() async throws {
        let catalog: JSONValue = [
            "data": [
                [
                    "id": "requires-model", "category": "text", "supported_endpoints": ["/v1/images/generations"],
                    "parameters": .array(Self.table()),
                ]
            ]
        ]
        var cases: [(label: String, json: String, violated: Bool)] = []
        for kind in Self.kinds {
            for fallback in Default.allCases {
                for setting in Setting.allCases {
                    let name = "\(kind.type)_\(fallback.rawValue)"
                    let effectiveIsOn: Bool
                    switch (setting, fallback) {
                    case (.on, _), (.unset, .on): effectiveIsOn = true
                    default: effectiveIsOn = false
                    }
                    cases.append(
                        (
                            "\(name) set \(setting.rawValue)",
                            Self.request(kind, name: name, setting: setting).compactJSON, !effectiveIsOn
                        ))
                }
            }
            for setting in [Setting.on, .off] {
                let name = "\(kind.type)_required"
                cases.append(
                    (
                        "\(name) set \(setting.rawValue)", Self.request(kind, name: name, setting: setting).compactJSON,
                        setting == .off
                    ))
            }
        }
        // Without the dependent parameter nothing is required.
        cases.append(
            (
                "nothing set",
                #"{"boolean_required":true,"integer_required":1,"number_required":1,"string_required":"x","array_required":[1],"object_required":{"a":1}}"#,
                false
            ))
        let main = """
            import EmpirioRuntime
            import Foundation

            let cases: [(String, String)] = [
            \(cases.map { "    (\(SwiftLiteral.string($0.label)), \(SwiftLiteral.string($0.json)))," }.joined(separator: "\n"))
            ]
            for (label, json) in cases {
                let parameters = try JSONDecoder().decode(RequiresModel.Parameters.self, from: Data(json.utf8))
                let requires = parameters.validate().filter { if case .requires = $0.constraint { return true } else { return false } }
                print(label + ": " + (requires.isEmpty ? "ok" : requires.map(\\.description).joined(separator: "; ")))
            }
            """
        let (output, result) = try await RunnableProgram.run(catalog, name: "requires", main: main)
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let lines = result.output.split(separator: "\n").map(String.init)
        for (label, _, violated) in cases {
            let line = try #require(
                lines.first { $0.hasPrefix(label + ": ") }, "\(label) missing from \(result.output.prefix(3000))")
            if violated {
                #expect(
                    line.contains(
                        "needs_\(label.split(separator: " ")[0]) (1) requires \(label.split(separator: " ")[0])"),
                    "\(line)")
            } else {
                #expect(line == label + ": ok", "\(line)")
            }
        }
        #expect(cases.count == Self.kinds.count * 11 + 1)
        // The default travels as the fallback; a required parameter has none.
        let file = try #require(output.files["RequiresModel.swift"])
        #expect(
            file.contains(
                #"check.requires("needs_boolean_off", needsBooleanOff, "boolean_off", booleanOff, default: false)"#),
            "\(file)")
        #expect(
            file.contains(
                #"check.requires("needs_boolean_absent", needsBooleanAbsent, "boolean_absent", booleanAbsent)"#))
        #expect(
            file.contains(
                #"check.requires("needs_boolean_required", needsBooleanRequired, "boolean_required", booleanRequired)"#)
        )
    }
}

/// Generates a catalog and builds it, with a `main.swift`, into a program linked against the
/// runtime this test binary was built with; then runs it.
enum RunnableProgram {
    /// The object files of the SDK modules a generated module stands on.
    static func runtimeObjects() throws -> [String] {
        var objects: [String] = []
        for module in ["EmpirioJSON", "EmpirioEndpoints", "EmpirioPricing", "EmpirioRuntime", "HTTPTypes"] {
            let directory = SourceTree.products.appendingPathComponent(module + ".build")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasSuffix(".o")
            }
            objects += files.sorted().map { directory.appendingPathComponent($0).path }
        }
        return objects
    }

    static func run(_ catalog: JSONValue, name: String, main: String) async throws -> (Generator.Output, ProcessResult)
    {
        let loaded = try CatalogLoader.load(string: catalog.compactJSON, format: .json, file: name + ".json")
        let output = try Generator(renderer: Renderer(), options: GenerationOptions(accessModifier: .public)).generate(
            loaded.catalog)
        let directory = try SourceTree.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (file, text) in output.files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(file))
            files.append(directory.appendingPathComponent(file).path)
        }
        let mainFile = directory.appendingPathComponent("main.swift")
        try Data(main.utf8).write(to: mainFile)
        let program = directory.appendingPathComponent("program").path
        let built = try await runProcess(
            Toolchain.swiftc!,
            [
                "-module-name", "Generative", "-swift-version", "6", "-warnings-as-errors", "-Onone",
                "-I", SourceTree.products.appendingPathComponent("Modules").path, "-o", program, mainFile.path,
            ] + files.sorted() + (try runtimeObjects())
                // Under `swift test --sanitize=thread` the runtime's objects call TSan's hooks: link its runtime too.
                + (ThreadSanitizer.isActive ? ["-sanitize=thread"] : []))
        guard built.status == 0 else { return (output, built) }
        return (output, try await runProcess(program, []))
    }
}
