import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCatalog

@Suite("Canonical snapshots")
struct RoundTripTests {
    static var inputs: [String] {
        var paths = Fixtures.files(in: "good").map { Fixtures.path("good/" + $0) }
        paths.append(SourceTree.defaultCatalog.path)
        if SourceTree.referenceAvailable { paths.append(SourceTree.referencePath("openrouter-models.json")) }
        return paths
    }

    @Test("load → write → load gives an equal catalog; writing twice gives the same bytes", arguments: inputs)
    func roundTrip(path: String) throws {
        let catalog = try load(path).catalog.sorted
        for format in DocumentFormat.allCases {
            let first = CatalogWriter.write(catalog, format: format)
            let reloaded = try CatalogLoader.load(string: first, format: format).catalog
            #expect(reloaded == catalog, "\(format)")
            #expect(CatalogWriter.write(reloaded, format: format) == first, "\(format)")
        }
        // JSON → YAML → JSON is byte-identical.
        let json = CatalogWriter.write(catalog, format: .json)
        let viaYAML = try CatalogLoader.load(string: CatalogWriter.write(catalog, format: .yaml), format: .yaml).catalog
        #expect(CatalogWriter.write(viaYAML, format: .json) == json)
    }

    @Test(
        "PyYAML (YAML 1.1) reads the YAML snapshot as json.load reads the JSON one: no string turns into a boolean, null or number",
        .enabled(if: PyYAML.available, "needs python3 with PyYAML (absent: skipped)"), arguments: inputs)
    func yamlReadsAlikeInPyYAML(path: String) async throws {
        let catalog = try load(path).catalog
        let result = try await PyYAML.compare(
            yaml: CatalogWriter.write(catalog, format: .yaml), json: CatalogWriter.write(catalog, format: .json))
        #expect(
            result.status == 0 && result.output.hasPrefix("same"),
            "\(URL(fileURLWithPath: path).lastPathComponent): \(result.output.prefix(4000))")
    }

    @Test("snapshots sort models by id and put known keys first")
    func canonicalOrder() throws {
        let catalog = try load(Fixtures.path("good/unknown-fields.json")).catalog
        var shuffled = try load(Fixtures.path("good/envelope.json")).catalog
        shuffled.models += catalog.models
        let json = CatalogWriter.write(shuffled, format: .json)
        let ids = try CatalogLoader.load(string: json, format: .json).catalog.models.map(\.id)
        #expect(ids == ["deepseek-v4-pro", "exa-search", "wan2-7-image"])
        let lines = json.split(separator: "\n")
        #expect(
            lines.prefix(4).map { $0.trimmingCharacters(in: .whitespaces) } == [
                #"{"#, #""object": "list","#, #""data": ["#, #"{"#,
            ])
        let model = try #require(json.range(of: #""id": "exa-search""#))
        let after = json[model.lowerBound...]
        let parameters = try #require(after.range(of: #""parameters""#))
        let rateLimit = try #require(after.range(of: #""rate_limit""#))
        #expect(parameters.lowerBound < rateLimit.lowerBound)
    }

    @Test("a snapshot of the gateway's real shapes round-trips through YAML with prices exact")
    func exactPricesThroughYAML() throws {
        let catalog = try load(Fixtures.path("good/provider-listing.json")).catalog
        let yaml = CatalogWriter.write(catalog, format: .yaml)
        #expect(yaml.contains("price_usd: 0.0000000208333333333333"))
        #expect(try CatalogLoader.load(string: yaml, format: .yaml).catalog == catalog)
    }
}
