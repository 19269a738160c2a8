// swift-tools-version: 6.0
// The EmpirioLabs catalog toolkit: read the gateway's model catalog, generate typed Swift from it.
import PackageDescription

let package = Package(
    name: "empirio-swift",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "EmpirioDocument", targets: ["EmpirioDocument"]),
        .library(name: "EmpirioCatalog", targets: ["EmpirioCatalog"]),
        .executable(name: "empirio", targets: ["EmpirioCLI"]),
        .executable(name: "empirio-bench", targets: ["EmpirioBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        // The `empirio` command-line tool. Kept free of networking clients: the SwiftPM
        // plugin builds it again as a host tool.
        .executableTarget(
            name: "EmpirioCLI",
            dependencies: [
                "EmpirioCatalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift run -c release empirio-bench FILE...`: load-time figures.
        .executableTarget(name: "EmpirioBenchmarks", dependencies: ["EmpirioCatalog"]),
        .testTarget(
            name: "EmpirioDocumentTests",
            dependencies: ["EmpirioDocument"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EmpirioCatalogTests",
            dependencies: ["EmpirioCatalog", "EmpirioCLI"],
            exclude: ["Fixtures"]
        ),
    ]
)
