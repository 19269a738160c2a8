import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// The path a new user takes, end to end: a throwaway app package outside this repository, with
/// a path dependency on this checkout, its own catalog snapshot and an `empirio-config.yaml`
/// naming three models, and a library target `AppModels` that holds only its config until the
/// plugin's first run. The plugin generates the bindings into both targets, the app builds
/// without a warning from this package, runs against a stand-in gateway on 127.0.0.1, and does not
/// link libyaml; `--check` fails once the config asks for one more model.
///
/// Set `EMPIRIO_SKIP_CONSUMER_TEST=1` to skip it (it builds a second package: a few minutes).
@Suite("Consumer package", .serialized)
struct ConsumerPackageTests {
    static let packageRoot = SourceTree.packageRoot
    static var swift: String? { Toolchain.swift }
    static var enabled: Bool {
        swift != nil && ProcessInfo.processInfo.environment["EMPIRIO_SKIP_CONSUMER_TEST"] == nil
    }

    static let chosenModels = ["deepseek-v4-pro", "wan2-7-image", "qwen3-rerank"]

    static let manifest = """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "ConsumerApp",
            platforms: [.macOS(.v13), .iOS(.v16)],
            dependencies: [
                // URLSession only: without the traits nothing but swift-http-types is resolved.
                .package(name: "empirio-swift", path: "\(packageRoot.path)", traits: []),
            ],
            targets: [
                .executableTarget(
                    name: "ConsumerApp",
                    dependencies: [
                        .product(name: "EmpirioRuntime", package: "empirio-swift"),
                        .product(name: "EmpirioURLSession", package: "empirio-swift"),
                    ],
                    exclude: ["empirio-config.yaml"]
                ),
                // A bindings target that holds only its config until the plugin's first run.
                .target(
                    name: "AppModels",
                    dependencies: [.product(name: "EmpirioRuntime", package: "empirio-swift")],
                    exclude: ["empirio-config.yaml"]
                ),
                // The app's own tests, offline, through the test gateway.
                .testTarget(
                    name: "AppModelsTests",
                    dependencies: ["AppModels", .product(name: "EmpirioTesting", package: "empirio-swift")]
                ),
            ]
        )

        """

    static let app = """
        import EmpirioRuntime
        import EmpirioURLSession
        import Foundation

        @main
        struct ConsumerApp {
            static func main() async throws {
                let image = Wan2_7Image.Parameters(prompt: "A glass cathedral", numImages: 9)
                print("models: " + ModelRegistry.all.map { $0.id.rawValue }.sorted().joined(separator: ","))
                print("violations: " + image.validate().map(\\.description).joined(separator: "; "))
                let configuration = EmpirioConfiguration(baseURL: URL(string: CommandLine.arguments[1])!, apiKey: APIKey("sk-consumer-test"))
                let client = EmpirioClient(configuration: configuration, transport: URLSessionTransport())
                let reply = try await client.chat(DeepseekV4Pro.self, messages: [.user("What is a CRDT?")], parameters: .init(temperature: 0.7))
                print("reply: " + (reply.text ?? "<none>"))
            }
        }

        """

    static func config(models: [String]) -> String {
        "# The models this app calls.\ncatalog: ../../catalog.json\nmodels:\n" + models.map { "  - \($0)\n" }.joined()
    }

    /// The config of `AppModels`, the library target with no Swift file before the first run.
    static let modelsConfig =
        "catalog: ../../catalog.json\naccessModifier: public\nmodels:\n  - deepseek-v4-flash\n  - seedance-2-0-pro\n"

    /// The app's tests, as an app developer writes them: a chat call, a structured answer, a tool
    /// loop, a rejected parameter and a video job, all through `TestGateway`, offline.
    static let appTests = """
        import AppModels
        import EmpirioTesting
        import Testing

        struct Forecast: Codable, Sendable {
            var city: String
            var celsius: Int
        }

        struct CityQuery: Codable, Sendable {
            var city: String
        }

        @Suite struct AppModelsTests {
            @Test func chat() async throws {
                let gateway = TestGateway(models: ModelRegistry.all)
                gateway.script(DeepseekV4Flash.self, .reply("A CRDT merges without conflicts."))
                let reply = try await gateway.makeClient().chat(DeepseekV4Flash.self, messages: [.user("What is a CRDT?")], parameters: .init(temperature: 0.5))
                #expect(reply.text == "A CRDT merges without conflicts.")
                #expect(gateway.sentParameters(DeepseekV4Flash.self).last?.temperature == 0.5)
                #expect(reply.usage?.billed != nil)
            }

            @Test func structuredAnswer() async throws {
                let gateway = TestGateway(models: ModelRegistry.all)
                gateway.script(DeepseekV4Flash.self, .json(["city": "Oslo", "celsius": 4]))
                let answer = try await gateway.makeClient().chat(DeepseekV4Flash.self, messages: [.user("Weather in Oslo?")], returning: Forecast.self)
                #expect(answer.value.city == "Oslo" && answer.value.celsius == 4)
            }

            @Test func toolLoop() async throws {
                let gateway = TestGateway(models: ModelRegistry.all)
                gateway.script(DeepseekV4Flash.self, .toolCalls([.init("weather", arguments: ["city": "Oslo"])]), .reply("It is 4 degrees in Oslo."))
                let tools = Toolbox([try ToolHandler("weather", description: "The weather in a city.", arguments: CityQuery.self) { query in "4 degrees in \\(query.city)" }])
                let run = try await gateway.makeClient().runChatTools(DeepseekV4Flash.self, messages: [.user("Weather in Oslo?")], tools: tools)
                #expect(run.steps.count == 2)
                #expect(run.final.text == "It is 4 degrees in Oslo.")
            }

            @Test func rejectedParameter() async throws {
                let gateway = TestGateway(models: ModelRegistry.all, onViolation: .record)
                await #expect(throws: EmpirioError.self) {
                    _ = try await gateway.makeClient().chat(model: "deepseek-v4-flash", messages: [.user("Hi")], parameters: ["temperature": 9])
                }
                #expect(gateway.violations.first?.parameter == "temperature")
            }

            @Test func videoJob() async throws {
                let gateway = TestGateway(models: ModelRegistry.all)
                let video = try await gateway.makeClient().generateVideo(Seedance2_0Pro.self, parameters: .init(prompt: "A dolly shot at dusk"))
                #expect(video.media.first?.url != nil)
                #expect(gateway.requests(to: .videoGenerations).count == 1)
            }
        }

        """

    /// The app's own snapshot: a few models of the committed catalog, so it is not the default one.
    static func catalogSnapshot() throws -> Data {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Generated/catalog.json"))
        guard var root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let models = root["data"] as? [[String: Any]]
        else {
            throw TestFailure("Generated/catalog.json is not a list envelope")
        }
        let keep = Set(chosenModels + ["text-embedding-v4", "deepseek-v4-flash", "seedance-2-0-pro"])
        root["data"] = models.filter { keep.contains($0["id"] as? String ?? "") }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    @Test(
        "a fresh app package regenerates through the plugin, builds warning-free, runs, does not link libyaml, and --check sees a config change",
        .enabled(if: enabled, "needs swift on PATH; EMPIRIO_SKIP_CONSUMER_TEST is set"), .timeLimit(.minutes(30)))
    func consumerPackage() async throws {
        let swift = Self.swift!
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-consumer-\(UUID().uuidString)")
        let target = root.appendingPathComponent("Sources/ConsumerApp")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Self.manifest.utf8).write(to: root.appendingPathComponent("Package.swift"))
        try Data(Self.app.utf8).write(to: target.appendingPathComponent("App.swift"))
        try Self.catalogSnapshot().write(to: root.appendingPathComponent("catalog.json"))
        try Data(Self.config(models: Self.chosenModels).utf8).write(
            to: target.appendingPathComponent("empirio-config.yaml"))
        let modelsTarget = root.appendingPathComponent("Sources/AppModels")
        try FileManager.default.createDirectory(at: modelsTarget, withIntermediateDirectories: true)
        try Data(Self.modelsConfig.utf8).write(to: modelsTarget.appendingPathComponent("empirio-config.yaml"))
        let testsTarget = root.appendingPathComponent("Tests/AppModelsTests")
        try FileManager.default.createDirectory(at: testsTarget, withIntermediateDirectories: true)
        try Data(Self.appTests.utf8).write(to: testsTarget.appendingPathComponent("AppModelsTests.swift"))

        // 1. The plugin, as the README says: it finds both configs, the one of AppModels (a target
        // with no Swift file, which SwiftPM leaves out of the plugin's context) included.
        let generate = try await run(
            swift, ["package", "--allow-writing-to-package-directory", "generate-bindings"], in: root)
        #expect(generate.status == 0, "\(generate.output.suffix(4000))")
        // `traits: []` keeps async-http-client, SwiftNIO, swift-crypto and the argument parser
        // out of the app's resolution altogether.
        let checkouts =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".build/checkouts").path))
            ?? []
        #expect(checkouts == ["swift-http-types"], "\(checkouts)")
        let generated = target.appendingPathComponent("Generated")
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: generated.path)) ?? [])
        #expect(files == ["DeepseekV4Pro.swift", "Wan2_7Image.swift", "Qwen3Rerank.swift", "ModelRegistry.swift"])
        let registry = try String(contentsOf: generated.appendingPathComponent("ModelRegistry.swift"), encoding: .utf8)
        #expect(registry.contains("\nenum ModelRegistry {"), "internal by default")
        let modelsGenerated = modelsTarget.appendingPathComponent("Generated")
        let modelsFiles: Set<String> = ["DeepseekV4Flash.swift", "Seedance2_0Pro.swift", "ModelRegistry.swift"]
        #expect(Set((try? FileManager.default.contentsOfDirectory(atPath: modelsGenerated.path)) ?? []) == modelsFiles)

        // 1b. The first run named with --target on that target, back to holding only its config.
        try FileManager.default.removeItem(at: modelsGenerated)
        let first = try await run(
            swift, ["package", "--allow-writing-to-package-directory", "generate-bindings", "--target", "AppModels"],
            in: root)
        #expect(first.status == 0, "\(first.output.suffix(4000))")
        #expect(Set((try? FileManager.default.contentsOfDirectory(atPath: modelsGenerated.path)) ?? []) == modelsFiles)
        let unknown = try await run(
            swift, ["package", "--allow-writing-to-package-directory", "generate-bindings", "--target", "AppModel"],
            in: root)
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("Sources/AppModel/empirio-config.yaml"), "\(unknown.output.suffix(3000))")

        // 2. The app builds, with no warning from this package or from generated code.
        let build = try await run(swift, ["build"], in: root)
        #expect(build.status == 0, "\(build.output.suffix(6000))")
        let ours = build.output.split(separator: "\n").filter { line in
            line.contains("warning:")
                && (line.contains(root.path) || line.contains(Self.packageRoot.path) || line.contains("'empirio-swift'")
                    || line.contains("'consumerapp'"))
        }
        #expect(ours.isEmpty, "\(ours.joined(separator: "\n"))")

        // 2b. The app's own tests, offline through EmpirioTesting: what they add to the build, and their run.
        let clock = ContinuousClock()
        let testsStart = clock.now
        let testBuild = try await run(swift, ["build", "--build-tests"], in: root)
        let testBuildTime = testsStart.duration(to: clock.now)
        #expect(testBuild.status == 0, "\(testBuild.output.suffix(6000))")
        let runStart = clock.now
        let appTests = try await run(swift, ["test", "--skip-build"], in: root)
        let testRunTime = runStart.duration(to: clock.now)
        #expect(appTests.status == 0, "\(appTests.output.suffix(6000))")
        #expect(appTests.output.contains("5 tests"), "\(appTests.output.suffix(3000))")
        print("consumer app tests through EmpirioTesting: build after the app \(testBuildTime), run \(testRunTime)")

        // 3. It runs: bindings, validation, and a typed call against the stand-in gateway.
        let gateway = StandInGateway()
        let server = try await gateway.start()
        let executable = root.appendingPathComponent(".build/debug/ConsumerApp").path
        let output = try await run(executable, [server.baseURL.absoluteString], in: root)
        await server.shutdown()
        #expect(output.status == 0, "\(output.output)")
        #expect(output.output.contains("models: deepseek-v4-pro,qwen3-rerank,wan2-7-image"), "\(output.output)")
        #expect(output.output.contains("num_images: 9 is above the maximum"), "\(output.output)")
        #expect(output.output.contains("reply: "), "\(output.output)")
        #expect(!output.output.contains("reply: <none>"), "\(output.output)")
        #expect(
            server.requests.contains {
                $0.path == "/v1/chat/completions" && $0.bodyText.contains("\"deepseek-v4-pro\"")
            })

        // 4. On Linux, the app does not link libyaml.
        #if os(Linux)
            let ldd = try await run("/usr/bin/ldd", [executable], in: root)
            #expect(ldd.status == 0, "\(ldd.output)")
            #expect(!ldd.output.contains("libyaml"), "\(ldd.output)")
            #expect(!ldd.output.isEmpty)
        #endif

        // 5. --check passes now, and fails naming the missing file once the config asks for one more model.
        let upToDate = try await run(
            swift, ["package", "--allow-writing-to-package-directory", "generate-bindings", "--check"], in: root)
        #expect(upToDate.status == 0, "\(upToDate.output.suffix(3000))")
        try Data(Self.config(models: Self.chosenModels + ["text-embedding-v4"]).utf8).write(
            to: target.appendingPathComponent("empirio-config.yaml"))
        let stale = try await run(
            swift, ["package", "--allow-writing-to-package-directory", "generate-bindings", "--check"], in: root)
        #expect(stale.status != 0)
        #expect(stale.output.contains("missing   TextEmbeddingV4.swift"), "\(stale.output.suffix(3000))")
        #expect(
            !FileManager.default.fileExists(atPath: generated.appendingPathComponent("TextEmbeddingV4.swift").path),
            "--check writes nothing")

        // 6. A bad config is refused with its location, and the generated files stay as they were.
        try Data("catalog: ../../catalog.json\nmodel: [deepseek-v4-pro]\n".utf8).write(
            to: target.appendingPathComponent("empirio-config.yaml"))
        let bad = try await run(
            swift, ["package", "--allow-writing-to-package-directory", "generate-bindings", "--target", "ConsumerApp"],
            in: root)
        #expect(bad.status != 0)
        #expect(
            bad.output.contains("empirio-config.yaml:2:1: error: model: unknown key \"model\""),
            "\(bad.output.suffix(3000))")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: generated.path)) == files)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program in a directory, without the key in its environment; returns its status and
/// combined output.
func run(_ executable: String, _ arguments: [String], in directory: URL) async throws -> ProcessResult {
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "EMPIRIOLABS_API_KEY")
    return try await runProcess(executable, arguments, in: directory, environment: environment)
}
