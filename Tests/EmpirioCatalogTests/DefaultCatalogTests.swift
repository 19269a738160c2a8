import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCatalog

@Suite("The committed default catalog")
struct DefaultCatalogTests {
    @Test("loads without a single diagnostic and is canonical")
    func canonical() throws {
        let loaded = try load(SourceTree.defaultCatalog.path)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings.prefix(5))")
        let bytes = try String(contentsOf: SourceTree.defaultCatalog, encoding: .utf8)
        #expect(
            CatalogWriter.write(loaded.catalog, format: .json) == bytes,
            "Generated/catalog.json is not canonical: run empirio snapshot")
    }

    @Test("covers every family with realistic fields")
    func families() throws {
        let catalog = try load(SourceTree.defaultCatalog.path).catalog
        #expect(catalog.models.count == 176)
        #expect(Set(catalog.models.map(\.id)).count == 176)
        let categories = Set(catalog.models.compactMap(\.category))
        #expect(
            categories.isSuperset(of: [
                "text", "image", "video", "audio", "transcription", "research", "embedding", "reranker", "3d",
            ]))
        let endpoints = Set(catalog.models.flatMap(\.endpoints))
        #expect(
            endpoints.isSuperset(of: [
                .chatCompletions, .completions, .responses, .messages, .embeddings, .reranks, .imageGenerations,
                .videoGenerations,
                .speech, .speechStream, .audioGenerations, .transcriptions, .search, .research, .answer, .agentsRun,
                .threeDGenerations, .detect,
            ]))
        for model in catalog.models {
            #expect(!model.endpoints.isEmpty, "\(model.id)")
            #expect(!model.parameters.isEmpty, "\(model.id)")
            #expect(!model.pricing.isEmpty, "\(model.id)")
            #expect(model.name != nil && model.description != nil && model.category != nil, "\(model.id)")
        }
        // Spot checks drawn from the API reference.
        let wan = try #require(catalog.model(id: "wan2-7-image"))
        #expect(wan.parameter(named: "image")?.maxItems == 9)
        #expect(wan.parameter(named: "aspect_ratio")?.allowedValues?.contains("16:9") == true)
        #expect(catalog.model(id: "qwen-image-2-0")?.parameter(named: "image")?.maxItems == 3)
        #expect(catalog.model(id: "seedream-5-0-lite")?.parameter(named: "image")?.maxItems == 14)
        #expect(catalog.model(id: "qwen3-5-9b")?.endpoints.contains(.completions) == true)
        #expect(catalog.model(id: "tts-1-5-mini")?.endpoints.contains(.speechStream) == true)
        #expect(catalog.model(id: "trellis-2-4b")?.parameter(named: "decimation_target")?.defaultValue == 500000)
        #expect(catalog.model(id: "gptzero")?.endpoints.contains(.detect) == true)
        #expect(catalog.model(id: "manus")?.endpoints == [.agentsRun])
        let seedance = try #require(catalog.model(id: "seedance-2-0-pro"))
        #expect(seedance.parameter(named: "resolution")?.allowedValues?.contains("1080p") == true)
        #expect(catalog.models.contains { $0.parameters.contains { !$0.conditions.isEmpty } })
        #expect(catalog.models.contains { $0.parameters.contains { $0.deprecation != nil } })
    }

    @Test(
        "holds exactly the gateway's 176 real model ids",
        .enabled(
            if: FileManager.default.fileExists(
                atPath: SourceTree.shared.appendingPathComponent("data/model-ids.txt").path),
            "needs ../shared/data/model-ids.txt (absent: skipped)"))
    func realIDs() throws {
        let ids = try String(
            contentsOf: SourceTree.shared.appendingPathComponent("data/model-ids.txt"), encoding: .utf8
        )
        .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let catalog = try load(SourceTree.defaultCatalog.path).catalog
        #expect(catalog.models.map(\.id) == ids.sorted())
    }
}
