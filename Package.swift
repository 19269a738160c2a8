// swift-tools-version: 6.1
// empirio-swift: typed Swift for the EmpirioLabs gateway, generated from its model catalog.
//
// Two halves, and the folders under Sources/ show them:
// - Sources/SDK: what an app links. EmpirioJSON, EmpirioRuntime, one transport
//   (EmpirioURLSession or EmpirioAsyncHTTPClient) and the generated bindings. No C library, no
//   YAML, no catalog decoder, no template engine, no argument parser.
// - Sources/Tooling: the `empirio` command and the generate-bindings plugin: libyaml (CYAML), the
//   located document readers, the catalog decoder, the generator. Never linked into an app.
// - Sources/Development: the stand-in gateway and the runtime benchmark, for this package's own
//   tests, examples and figures.
import PackageDescription

let package = Package(
    name: "empirio-swift",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        // What apps link.
        .library(name: "EmpirioRuntime", targets: ["EmpirioRuntime"]),
        .library(name: "EmpirioURLSession", targets: ["EmpirioURLSession"]),
        .library(name: "EmpirioAsyncHTTPClient", targets: ["EmpirioAsyncHTTPClient"]),
        // Bindings for every model of the committed catalog, for apps that want all of them.
        .library(name: "EmpirioModels", targets: ["EmpirioModels"]),
        // For an app's tests: the test gateway that checks every request against the catalog's
        // contract, and record / replay. Pure Swift over the runtime (no SwiftNIO).
        .library(name: "EmpirioTesting", targets: ["EmpirioTesting"]),
        // The tool: `swift run empirio fetch|validate|diff|...` from a package that depends on this one,
        // and `swift package generate-bindings`.
        .executable(name: "empirio", targets: ["empirio"]),
        .plugin(name: "GenerateBindings", targets: ["GenerateBindings"]),
    ],
    // Both on by default. An app that links only EmpirioURLSession can turn them off
    // (`.package(url: ..., from: ..., traits: [])`): SwiftPM then does not even check out
    // async-http-client, SwiftNIO, swift-crypto or the argument parser, only swift-http-types.
    traits: [
        .trait(
            name: "AsyncHTTPClient",
            description: "The EmpirioAsyncHTTPClient transport, on async-http-client and SwiftNIO."),
        .trait(name: "Command", description: "The `empirio` command, on swift-argument-parser."),
        .default(enabledTraits: ["AsyncHTTPClient", "Command"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        // HTTPRequest, HTTPResponse, HTTPFields: the HTTP types server-side Swift already shares. Pure Swift.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // `swift package generate-documentation`: a command plugin only, no target depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: SDK

        // JSON values with exact numbers, a fast parser straight into them, a writer. Pure Swift.
        .target(name: "EmpirioJSON", path: "Sources/SDK/EmpirioJSON"),
        // The gateway's model endpoints stated once (path, method, family, body, streaming, jobs,
        // the protocol a model conforms to): read by the runtime, the catalog decoder, the
        // generator and the diff. Pure Swift, no dependency.
        .target(name: "EmpirioEndpoints", path: "Sources/SDK/EmpirioEndpoints"),
        // Prices as types: exact USD, typed rates and units, the cost estimator. Shared by the
        // runtime (estimates, budgets) and the tool (`empirio cost`, the diff). Pure Swift.
        .target(
            name: "EmpirioPricing", dependencies: ["EmpirioJSON", "EmpirioEndpoints"],
            path: "Sources/SDK/EmpirioPricing"),
        // What generated code stands on, and the client: endpoints, errors, retries, SSE, jobs.
        .target(
            name: "EmpirioRuntime",
            dependencies: [
                "EmpirioJSON", "EmpirioEndpoints", "EmpirioPricing",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Sources/SDK/EmpirioRuntime"
        ),
        // Transports, kept out of the core so an app links only the one it uses.
        .target(
            name: "EmpirioURLSession",
            dependencies: ["EmpirioRuntime", .product(name: "HTTPTypes", package: "swift-http-types")],
            path: "Sources/SDK/EmpirioURLSession"
        ),
        .target(
            name: "EmpirioAsyncHTTPClient",
            dependencies: [
                "EmpirioRuntime",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(
                    name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])
                ),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            path: "Sources/SDK/EmpirioAsyncHTTPClient"
        ),
        // The test gateway (an in-process transport that holds every request to the catalog's
        // contract and answers as the gateway does), record and replay. Pure Swift: links in an
        // iOS test bundle.
        .target(name: "EmpirioTesting", dependencies: ["EmpirioRuntime"], path: "Sources/SDK/EmpirioTesting"),
        // The generated bindings for the committed catalog: one more consumer of the plugin, with
        // its own empirio-config.yaml.
        .target(
            name: "EmpirioModels", dependencies: ["EmpirioRuntime"], path: "Generated/EmpirioModels",
            exclude: ["empirio-config.yaml"]
        ),

        // MARK: Tooling

        // The system libyaml (Debian: libyaml-dev, pkg-config yaml-0.1).
        .systemLibrary(
            name: "CYAML", path: "Sources/Tooling/CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Located value trees: a JSON parser and a YAML reader that keep each node's line and
        // column, and the canonical JSON / YAML writers.
        .target(
            name: "EmpirioDocument", dependencies: ["CYAML", "EmpirioJSON"], path: "Sources/Tooling/EmpirioDocument"),
        // The catalog model: every accepted shape decoded into plain Sendable values, with
        // located diagnostics; canonical snapshots.
        .target(
            name: "EmpirioCatalog", dependencies: ["EmpirioDocument", "EmpirioEndpoints", "EmpirioPricing"],
            path: "Sources/Tooling/EmpirioCatalog"),
        // The generator: config, model selection, catalog → declarations → Mustache templates
        // (compiled in; Templates/ holds the editable copies) → files. It renders them with its own
        // compiled engine; swift-mustache is only the tests' reference for it.
        .target(
            name: "EmpirioCodegen",
            dependencies: ["EmpirioCatalog", "EmpirioEndpoints", "EmpirioPricing"],
            path: "Sources/Tooling/EmpirioCodegen"
        ),
        // The `empirio` command. Kept free of async-http-client: the plugin builds it as a host tool.
        .executableTarget(
            name: "empirio",
            dependencies: [
                "EmpirioCatalog",
                "EmpirioCodegen",
                "EmpirioPricing",
                "EmpirioRuntime",
                "EmpirioURLSession",
                .product(
                    name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Command"])),
            ],
            path: "Sources/Tooling/EmpirioCLI"
        ),
        // What the plugin runs: `empirio generate --config` linked with the generator alone (no
        // argument parser, runtime or transport), so a package's first plugin run builds only
        // what generating needs.
        .executableTarget(
            name: "empirio-bindings", dependencies: ["EmpirioCodegen"], path: "Sources/Tooling/EmpirioBindings"),
        // `swift package --allow-writing-to-package-directory generate-bindings [--target NAME]... [--check]`
        .plugin(
            name: "GenerateBindings",
            capability: .command(
                intent: .custom(
                    verb: "generate-bindings",
                    description: "Generate typed model bindings into every target that has an empirio-config.yaml"),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "The generated bindings are written into the targets' source folders")
                ]
            ),
            dependencies: ["empirio-bindings"]
        ),
        // `swift run -c release empirio-bench FILE...`: load-time figures, scale fixtures.
        .executableTarget(
            name: "empirio-bench", dependencies: ["EmpirioCatalog"], path: "Sources/Tooling/EmpirioBenchmarks"),

        // MARK: Development

        // A programmable HTTP server on 127.0.0.1 (SwiftNIO): the tests' and examples' stand-in gateway.
        .target(
            name: "EmpirioStandIn",
            dependencies: [
                "EmpirioJSON",
                // SwiftNIO comes with the AsyncHTTPClient trait; the stand-in is this package's own.
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(
                    name: "NIOConcurrencyHelpers", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            path: "Sources/Development/EmpirioStandIn"
        ),
        // `swift run empirio-standin`: the stand-in gateway on its own, for trying calls by hand.
        .executableTarget(
            name: "empirio-standin", dependencies: ["EmpirioStandIn"], path: "Sources/Development/EmpirioStandInServer"),
        // `swift run -c release empirio-runtime-bench`: SSE throughput and per-request overhead.
        .executableTarget(
            name: "empirio-runtime-bench",
            dependencies: ["EmpirioRuntime", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioStandIn"],
            path: "Sources/Development/EmpirioRuntimeBenchmarks"
        ),
        // `swift run empirio-examples [--live]`: the SDK end to end, offline against the stand-in gateway.
        .executableTarget(
            name: "empirio-examples",
            dependencies: ["EmpirioModels", "EmpirioAsyncHTTPClient", "EmpirioStandIn"],
            path: "Examples"
        ),

        // The fuzz targets (`Fuzz/run.sh`): every parser and decoder on arbitrary bytes, with the
        // properties that must hold for any input; `empirio-fuzz` is libFuzzer's harness when
        // built with -DFUZZING and the regression runner otherwise.
        .target(
            name: "EmpirioFuzzTargets",
            dependencies: ["EmpirioCatalog", "EmpirioCodegen", "EmpirioDocument", "EmpirioRuntime"],
            path: "Sources/Development/EmpirioFuzzTargets"
        ),
        .executableTarget(
            name: "empirio-fuzz", dependencies: ["EmpirioFuzzTargets"], path: "Sources/Development/EmpirioFuzz"),

        // MARK: Tests

        // What every test target shares: paths, a process runner that never blocks the
        // concurrency pool, a seeded random generator, the transports to test through.
        .target(
            name: "EmpirioTestSupport",
            dependencies: ["EmpirioRuntime", "EmpirioURLSession", "EmpirioAsyncHTTPClient"],
            path: "Tests/EmpirioTestSupport"
        ),
        .testTarget(name: "EmpirioDocumentTests", dependencies: ["EmpirioDocument", "EmpirioTestSupport"]),
        .testTarget(
            name: "EmpirioCatalogTests", dependencies: ["EmpirioCatalog", "EmpirioTestSupport", "empirio"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "EmpirioCodegenTests",
            dependencies: [
                "EmpirioCodegen", "EmpirioModels", "EmpirioRuntime", "EmpirioStandIn", "EmpirioTestSupport", "empirio",
                "empirio-bindings",
                // The reference the generator's template engine is checked against (TemplateEngineTests).
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures", "Reference"]
        ),
        .testTarget(
            name: "EmpirioRuntimeTests",
            dependencies: [
                "EmpirioRuntime", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioStandIn", "EmpirioTestSupport",
            ]
        ),
        .testTarget(
            name: "EmpirioEndToEndTests",
            dependencies: [
                "EmpirioModels", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioStandIn", "EmpirioTesting",
                "EmpirioTestSupport",
            ]
        ),
        // The test gateway over every model of the committed catalog; record against the stand-in, replay without it.
        .testTarget(
            name: "EmpirioTestingTests",
            dependencies: [
                "EmpirioTesting", "EmpirioModels", "EmpirioStandIn", "EmpirioAsyncHTTPClient", "EmpirioTestSupport",
            ]
        ),
        // The fuzz targets over their seed corpora and every input a fuzzer ever broke them with.
        .testTarget(name: "EmpirioFuzzTests", dependencies: ["EmpirioFuzzTargets"], exclude: ["Regressions"]),
        // A throwaway app package that depends on this checkout: config, plugin, build, run.
        .testTarget(name: "EmpirioConsumerTests", dependencies: ["EmpirioStandIn", "EmpirioTestSupport"]),
    ]
)
