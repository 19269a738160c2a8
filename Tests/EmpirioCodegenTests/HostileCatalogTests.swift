import EmpirioCatalog
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// No catalog string can become code: a hostile catalog (descriptions that end comments and
/// strings, interpolations, raw strings, newlines then `}` and `import`, bidi controls; names
/// made of keywords and punctuation) generates Swift that compiles, and declares nothing the
/// catalog tried to inject.
@Suite("Hostile catalog")
struct HostileCatalogTests {
    /// Every declaration the hostile fixture tries to smuggle in.
    static let injectedNames = [
        "pwnedByID", "pwnedByName", "pwnedByInterpolation", "pwnedByNewline", "pwnedByLineSeparator", "pwnedByCategory",
        "pwnedByEndpoint", "pwnedByFeature", "pwnedByPricing", "pwnedByParameterDoc", "pwnedByParameterName",
        "pwnedByValue",
        "pwnedByValueQuote", "pwnedByWhen",
    ]

    @Test("the generated text holds no injected code outside literals and comments")
    func textIsInert() throws {
        let output = try generate(fixture: "hostile-catalog.json")
        for (name, text) in output.files {
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                #expect(!trimmed.hasPrefix("import Foundation"), "\(name): \(line)")
                #expect(!trimmed.hasPrefix("func pwned"), "\(name): \(line)")
                #expect(!line.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{2028}" }, "\(name): \(line)")
            }
        }
        // Collisions were resolved, each with a warning naming the model.
        let messages = output.warnings.map(\.description)
        #expect(messages.contains { $0.contains("ModelOne") && $0.contains("ModelOne2") })
        #expect(messages.contains { $0.contains("both become the Swift name aB") })
        #expect(messages.contains { $0.contains("both become the case name auto") })
        // Sorted by id, MODEL_ONE comes first and keeps its name; the other two differ from it only by case and punctuation.
        #expect(["ModelOne.swift", "ModelOne2.swift", "ModelOne3.swift"].allSatisfy { output.files.keys.contains($0) })
        #expect(output.files.keys.contains("ModelRegistry2.swift"))
    }

    @Test(
        "the generated module compiles, and none of the injected declarations exists",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func compiles() async throws {
        let output = try generate(fixture: "hostile-catalog.json")
        let directory = try SourceTree.temporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (name, text) in output.files {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            files.append(url.path)
        }
        // A sentinel declaring every injected name: if the generated code declared any of them,
        // this file would be an invalid redeclaration and the compile would fail.
        let sentinel = directory.appendingPathComponent("Sentinel.swift")
        var text = "import EmpirioRuntime\n\n"
        for name in Self.injectedNames { text += "public func \(name)() {}\n" }
        // And the generated API is usable as a consumer would use it.
        text += """

            public func exercise() -> Int {
                var parameters = ModelOne2.Parameters()
                parameters = ModelOne2.Parameters()
                _ = parameters
                let hostile = ModelRegistry.all.count
                return hostile + ModelRegistry.embeddingsModels.count
            }

            """
        try Data(text.utf8).write(to: sentinel)
        let modules = SourceTree.products.appendingPathComponent("Modules").path
        let result = try await runProcess(
            Toolchain.swiftc!,
            [
                "-typecheck", "-parse-as-library", "-module-name", "HostileModels", "-swift-version", "6",
                "-warnings-as-errors",
                "-I", modules,
            ] + files.sorted() + [sentinel.path])
        #expect(result.status == 0, "\(result.output.prefix(4000))")
    }
}

@Suite("Generated module hygiene")
struct GeneratedModuleHygieneTests {
    @Test(
        "the committed Generated/EmpirioModels typechecks with warnings as errors",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func warningFree() async throws {
        let directory = SourceTree.packageRoot.appendingPathComponent("Generated/EmpirioModels")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".swift")
        }.sorted()
        #expect(files.count == 178)
        let result = try await runProcess(
            Toolchain.swiftc!,
            [
                "-typecheck", "-parse-as-library", "-module-name", "EmpirioModelsCheck", "-swift-version", "6",
                "-warnings-as-errors",
                "-I", SourceTree.products.appendingPathComponent("Modules").path,
            ]
                + files.map { directory.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.output.prefix(4000))")
    }
}
