import EmpirioCatalog
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// `empirio fetch` and `empirio diff live` against a local server standing in for the gateway.
@Suite("empirio fetch")
struct FetchCommandTests {
    var empirio: String { SourceTree.products.appendingPathComponent("empirio").path }

    static let listing =
        #"{"object":"list","data":[{"id":"wan2-7-image","category":"image","supported_endpoints":["/v1/images/generations"]},{"id":"qwen3-rerank","category":"reranker","supported_endpoints":["/v1/reranks"],"parameters":[{"name":"query","type":"string","required":true}]},{"id":"tavily-search","category":"research","supported_endpoints":["/v1/search"]}]}"#

    func detail(_ id: String) -> String {
        #"{"data":{"id":"\#(id)","category":"image","supported_endpoints":["/v1/images/generations"],"parameters":[{"name":"prompt","type":"string","required":true},{"name":"num_images","type":"integer","min":1,"max":4}]}}"#
    }

    /// Runs empirio with the key in its environment only.
    func runEmpirio(_ arguments: [String]) async throws -> ProcessResult {
        try await runProcess("/usr/bin/env", ["EMPIRIOLABS_API_KEY=sk-empiriolabs-fetch-test", empirio] + arguments)
    }

    @Test("lists, fetches the details the listing lacks, writes a canonical snapshot")
    func fetch() async throws {
        let directory = try SourceTree.temporaryDirectory("fetch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await TestHTTPServer.start { request in
            switch request.path {
            case "/v1/models": return .json(Self.listing)
            case "/v1/models/wan2-7-image", "/v1/models/tavily-search":
                return .json(self.detail(String(request.path.split(separator: "/").last!)))
            default: return .json(#"{"error":{"message":"no"}}"#, status: 404)
            }
        }
        let output = directory.appendingPathComponent("catalog.yaml").path
        let result = try await runEmpirio(["fetch", "-o", output, "--base-url", server.baseURL.absoluteString])
        await server.shutdown()
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("sk-empiriolabs-fetch-test"))
        let paths = server.requests.map(\.path).sorted()
        #expect(paths == ["/v1/models", "/v1/models/tavily-search", "/v1/models/wan2-7-image"])
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer sk-empiriolabs-fetch-test" })
        let catalog = try CatalogLoader.load(contentsOf: output).catalog
        #expect(catalog.models.map(\.id) == ["qwen3-rerank", "tavily-search", "wan2-7-image"])
        #expect(catalog.model(id: "wan2-7-image")?.parameter(named: "num_images")?.maximum == 4)
        #expect(catalog.model(id: "qwen3-rerank")?.parameters.count == 1)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written == CatalogWriter.write(catalog, format: .yaml))
        #expect(!written.contains("sk-empiriolabs"))
    }

    @Test("a failure mid-way leaves the old snapshot untouched and names the model and the request")
    func failureMidWay() async throws {
        let directory = try SourceTree.temporaryDirectory("fetch-fail")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("catalog.json")
        let previous = Data("{\"object\": \"list\", \"data\": []}\n".utf8)
        try previous.write(to: output)
        let server = try await TestHTTPServer.start { request in
            switch request.path {
            case "/v1/models": return .json(Self.listing)
            case "/v1/models/wan2-7-image": return .json(self.detail("wan2-7-image"))
            default:
                return .json(
                    #"{"error":{"message":"The model's worker is temporarily offline.","type":"server_error","code":"model_unavailable"}}"#,
                    status: 503)
            }
        }
        let result = try await runEmpirio([
            "fetch", "-o", output.path, "--base-url", server.baseURL.absoluteString, "--quiet",
        ])
        await server.shutdown()
        #expect(result.status == 1)
        #expect(result.output.contains("model_unavailable"))
        // The error names the model and the request that failed, never the key.
        #expect(
            result.output.contains(
                "fetching model tavily-search failed (GET /v1/models/tavily-search): EmpirioError.api (HTTP 503)"),
            "\(result.output)")
        #expect(!result.output.contains("sk-empiriolabs-fetch-test"))
        #expect(FileManager.default.contents(atPath: output.path) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["catalog.json"])
        // 503 is retried: three attempts for the failing detail.
        #expect(server.requests.filter { $0.path == "/v1/models/tavily-search" }.count == 3)
    }

    @Test("a listing that fails, and a model whose details are not a catalog entry, name the request")
    func failuresNameTheRequest() async throws {
        let directory = try SourceTree.temporaryDirectory("fetch-names")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("catalog.json").path
        let broken = try await TestHTTPServer.start { request in
            switch request.path {
            case "/v1/models": return .json(Self.listing)
            case "/v1/models/wan2-7-image": return .json(#"{"data":{"id":"wan2-7-image","parameters":"none"}}"#)
            default: return .json(self.detail("tavily-search"))
            }
        }
        let detail = try await runEmpirio([
            "fetch", "-o", output, "--base-url", broken.baseURL.absoluteString, "--quiet", "--strict",
        ])
        await broken.shutdown()
        #expect(detail.status == 1)
        #expect(
            detail.output.contains("fetching model wan2-7-image failed (GET /v1/models/wan2-7-image)"),
            "\(detail.output)")
        let refusing = try await TestHTTPServer.start { _ in
            .json(
                #"{"error":{"message":"Invalid API key.","type":"authentication_error","code":"invalid_api_key"}}"#,
                status: 401)
        }
        let listing = try await runEmpirio([
            "fetch", "-o", output, "--base-url", refusing.baseURL.absoluteString, "--quiet",
        ])
        await refusing.shutdown()
        #expect(listing.status == 1)
        #expect(
            listing.output.contains("fetching the catalog failed (GET /v1/models): EmpirioError.api (HTTP 401)"),
            "\(listing.output)")
        #expect(!(detail.output + listing.output).contains("sk-empiriolabs-fetch-test"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("--format openrouter asks for the provider listing; no key is an error before any request")
    func formatsAndKey() async throws {
        let directory = try SourceTree.temporaryDirectory("fetch-or")
        defer { try? FileManager.default.removeItem(at: directory) }
        let providerListing =
            #"{"data":[{"id":"qwen3-5-9b","name":"Qwen3.5 9B","input_modalities":["text"],"output_modalities":["text"],"quantization":"fp8","context_length":262144,"max_output_length":32768,"pricing":{"prompt":"0.00000009"},"supported_sampling_parameters":["temperature"],"supported_features":["tools"],"is_ready":true,"openrouter":{"slug":"qwen/qwen3.5-9b"}}]}"#
        let server = try await TestHTTPServer.start { _ in .json(providerListing) }
        let output = directory.appendingPathComponent("openrouter.json").path
        let result = try await runEmpirio([
            "fetch", "-o", output, "--base-url", server.baseURL.absoluteString, "--format", "openrouter",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(server.requests.map(\.uri) == ["/v1/models?format=openrouter"])
        #expect(
            try CatalogLoader.load(contentsOf: output).catalog.model(id: "qwen3-5-9b")?.pricing.first?.priceUSD?.text
                == "0.00000009")
        let noKey = try await runProcess(empirio, ["fetch", "-o", output, "--base-url", server.baseURL.absoluteString])
        #expect(noKey.status == 2)
        #expect(noKey.output.contains("EMPIRIOLABS_API_KEY"))
        #expect(server.requests.count == 1)
        await server.shutdown()
    }

    @Test("diff against live, with --fail-on")
    func diffLive() async throws {
        let directory = try SourceTree.temporaryDirectory("diff-live")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await TestHTTPServer.start { request in
            request.path == "/v1/models"
                ? .json(Self.listing) : .json(self.detail(String(request.path.split(separator: "/").last!)))
        }
        let old = directory.appendingPathComponent("old.json")
        let fetched = try await runEmpirio([
            "fetch", "-o", old.path, "--base-url", server.baseURL.absoluteString, "--quiet",
        ])
        #expect(fetched.status == 0, "\(fetched.output)")
        let same = try await runEmpirio([
            "diff", old.path, "live", "--base-url", server.baseURL.absoluteString, "--fail-on", "any",
        ])
        #expect(same.status == 0, "\(same.output)")
        #expect(same.output.contains("0 breaking, 0 additive, 0 informational"))
        let bigger = try await runEmpirio([
            "diff", SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path, old.path, "--fail-on",
            "breaking", "--format", "markdown",
        ])
        #expect(bigger.status == 1)
        #expect(bigger.output.contains("### Breaking"))
        await server.shutdown()
    }
}
