import EmpirioModels
import EmpirioRuntime
import Foundation
import Testing

/// The validators, enums, wire names and registry of the generated default module, used as a
/// consumer uses them.
@Suite("Generated default module")
struct GeneratedModuleTests {
    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("valid parameters have no violations and encode to the wire names")
    func valid() throws {
        let parameters = Wan2_7Image.Parameters(
            prompt: "A glass cathedral", aspectRatio: .ratio16x9, resolution: .res4K, numImages: 4, thinkingMode: true)
        #expect(parameters.validate().isEmpty)
        #expect(
            try json(parameters)
                == #"{"aspect_ratio":"16:9","num_images":4,"prompt":"A glass cathedral","resolution":"4K","thinking_mode":true}"#
        )
        #expect(try parameters.validated() == parameters)
    }

    @Test("one call reports every violation, each naming the wire parameter, the value and the constraint")
    func everyViolationAtOnce() throws {
        let parameters = Wan2_7Image.Parameters(
            prompt: "x", aspectRatio: .other("5:4"), numImages: 9, seed: -1,
            image: Array(repeating: "https://example.com/a.png", count: 10))
        let violations = parameters.validate()
        #expect(
            violations.map(\.description) == [
                #"aspect_ratio: "5:4" is not one of "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9""#,
                "num_images: 9 is above the maximum 4",
                "seed: -1 is below the minimum 0",
                "image: 10 items has more than 9 items",
            ])
        #expect(violations[1] == ParameterViolation(parameter: "num_images", value: "9", constraint: .maximum("4")))
        #expect(throws: ParameterValidationError.self) { try parameters.validated() }
    }

    @Test("conditions: when / required, requires, excludes")
    func conditions() {
        let missingImage = Seedance2_0Pro.Parameters(prompt: "dolly shot", mode: .i2v)
        #expect(
            missingImage.validate() == [
                ParameterViolation(parameter: "image", value: nil, constraint: .requiredWhen(#"mode == "i2v""#))
            ])
        #expect(
            Seedance2_0Pro.Parameters(prompt: "dolly shot", mode: .i2v, image: "https://example.com/a.png").validate()
                .isEmpty)
        let both = Seedance2_0Pro.Parameters(
            prompt: "p", image: "https://example.com/a.png", referenceImages: ["https://example.com/b.png"])
        #expect(both.validate().map(\.constraint) == [.excludes("image")])
        // `requires` is met by the other side's default (enable_thinking defaults to true), and
        // reported when the other side has none and is not set.
        #expect(DeepseekV4Pro.Parameters(messages: [.user("hi")], thinkingBudget: 1024).validate().isEmpty)
        let lastFrame = Seedance2_0Pro.Parameters(prompt: "p", lastFrameImage: "https://example.com/z.png")
        #expect(
            lastFrame.validate() == [
                ParameterViolation(
                    parameter: "last_frame_image", value: #""https://example.com/z.png""#,
                    constraint: .requires("image"))
            ])
        #expect(
            Seedance2_0Pro.Parameters(
                prompt: "p", image: "https://example.com/a.png", lastFrameImage: "https://example.com/z.png"
            ).validate().isEmpty)
    }

    @Test(
        "a chat model's messages are the runtime's ChatMessage (content parts, images), counted; arrays report their counts"
    )
    func nested() throws {
        let tool = Tool(name: "t", parameters: ["type": "object"])
        let image = ChatMessage.user([.text("what is this?"), .imageURL("https://example.com/a.png")])
        let parameters = DeepseekV4Pro.Parameters(
            messages: [.system("be brief"), image], tools: Array(repeating: tool, count: 129))
        #expect(parameters.validate().map(\.parameter) == ["tools"])
        let json = String(decoding: try JSONEncoder().encode(parameters), as: UTF8.self)
        #expect(
            json.contains(#""image_url":{"url":"https:\/\/example.com\/a.png"}"#)
                || json.contains(#""image_url":{"url":"https://example.com/a.png"}"#), "\(json)")
        let decoded = try JSONDecoder().decode(DeepseekV4Pro.Parameters.self, from: Data(json.utf8))
        #expect(decoded.messages == parameters.messages)
        #expect(
            DeepseekV4Pro.Parameters(messages: []).validate().map(\.description) == [
                "messages: 0 items has fewer than 1 item"
            ])
    }

    @Test("enums are open: unknown values decode, round-trip and fail validation")
    func openEnums() throws {
        let decoded = try JSONDecoder().decode(
            Wan2_7Image.Parameters.self, from: Data(#"{"prompt":"x","aspect_ratio":"5:4","resolution":"2K"}"#.utf8))
        #expect(decoded.aspectRatio == .other("5:4"))
        #expect(decoded.resolution == .res2K)
        #expect(try json(decoded) == #"{"aspect_ratio":"5:4","prompt":"x","resolution":"2K"}"#)
        #expect(Wan2_7Image.AspectRatio(rawValue: "16:9") == .ratio16x9)
        #expect(Wan2_7Image.AspectRatio.knownCases.count == 8)
        #expect(Seedance2_0Pro.Fps(rawValue: 24) == .fps24)
        #expect(Seedance2_0Pro.Fps.other(24).isKnown)
        #expect(!Seedance2_0Pro.Fps.other(25).isKnown)
    }

    @Test("metadata and registry")
    func registry() throws {
        let summary = RegistrySummary()
        #expect(summary.count == 176)
        #expect(summary.wanFound)
        #expect(summary.unknownFound == false)
        #expect(summary.videoCount == 29)
        #expect(summary.streaming == ["tts-1-5-max", "tts-1-5-mini"])
        #expect(summary.chatCount == summary.chatBySupport)
        #expect(summary.ids == summary.ids.sorted())
        #expect(summary.mismatched.isEmpty)
        #expect(Wan2_7Image.metadata.endpoints == [.imageGenerations])
        #expect(Wan2_7Image.metadata.pricing.first?.price == "0.03")
        #expect(Wan2_7Image.metadata.pricing.first?.unit == .image)
        #expect(Wan2_7Image.metadata.pricing.first?.dimensions == ["resolution": "1K"])
    }

    @Test("pricing variants share their base model's types; their metadata stays their own")
    func sharedTypes() throws {
        let shared = DeepseekV4FlashVariant1.Parameters.self == DeepseekV4Flash.Parameters.self
        #expect(shared)
        let variant: DeepseekV4FlashVariant1.Parameters = DeepseekV4Flash.Parameters(temperature: 0.5)
        #expect(variant.validate().isEmpty)
        #expect(DeepseekV4FlashVariant1.metadata.pricing.first?.tier == "Flex")
        #expect(DeepseekV4Flash.metadata.pricing.first?.tier == nil)
        #expect(DeepseekV4FlashVariant1.id == "deepseek-v4-flash:variant1")
    }

    /// Endpoint conformance follows the catalog: these compile only because the catalog lists the endpoints.
    @Test("models conform to exactly the endpoints the catalog lists")
    func endpointConformances() {
        func acceptsChat<M: ChatCompletionsModel>(_: M.Type) -> Bool { true }
        func acceptsImages<M: ImageGenerationModel>(_: M.Type) -> Bool { true }
        #expect(acceptsChat(DeepseekV4Pro.self))
        #expect(acceptsImages(Wan2_7Image.self))
        #expect((Wan2_7Image.self as Any.Type) is any ChatCompletionsModel.Type == false)
        #expect((Tts1_5Mini.self as Any.Type) is any SpeechStreamModel.Type)
        #expect((Gemini2_5FlashTts.self as Any.Type) is any SpeechStreamModel.Type == false)
    }
}

/// Registry facts computed outside `#expect` (the macro and existential metatypes crash Swift 6.3's SILGen).
struct RegistrySummary {
    var count = ModelRegistry.all.count
    var wanFound = false
    var unknownFound = ModelRegistry.model(id: "no-such-model") != nil
    var videoCount = ModelRegistry.models(inCategory: "video").count
    var streaming: [String] = []
    var chatCount = ModelRegistry.chatCompletionsModels.count
    var chatBySupport = ModelRegistry.models(supporting: .chatCompletions).count
    var ids: [String] = []
    var mismatched: [String] = []

    init() {
        if let model = ModelRegistry.model(id: "wan2-7-image") {
            wanFound = model.id == Wan2_7Image.id && model.metadata.name == "Wan 2.7 Image"
        }
        for model in ModelRegistry.models(supporting: .speechStream) { streaming.append(model.id.rawValue) }
        for model in ModelRegistry.all {
            ids.append(model.id.rawValue)
            if model.metadata.id != model.id { mismatched.append(model.id.rawValue) }
        }
    }
}
