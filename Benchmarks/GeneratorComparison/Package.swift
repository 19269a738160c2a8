// swift-tools-version: 6.1
// The benchmark's own package: it builds swift-openapi-generator 1.14.3 from the offline package
// set, so that Benchmarks/compare-generators.sh runs it beside `empirio generate` on the same
// catalog (`swift build -c release --product swift-openapi-generator` here). The main package
// never depends on it.
import PackageDescription

let package = Package(
    name: "generator-comparison",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")
    ],
    targets: []
)
