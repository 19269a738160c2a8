// swift-tools-version: 6.0
// The EmpirioLabs catalog toolkit: read the gateway's model catalog, generate typed Swift from it.
import PackageDescription

let package = Package(
    name: "empirio-swift",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "EmpirioModels", targets: ["EmpirioModels"]),
        .library(name: "EmpirioRuntime", targets: ["EmpirioRuntime"]),
        .library(name: "EmpirioDocument", targets: ["EmpirioDocument"]),
        .library(name: "EmpirioCatalog", targets: ["EmpirioCatalog"]),
        .library(name: "EmpirioCodegen", targets: ["EmpirioCodegen"]),
        .library(name: "EmpirioURLSession", targets: ["EmpirioURLSession"]),
        .library(name: "EmpirioAsyncHTTPClient", targets: ["EmpirioAsyncHTTPClient"]),
        .executable(name: "empirio", targets: ["empirio"]),
        .executable(name: "empirio-bench", targets: ["EmpirioBenchmarks"]),
        .executable(name: "empirio-runtime-bench", targets: ["EmpirioRuntimeBenchmarks"]),
        .executable(name: "empirio-examples", targets: ["EmpirioExamples"]),
        .executable(name: "empirio-standin", targets: ["EmpirioStandInServer"]),
        .plugin(name: "GenerateBindings", targets: ["GenerateBindings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev, pkg-config yaml-0.1).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Located value trees: a JSON parser and a YAML reader that keep each node's line and
        // column, and the canonical JSON / YAML writers.
        .target(name: "EmpirioDocument", dependencies: ["CYAML"]),
        // The catalog model: every accepted shape decoded into plain Sendable values, with
        // located diagnostics; canonical snapshots.
        .target(name: "EmpirioCatalog", dependencies: ["EmpirioDocument"]),
        // The generator: catalog → view models → Mustache templates (Templates/) → files.
        .target(
            name: "EmpirioCodegen",
            dependencies: ["EmpirioCatalog", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // What generated code stands on: model and endpoint protocols, metadata, open enums,
        // validation.
        .target(name: "EmpirioRuntime", dependencies: ["EmpirioDocument", "EmpirioCatalog"]),
        // Transports, kept out of the core so the generator's tool never builds async-http-client.
        .target(
            name: "EmpirioURLSession",
            dependencies: ["EmpirioRuntime"]
        ),
        .target(
            name: "EmpirioAsyncHTTPClient",
            dependencies: [
                "EmpirioRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // A programmable HTTP server on 127.0.0.1 (SwiftNIO): the tests' and examples' stand-in gateway.
        .target(
            name: "EmpirioStandIn",
            dependencies: [
                "EmpirioDocument",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The generated bindings for the default catalog (`swift run empirio generate`).
        .target(name: "EmpirioModels", dependencies: ["EmpirioRuntime"], path: "Generated/EmpirioModels"),
        // The `empirio` command-line tool. Kept free of networking clients: the SwiftPM
        // plugin builds it again as a host tool.
        .executableTarget(
            name: "empirio",
            dependencies: [
                "EmpirioCatalog",
                "EmpirioCodegen",
                "EmpirioRuntime",
                "EmpirioURLSession",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/EmpirioCLI"
        ),
        // `swift run -c release empirio-bench FILE...`: load-time figures.
        .executableTarget(name: "EmpirioBenchmarks", dependencies: ["EmpirioCatalog"]),
        // `swift run empirio-examples [--live]`: the SDK end to end, offline against the stand-in gateway.
        .executableTarget(
            name: "EmpirioExamples",
            dependencies: ["EmpirioModels", "EmpirioAsyncHTTPClient", "EmpirioStandIn"],
            path: "Examples"
        ),
        // `swift run empirio-standin`: the stand-in gateway on its own, for trying calls by hand.
        .executableTarget(
            name: "EmpirioStandInServer",
            dependencies: ["EmpirioStandIn"],
            path: "Sources/EmpirioStandInServer"
        ),
        // `swift run -c release empirio-runtime-bench`: SSE throughput and per-request overhead.
        .executableTarget(
            name: "EmpirioRuntimeBenchmarks",
            dependencies: ["EmpirioRuntime", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioStandIn"]
        ),
        // `swift package --allow-writing-to-package-directory generate-bindings [--catalog FILE] [--check]`
        .plugin(
            name: "GenerateBindings",
            capability: .command(
                intent: .custom(verb: "generate-bindings", description: "Regenerate Generated/EmpirioModels from the catalog"),
                permissions: [.writeToPackageDirectory(reason: "The generated bindings live in Generated/EmpirioModels")]
            ),
            dependencies: ["empirio"]
        ),
        .testTarget(
            name: "EmpirioDocumentTests",
            dependencies: ["EmpirioDocument"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EmpirioCatalogTests",
            dependencies: ["EmpirioCatalog", "empirio"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EmpirioCodegenTests",
            dependencies: ["EmpirioCodegen", "EmpirioModels", "EmpirioRuntime", "EmpirioStandIn", "empirio"],
            exclude: ["Fixtures", "Reference"]
        ),
        .testTarget(
            name: "EmpirioRuntimeTests",
            dependencies: ["EmpirioRuntime", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioStandIn"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EmpirioEndToEndTests",
            dependencies: ["EmpirioModels", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioStandIn"]
        ),
    ]
)
