import EmpirioTestSupport
import Foundation
import Testing

/// The catalog is the type system: passing a model to an endpoint its catalog entry does not
/// list must not compile. These tests compile small misuses with swiftc and expect failure.
@Suite("Compile-time misuse")
struct MisuseTests {
    /// Typechecks `source` against the built EmpirioModels; returns the status and the compiler's output.
    func typecheck(_ source: String) async throws -> (Int32, String) {
        let directory = try SourceTree.temporaryDirectory("misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Misuse.swift")
        try Data(source.utf8).write(to: file)
        let result = try await runProcess(
            Toolchain.swiftc!,
            [
                "-typecheck", "-parse-as-library", "-swift-version", "6", "-I",
                SourceTree.products.appendingPathComponent("Modules").path, file.path,
            ])
        return (result.status, result.output)
    }

    @Test(
        "a correct use compiles (so the failures below are about the misuse)",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc"))
    func correctUse() async throws {
        let (status, output) = try await typecheck(
            """
            import EmpirioModels
            func use(_ client: EmpirioClient) async throws {
                _ = try await client.chat(DeepseekV4Pro.self, messages: [.user("Hi")])
                _ = try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: "x", aspectRatio: .ratio16x9))
            }
            """)
        #expect(status == 0, "\(output)")
    }

    @Test(
        "a model passed to an endpoint it does not support is a compile-time error",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc"),
        arguments: [
            ("_ = try await client.chat(Wan2_7Image.self, messages: [.user(\"Hi\")])", "ChatCompletionsModel"),
            ("_ = try await client.generateImages(DeepseekV4Pro.self, parameters: .init())", "ImageGenerationModel"),
            (
                "_ = try await client.streamSpeech(Gemini2_5FlashTts.self, parameters: .init(input: \"Hi\"))",
                "SpeechStreamModel"
            ),
            ("_ = try await client.complete(DeepseekV4Pro.self, prompt: \"Hi\")", "CompletionsModel"),
            (
                "_ = try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: \"x\", aspectRatio: .ratio5x4))",
                "ratio5x4"
            ),
        ])
    func misuse(line: String, expected: String) async throws {
        let (status, output) = try await typecheck(
            """
            import EmpirioModels
            func misuse(_ client: EmpirioClient) async throws {
                \(line)
            }
            """)
        #expect(status != 0)
        #expect(output.contains(expected), "\(output.prefix(2000))")
    }
}
