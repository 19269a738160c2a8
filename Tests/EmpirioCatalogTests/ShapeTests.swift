import EmpirioDocument
import EmpirioTestSupport
import Testing

@testable import EmpirioCatalog

@Suite("Catalog shapes")
struct ShapeTests {
    @Test("the list envelope loads with every field")
    func envelope() throws {
        let loaded = try load(Fixtures.path("good/envelope.json"))
        #expect(loaded.warnings.isEmpty)
        let catalog = loaded.catalog
        #expect(catalog.models.map(\.id) == ["wan2-7-image", "deepseek-v4-pro"])
        let image = try #require(catalog.model(id: "wan2-7-image"))
        #expect(image.name == "Wan 2.7 Image")
        #expect(image.category == "image")
        #expect(image.contextWindow == nil)
        #expect(image.endpoints == [.imageGenerations])
        #expect(image.pricing[1].priceUSD?.text == "0.0600")
        #expect(image.pricing[1].tier == "4K")
        #expect(image.pricing[1].extra["resolution"] == "4K")
        let aspect = try #require(image.parameter(named: "aspect_ratio"))
        #expect(aspect.allowedValues == ["1:1", "16:9", "9:16", "4:3"])
        #expect(aspect.defaultValue == "1:1")
        #expect(image.parameter(named: "size")?.allowedValues == [1024, 2048])
        #expect(image.parameter(named: "size")?.effectiveType == .integer)
        #expect(image.parameter(named: "image")?.items?.type == .string)
        #expect(image.parameter(named: "image")?.maxItems == 9)
        #expect(image.parameter(named: "prompt")?.isRequired == true)
        let chat = try #require(catalog.model(id: "deepseek-v4-pro"))
        #expect(chat.description == "Reasoning model.\nSays \"hi\" \\ and more.")
        #expect(chat.contextWindow == 131072)
        #expect(chat.supportsPassthrough == true)
        #expect(chat.pricing.map { $0.priceUSD?.text } == ["0.27", "1.10"])
        #expect(
            chat.parameter(named: "thinking_budget")?.conditions == [ParameterCondition(requires: ["enable_thinking"])])
        #expect(
            chat.parameter(named: "response_format")?.properties?.first?.allowedValues == [
                "text", "json_object", "json_schema",
            ])
    }

    @Test("YAML and JSON spellings of one catalog are equal (anchors and merge keys included)")
    func yamlEqualsJSON() throws {
        let json = try load(Fixtures.path("good/envelope.json"))
        let yaml = try load(Fixtures.path("good/envelope.yaml"))
        #expect(yaml.format == .yaml)
        #expect(yaml.catalog == json.catalog)
    }

    @Test("a single model, {\"data\": MODEL}, a bare array and a parameter map all load")
    func singleModelShapes() throws {
        let single = try load(Fixtures.path("good/single-model.json")).catalog
        let wrapped = try load(Fixtures.path("good/data-wrapped-model.json")).catalog
        let bare = try load(Fixtures.path("good/bare-array.json")).catalog
        #expect(single == wrapped)
        #expect(single == bare)
        let model = try #require(single.models.first)
        #expect(model.id == "qwen3-rerank")
        #expect(model.parameters.map(\.name) == ["query", "documents", "top_n"])
        #expect(model.parameter(named: "documents")?.maxItems == 500)
    }

    @Test("the older docs' spellings and every alias map onto the same fields")
    func olderDocs() throws {
        let loaded = try load(Fixtures.path("good/older-docs.yaml"))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let model = try #require(loaded.catalog.models.first)
        #expect(model.provider == "bytedance")
        #expect(model.region == "cn-east")
        #expect(model.features == ["text_to_video", "image_to_video"])
        #expect(model.endpoints == [.videoGenerations])
        #expect(model.pricing.first?.priceUSD?.text == "0.12")
        #expect(model.pricing.first?.extra["resolution"] == "1080p")
        #expect(
            model.parameters.map(\.name) == [
                "prompt", "mode", "image", "reference_images", "resolution", "duration", "fps", "generate_audio",
                "extend_from", "seed",
            ])
        #expect(model.parameter(named: "prompt")?.description == "What happens in the video.")
        let mode = try #require(model.parameter(named: "mode"))
        #expect(mode.type == .enumeration)
        #expect(mode.effectiveType == .string)
        #expect(mode.allowedValues == ["auto", "t2v", "i2v"])
        #expect(mode.defaultValue == "auto")
        #expect(model.parameter(named: "image")?.type == .string)
        #expect(model.parameter(named: "image")?.conditions == [ParameterCondition(when: ["mode": "i2v"])])
        let references = try #require(model.parameter(named: "reference_images"))
        #expect(references.type == .array)
        #expect(references.items?.type == .string)
        #expect(
            references.conditions == [
                ParameterCondition(requires: ["prompt"]), ParameterCondition(excludes: ["image"]),
            ])
        // default_params fills defaults the table lacks and keeps names it does not have.
        #expect(model.parameter(named: "resolution")?.defaultValue == "1080p")
        #expect(model.parameter(named: "duration")?.defaultValue == 5)
        #expect(model.parameter(named: "duration")?.type == .integer)
        #expect(model.extra["default_params"] == ["watermark": false])
        #expect(model.parameter(named: "fps")?.type == .number)
        #expect(model.parameter(named: "fps")?.maximum == 60)
        #expect(model.parameter(named: "generate_audio")?.deprecation == Deprecation(message: "Use audio_mode instead"))
        #expect(model.parameter(named: "extend_from")?.properties?.map(\.name) == ["job_id", "video_url"])
        #expect(model.parameter(named: "seed")?.type == .integer)
    }

    @Test("unknown fields are kept and written back")
    func unknownFields() throws {
        let catalog = try load(Fixtures.path("good/unknown-fields.json")).catalog
        #expect(catalog.extra["total_count"] == 1)
        #expect(catalog.extra["links"] == ["next": nil])
        let model = try #require(catalog.models.first)
        #expect(model.extra["rate_limit"] == ["rpm": 50, "burst": .number(NumberLiteral("10.5")!)])
        #expect(model.extra["launch"] == "2026-01-01")
        #expect(model.pricing.first?.extra["contents"] == "text")
        #expect(model.parameter(named: "query")?.extra["ui_hint"] == "textarea")
        #expect(model.parameter(named: "type")?.conditions.first?.extra["note"] == "ignored for news")
        #expect(model.parameter(named: "type")?.conditions.first?.when == ["category": ["news", "paper"]])
        let written = CatalogWriter.write(catalog, format: .json)
        for needle in [
            #""rate_limit""#, #""burst": 10.5"#, #""ui_hint": "textarea""#, #""note": "ignored for news""#,
            #""total_count": 1"#, #""contents": "text""#,
        ] {
            #expect(written.contains(needle), "\(needle)")
        }
        #expect(try CatalogLoader.load(string: written, format: .json).catalog == catalog)
    }

    @Test("the gateway's provider listing (?format=openrouter, alternative1) loads with exact prices")
    func providerListing() throws {
        let model = try #require(try load(Fixtures.path("good/provider-listing.json")).catalog.models.first)
        #expect(model.id == "deepseek-v4-flash")
        #expect(model.contextWindow == 131072)
        #expect(model.provider == "deepseek")
        #expect(model.region == "US,RO")
        #expect(model.pricing.first?.priceUSD?.text == "0.0000000208333333333333")
        #expect(model.pricing.first?.label == "Input tokens")
        #expect(model.pricing.map { $0.extra["key"] } == ["prompt", "completion", "request", "input_cache_read"])
        #expect(model.parameters.map(\.name) == ["temperature", "top_p", "max_tokens", "stop", "seed"])
        #expect(model.parameter(named: "temperature")?.maximum == 2)
        #expect(model.parameter(named: "max_tokens")?.maximum == 16384)
        #expect(model.features == ["tools", "json_mode"])
        #expect(model.extra["hugging_face_id"] == "deepseek-ai/DeepSeek-V4-Flash")
        #expect(model.extra["alternative_1"] == ["slug": "deepseek/deepseek-v4-flash"])
        #expect(model.extra["is_ready"] == true)
    }

    @Test(
        "the docs' provider listing examples load",
        .enabled(if: SourceTree.referenceAvailable, "needs ../shared/reference (absent: skipped)"),
        arguments: ["openrouter-model-listing.example.json", "alternative-1-model-listing.example.json"])
    func docsExamples(name: String) throws {
        let loaded = try load(SourceTree.referencePath("gateway-docs/" + name))
        #expect(loaded.warnings.isEmpty)
        let model = try #require(loaded.catalog.models.first)
        #expect(model.id == "qwen3-5-9b")
        #expect(model.name == "Qwen3.5 9B")
        #expect(model.contextWindow == 262144)
        #expect(model.inputModalities == ["text", "image", "video"])
        #expect(model.pricing.first { $0.extra["key"] == "input_cache_read" }?.priceUSD?.text == "0.000000045")
        #expect(model.parameters.count == 11)
        #expect(model.parameter(named: "max_tokens")?.maximum == 32768)
        #expect(model.features == ["tools", "json_mode", "structured_outputs", "reasoning"])
        #expect(model.region == (name.hasPrefix("openrouter") ? "JP" : "RO"))
    }

    @Test(
        "the real 414-model OpenRouter listing loads exactly",
        .enabled(if: SourceTree.referenceAvailable, "needs ../shared/reference (absent: skipped)"))
    func openRouterPublicListing() throws {
        let loaded = try load(SourceTree.referencePath("openrouter-models.json"))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings.prefix(5))")
        let catalog = loaded.catalog
        #expect(catalog.models.count == 414)
        #expect(catalog.extra["total_count"] == 414)
        // Prices stay exactly as written, including more digits than a Double holds and "-1".
        let texts = Set(catalog.models.flatMap { $0.pricing.compactMap { $0.priceUSD?.text } })
        #expect(texts.contains("0.0000000208333333333333"))
        #expect(texts.contains("-1"))
        // Alias ids with ~ and their targets, overrides, and everything else are kept.
        let alias = try #require(catalog.models.first { $0.id.hasPrefix("~") })
        #expect(alias.extra["alias_target"] != nil)
        #expect(
            catalog.models.contains {
                if case .object(let pricing)? = $0.extra["pricing"] {
                    return pricing["overrides"] != nil
                } else {
                    return false
                }
            })
        for model in catalog.models {
            #expect(model.extra["canonical_slug"] != nil)
            #expect(model.contextWindow != nil)
            #expect(!model.parameters.isEmpty || model.extra["supported_parameters"] == nil)
        }
        let withTemperature = catalog.models.filter { $0.parameter(named: "temperature") != nil }
        #expect(withTemperature.count > 300)
    }
}
