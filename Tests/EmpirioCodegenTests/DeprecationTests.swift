import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// A parameter the catalog deprecates is `@available(*, deprecated, ...)`: the app's uses warn,
/// at the app's own lines; the generated module, which reads, writes, initialises and checks it,
/// compiles without a warning.
@Suite("Deprecations the compiler reports")
struct DeprecationTests {
    static let catalog: JSONValue = [
        "data": [
            [
                "id": "old-api", "category": "image", "supported_endpoints": ["/v1/images/generations"],
                "parameters": [
                    ["name": "prompt", "type": "string", "required": true],
                    ["name": "seed", "type": "integer", "min": 0, "max": 10, "deprecated": "use noise_seed"],
                    ["name": "noise_seed", "type": "integer", "conditions": ["excludes": ["seed"]]],
                    ["name": "style", "type": "string", "allowed_values": ["a", "b"], "deprecated": true],
                    [
                        "name": "legacy_id", "type": "string", "required": true,
                        "deprecated": #"ends a string " and a comment */ \(x)"#,
                    ],
                    ["name": "strength", "type": "number", "conditions": ["requires": ["seed"]]],
                    [
                        "name": "default", "type": "boolean", "deprecated": "a keyword",
                        "conditions": ["when": ["style": "a"]],
                    ],
                    [
                        "name": "options", "type": "object",
                        "properties": [["name": "level", "type": "integer", "deprecated": "gone", "max": 3]],
                    ],
                ],
            ]
        ]
    ]

    /// What an app writes: every use of a deprecated member, one a line, and uses that do not warn.
    static let user = """
        func use() -> Int {
            var parameters = OldAPI.Parameters(prompt: "x", legacyID: "y", noiseSeed: 1)
            parameters.seed = 3                                                         // line 3
            let style = parameters.style                                                // line 4
            let other = OldAPI.Parameters(prompt: "x", legacyID: "y", seed: 4)          // line 5
            _ = parameters.legacyID                                                     // line 6
            parameters.default = true                                                   // line 7
            var options = OldAPI.Options()         
            options.level = 2                                                           // line 9
            parameters.strength = 0.5
            parameters.options = options
            _ = style
            return parameters.validate().count + other.validate().count
        }
        """

    @Test(
        "the generated module alone compiles with warnings as errors",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func moduleIsSilent() async throws {
        let (output, result) = try await GenerativeCompileTests.typecheck(
            Self.catalog, name: "deprecated-module", mandatoryPasses: true)
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let file = try #require(output.files["OldAPI.swift"])
        #expect(file.contains(#"@available(*, deprecated, message: "use noise_seed")"#))
        #expect(file.contains("@available(*, deprecated)\n        public var style: Style?"))
        #expect(file.contains(#"@available(*, deprecated, message: "ends a string \" and a comment */ \\(x)")"#))
        #expect(file.contains("private var _seed: Swift.Int?"))
        #expect(file.contains(#"check.range(_seed, "seed", min: 0, max: 10)"#))
        #expect(file.contains(#"check.requires("strength", strength, "seed", _seed)"#))
    }

    @Test(
        "each use in the app warns at its own line, and nowhere else",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func usesWarn() async throws {
        let (_, result) = try await GenerativeCompileTests.typecheck(
            Self.catalog, name: "deprecated-use", userCode: [Self.user], warningsAsErrors: false)
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let warnings = result.output.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(warnings.allSatisfy { $0.contains("User0.swift:") }, "\(warnings)")
        let lines = Set(
            warnings.compactMap { line -> Int? in
                guard let range = line.range(of: "User0.swift:") else { return nil }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            })
        #expect(lines == [3, 4, 5, 6, 7, 9], "\(warnings)")
        #expect(warnings.contains { $0.contains("'seed' is deprecated: use noise_seed") }, "\(warnings)")
        #expect(
            warnings.contains { $0.contains("`seed` is deprecated: use noise_seed") },
            "the initialiser says which argument: \(warnings)")
        #expect(warnings.contains { $0.contains("'level' is deprecated: gone") }, "\(warnings)")
    }
}
