import Foundation
import Testing

/// The catalog is the type system: passing a model to an endpoint its catalog entry does not
/// list must not compile. These tests compile small misuses with swiftc and expect failure.
@Suite("Compile-time misuse")
struct MisuseTests {
    static var packageRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    static var products: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.pathExtension == "xctest" || ["MacOS", "Contents"].contains(directory.lastPathComponent) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    static var swiftc: String? {
        let candidates = ["/opt/swift/usr/bin/swiftc"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swiftc" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Typechecks `source` against the built EmpirioModels; returns the status and the compiler's output.
    func typecheck(_ source: String) async throws -> (Int32, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("misuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Misuse.swift")
        try Data(source.utf8).write(to: file)
        let log = directory.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.swiftc!)
        process.arguments = [
            "-typecheck", "-parse-as-library", "-swift-version", "6", "-I", Self.products.appendingPathComponent("Modules").path,
            file.path,
        ]
        process.standardOutput = handle
        process.standardError = handle
        // Awaited through the termination handler: a blocked pool thread would starve the servers of other tests.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try handle.close()
        return (status, try String(contentsOf: log, encoding: .utf8))
    }

    @Test("a correct use compiles (so the failures below are about the misuse)", .enabled(if: swiftc != nil, "needs swiftc"))
    func correctUse() async throws {
        let (status, output) = try await typecheck("""
            import EmpirioModels
            func use(_ client: EmpirioClient) async throws {
                _ = try await client.chat(DeepseekV4Pro.self, messages: [.user("Hi")])
                _ = try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: "x", aspectRatio: .ratio16x9))
            }
            """)
        #expect(status == 0, "\(output)")
    }

    @Test(
        "a model passed to an endpoint it does not support is a compile-time error", .enabled(if: swiftc != nil, "needs swiftc"),
        arguments: [
            ("_ = try await client.chat(Wan2_7Image.self, messages: [.user(\"Hi\")])", "ChatCompletionsModel"),
            ("_ = try await client.generateImages(DeepseekV4Pro.self, parameters: .init())", "ImageGenerationModel"),
            ("_ = try await client.streamSpeech(Gemini2_5FlashTts.self, parameters: .init(input: \"Hi\"))", "SpeechStreamModel"),
            ("_ = try await client.complete(DeepseekV4Pro.self, prompt: \"Hi\")", "CompletionsModel"),
            ("_ = try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: \"x\", aspectRatio: .ratio5x4))", "ratio5x4"),
        ])
    func misuse(line: String, expected: String) async throws {
        let (status, output) = try await typecheck("""
            import EmpirioModels
            func misuse(_ client: EmpirioClient) async throws {
                \(line)
            }
            """)
        #expect(status != 0)
        #expect(output.contains(expected), "\(output.prefix(2000))")
    }
}
