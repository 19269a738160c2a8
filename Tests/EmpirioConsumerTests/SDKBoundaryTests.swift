import Foundation
import Testing

/// What an app links: the SDK targets reach no tooling target, no C library and no tool
/// dependency; the library products are SDK targets only; the SDK's sources import nothing of
/// the tooling and nothing Linux-only without a guard.
@Suite("SDK boundary")
struct SDKBoundaryTests {
    static let sdkTargets = [
        "EmpirioJSON", "EmpirioEndpoints", "EmpirioPricing", "EmpirioRuntime", "EmpirioURLSession",
        "EmpirioAsyncHTTPClient", "EmpirioModels", "EmpirioTesting",
    ]
    /// Targets that must link in an iOS test bundle without SwiftNIO or async-http-client.
    static let pureTargets = ["EmpirioTesting"]
    static let networkingPackages: Set<String> = [
        "swift-nio", "async-http-client", "swift-nio-ssl", "swift-nio-http2", "swift-nio-extras",
        "swift-nio-transport-services",
    ]
    static let toolingTargets: Set<String> = [
        "CYAML", "EmpirioDocument", "EmpirioCatalog", "EmpirioCodegen", "empirio", "empirio-bindings",
    ]
    static let toolingProducts: Set<String> = ["Mustache", "ArgumentParser"]

    struct Manifest: Decodable {
        struct Target: Decodable {
            var name: String
            var type: String
            var dependencies: [Dependency]
        }
        struct Product: Decodable {
            var name: String
            var targets: [String]
            var type: [String: JSONAny]
        }
        /// `{"byName": ["X", null]}`, `{"target": ["X", null]}` or `{"product": ["X", "package", null, null]}`.
        struct Dependency: Decodable {
            var name: String
            var isProduct: Bool
            /// The package of a product dependency.
            var package: String?
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                let key = container.allKeys.first!
                var list = try container.nestedUnkeyedContainer(forKey: key)
                name = try list.decode(String.self)
                isProduct = key.stringValue == "product"
                package = isProduct ? try list.decodeIfPresent(String.self) : nil
            }
        }
        var targets: [Target]
        var products: [Product]
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct JSONAny: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static func manifest() async throws -> Manifest {
        // Its own scratch path: `swift test` holds the lock on this package's .build while tests run.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try await run(
            ConsumerPackageTests.swift!, ["package", "--scratch-path", scratch.path, "dump-package"],
            in: ConsumerPackageTests.packageRoot)
        guard result.status == 0, let start = result.output.firstIndex(of: "{") else {
            throw TestFailure("dump-package failed: \(result.output.prefix(2000))")
        }
        return try JSONDecoder().decode(Manifest.self, from: Data(result.output[start...].utf8))
    }

    @Test(
        "no SDK target reaches a tooling target or tool dependency, and every library product is SDK",
        .enabled(if: ConsumerPackageTests.swift != nil, "needs swift on PATH"))
    func manifestSplit() async throws {
        let manifest = try await Self.manifest()
        let byName = Dictionary(uniqueKeysWithValues: manifest.targets.map { ($0.name, $0) })
        for root in Self.sdkTargets {
            var seen: Set<String> = []
            var queue = [root]
            while let name = queue.popLast() {
                guard seen.insert(name).inserted, let target = byName[name] else { continue }
                for dependency in target.dependencies {
                    #expect(
                        !Self.toolingTargets.contains(dependency.name),
                        "\(root) reaches \(dependency.name) through \(name)")
                    #expect(
                        !(dependency.isProduct && Self.toolingProducts.contains(dependency.name)),
                        "\(root) reaches \(dependency.name) through \(name)")
                    if !dependency.isProduct { queue.append(dependency.name) }
                }
            }
            #expect(seen.contains(root))
        }
        let libraries = manifest.products.filter { $0.type["library"] != nil }
        #expect(
            Set(libraries.map(\.name)) == [
                "EmpirioRuntime", "EmpirioURLSession", "EmpirioAsyncHTTPClient", "EmpirioModels", "EmpirioTesting",
            ])
        for product in libraries {
            #expect(product.targets.allSatisfy(Self.sdkTargets.contains), "\(product.name): \(product.targets)")
        }
    }

    @Test(
        "EmpirioTesting reaches no SwiftNIO, no async-http-client and no development target",
        .enabled(if: ConsumerPackageTests.swift != nil, "needs swift on PATH"))
    func testingProductIsPure() async throws {
        let manifest = try await Self.manifest()
        let byName = Dictionary(uniqueKeysWithValues: manifest.targets.map { ($0.name, $0) })
        for root in Self.pureTargets {
            var seen: Set<String> = []
            var queue = [root]
            while let name = queue.popLast() {
                guard seen.insert(name).inserted, let target = byName[name] else { continue }
                for dependency in target.dependencies {
                    if dependency.isProduct {
                        #expect(
                            ["HTTPTypes"].contains(dependency.name),
                            "\(root) reaches the product \(dependency.name) through \(name)")
                        #expect(
                            !Self.networkingPackages.contains(dependency.package ?? ""),
                            "\(root) reaches \(dependency.package ?? "") through \(name)")
                    } else {
                        #expect(
                            !["EmpirioAsyncHTTPClient", "EmpirioStandIn", "EmpirioURLSession"].contains(
                                dependency.name), "\(root) reaches \(dependency.name) through \(name)")
                        queue.append(dependency.name)
                    }
                }
            }
            #expect(seen.contains("EmpirioRuntime"))
        }
        let sources = ConsumerPackageTests.packageRoot.appendingPathComponent("Sources/SDK/EmpirioTesting")
        for file in FileManager.default.enumerator(atPath: sources.path)?.compactMap({ $0 as? String }).filter({
            $0.hasSuffix(".swift")
        }) ?? [] {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                #expect(
                    ["import EmpirioRuntime", "import Foundation", "import Testing", "import XCTest"].contains(
                        String(line)), "\(file): \(line)")
            }
        }
    }

    @Test("SDK sources import no tooling module, re-export only SDK modules, and guard Linux-only imports")
    func sdkSources() throws {
        let roots = ["Sources/SDK", "Generated/EmpirioModels"].map {
            ConsumerPackageTests.packageRoot.appendingPathComponent($0)
        }
        var checked = 0
        for root in roots {
            let files =
                FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter {
                    $0.hasSuffix(".swift")
                } ?? []
            for file in files {
                let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).split(
                    separator: "\n"
                ).map(String.init)
                checked += 1
                for (offset, line) in lines.enumerated() where line.contains("import ") {
                    for module in Self.toolingTargets.union(Self.toolingProducts) {
                        #expect(!line.hasSuffix("import \(module)"), "\(file):\(offset + 1): \(line)")
                    }
                    if line.hasPrefix("@_exported import ") {
                        // HTTPTypes is the vocabulary of the client's API (transports, middlewares, metadata): pure Swift.
                        #expect(
                            ["EmpirioJSON", "EmpirioPricing", "EmpirioRuntime", "HTTPTypes"].contains(
                                line.dropFirst("@_exported import ".count)), "\(file): \(line)")
                    }
                    if line.hasSuffix("import FoundationNetworking") {
                        #expect(
                            offset > 0 && lines[offset - 1].contains("canImport(FoundationNetworking)"),
                            "\(file):\(offset + 1): unguarded \(line)")
                    }
                }
            }
        }
        #expect(checked > 150)
    }
}
