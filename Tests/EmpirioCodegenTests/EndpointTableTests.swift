import EmpirioCatalog
import EmpirioModels
import EmpirioRuntime
import Foundation
import Testing

@testable import EmpirioCodegen

/// The endpoint table (`EndpointSpec.all`) is the one statement of the gateway's model
/// endpoints: the catalog decoder, the generator, the diff and the runtime agree with it. A row
/// added without the runtime's call (its protocol, its `EndpointPath` constant, its typed
/// methods) fails here, and so does any consumer that states an endpoint fact of its own.
@Suite("Endpoint table")
struct EndpointTableTests {
    /// The runtime's side of each row, by the row's name: the `EndpointPath` constant, the
    /// protocol, and a reference to each typed call that takes a model of that protocol (the
    /// closures only have to compile: they prove the call exists for the protocol).
    static let runtime:
        [String: (
            path: EndpointPath, modelProtocol: Any.Type, calls: [String: @Sendable (EmpirioClient) async throws -> Void]
        )] = [
            "chatCompletions": (
                .chatCompletions, (any ChatCompletionsModel).self,
                [
                    "chat": { _ = try await $0.chat(EveryEndpoint.self) },
                    "streamChat": { _ = try await $0.streamChat(EveryEndpoint.self) },
                ]
            ),
            "completions": (
                .completions, (any CompletionsModel).self,
                [
                    "complete": { _ = try await $0.complete(EveryEndpoint.self, prompt: "") },
                    "streamCompletion": { _ = try await $0.streamCompletion(EveryEndpoint.self, prompt: "") },
                ]
            ),
            "responses": (
                .responses, (any ResponsesModel).self,
                [
                    "respond": { _ = try await $0.respond(EveryEndpoint.self, input: "") },
                    "streamResponse": { _ = try await $0.streamResponse(EveryEndpoint.self, input: "") },
                ]
            ),
            "messages": (
                .messages, (any MessagesModel).self,
                [
                    "createMessage": { _ = try await $0.createMessage(EveryEndpoint.self, messages: []) },
                    "streamMessage": { _ = try await $0.streamMessage(EveryEndpoint.self, messages: []) },
                ]
            ),
            "embeddings": (
                .embeddings, (any EmbeddingsModel).self,
                ["embed": { _ = try await $0.embed(EveryEndpoint.self, parameters: EveryEndpoint.sample) }]
            ),
            "reranks": (
                .reranks, (any RerankModel).self,
                ["rerank": { _ = try await $0.rerank(EveryEndpoint.self, parameters: EveryEndpoint.sample) }]
            ),
            "imageGenerations": (
                .imageGenerations, (any ImageGenerationModel).self,
                [
                    "generateImages": {
                        _ = try await $0.generateImages(EveryEndpoint.self, parameters: EveryEndpoint.sample)
                    }
                ]
            ),
            "imageEdits": (.imageEdits, (any ImageEditModel).self, [:]),
            "imageAnalysis": (
                .imageAnalysis, (any ImageAnalysisModel).self,
                [
                    "analyzeImage": { _ = try await $0.analyzeImage(EveryEndpoint.self, imageURL: "") }
                ]
            ),
            "videoGenerations": (
                .videoGenerations, (any VideoGenerationModel).self,
                [
                    "submitVideo": {
                        _ = try await $0.submitVideo(EveryEndpoint.self, parameters: EveryEndpoint.sample)
                    },
                    "generateVideo": {
                        _ = try await $0.generateVideo(EveryEndpoint.self, parameters: EveryEndpoint.sample)
                    },
                ]
            ),
            "speech": (
                .speech, (any SpeechModel).self,
                [
                    "synthesizeSpeech": {
                        _ = try await $0.synthesizeSpeech(EveryEndpoint.self, parameters: EveryEndpoint.sample)
                    }
                ]
            ),
            "speechStream": (
                .speechStream, (any SpeechStreamModel).self,
                [
                    "streamSpeech": {
                        _ = try await $0.streamSpeech(EveryEndpoint.self, parameters: EveryEndpoint.sample)
                    }
                ]
            ),
            "audioGenerations": (
                .audioGenerations, (any AudioGenerationModel).self,
                [
                    "generateAudio": {
                        _ = try await $0.generateAudio(EveryEndpoint.self, parameters: EveryEndpoint.sample)
                    }
                ]
            ),
            "transcriptions": (
                .transcriptions, (any TranscriptionModel).self,
                [
                    "transcribe": { _ = try await $0.transcribe(EveryEndpoint.self, parameters: EveryEndpoint.sample) }
                ]
            ),
            "search": (
                .search, (any SearchModel).self,
                ["search": { _ = try await $0.search(EveryEndpoint.self, parameters: EveryEndpoint.sample) }]
            ),
            "research": (
                .research, (any ResearchModel).self,
                ["research": { _ = try await $0.research(EveryEndpoint.self, parameters: EveryEndpoint.sample) }]
            ),
            "answer": (
                .answer, (any AnswerModel).self,
                ["answer": { _ = try await $0.answer(EveryEndpoint.self, parameters: EveryEndpoint.sample) }]
            ),
            "agentsRun": (
                .agentsRun, (any AgentModel).self,
                ["runAgent": { _ = try await $0.runAgent(EveryEndpoint.self, parameters: EveryEndpoint.sample) }]
            ),
            "threeDGenerations": (
                .threeDGenerations, (any ThreeDGenerationModel).self,
                [
                    "submit3D": { _ = try await $0.submit3D(EveryEndpoint.self, parameters: EveryEndpoint.sample) }
                ]
            ),
            "detect": (
                .detect, (any DetectionModel).self,
                ["detect": { _ = try await $0.detect(EveryEndpoint.self, input: "") }]
            ),
            "filesUpload": (.filesUpload, (any FileUploadModel).self, [:]),
        ]

    @Test("the table's rows are distinct: one path, one name, one protocol each; a path names its row")
    func rowsAreDistinct() {
        let all = EndpointSpec.all
        #expect(Set(all.map(\.path)).count == all.count)
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(Set(all.map(\.modelProtocol)).count == all.count)
        for spec in all {
            #expect(EndpointSpec.forPath(spec.path) == spec)
            #expect(spec.path.hasPrefix("/v1/") && spec.method == "POST", "\(spec)")
            // A body the runtime sends as a form is never streamed, and an endpoint answers with
            // an event stream or a job, never both.
            #expect(spec.body == .json || spec.streaming == .never, "\(spec)")
            #expect(spec.streaming == .never || spec.jobs == .never, "\(spec)")
        }
        #expect(EndpointSpec.forPath("/v1/teleport") == nil)
    }

    @Test("the runtime: an EndpointPath constant, a protocol and the typed calls for every row, and the billed set")
    func runtimeAgrees() {
        #expect(
            Set(Self.runtime.keys) == Set(EndpointSpec.all.map(\.name)),
            "every row needs the runtime's call, and the runtime no endpoint of its own")
        for spec in EndpointSpec.all {
            guard let side = Self.runtime[spec.name] else { continue }
            #expect(side.path.rawValue == spec.path, "\(spec.name)")
            #expect(String(describing: side.modelProtocol) == spec.modelProtocol, "\(spec.name)")
            #expect(Set(side.calls.keys) == Set(spec.typedCalls), "\(spec.name)")
        }
        #expect(EndpointPath.billed == Set(EndpointSpec.all.filter(\.isBilled).map { EndpointPath(rawValue: $0.path) }))
    }

    @Test("the catalog decoder knows exactly the table's endpoints, and keeps any other path as unknown")
    func catalogAgrees() throws {
        #expect(Endpoint.known.map(\.rawValue) == EndpointSpec.all.map(\.path))
        #expect(Endpoint.known.map(\.spec) == EndpointSpec.all)
        let listing =
            "{\"data\": [{\"id\": \"every\", \"endpoints\": ["
            + (EndpointSpec.all.map(\.path) + ["/v1/teleport"]).map { "\"\($0)\"" }.joined(separator: ", ") + "]}]}"
        let loaded = try CatalogLoader.load(string: listing, format: .json, file: "every.json")
        let model = try #require(loaded.catalog.models.first)
        #expect(model.endpoints.compactMap(\.spec) == EndpointSpec.all)
        #expect(model.endpoints.filter { !$0.isKnown } == ["/v1/teleport"])
        #expect(loaded.warnings.contains { $0.message.contains("unknown endpoint \"/v1/teleport\"") })
    }

    @Test(
        "the generator: a model conforms to each listed row's protocol, names it by the row in its metadata and docs, and the registry lists every row"
    )
    func generatorAgrees() {
        let model = EmpirioCatalog.Model(id: "every", endpoints: Endpoint.known + ["/v1/teleport"])
        var builder = ModelBuilder(options: GenerationOptions(), typeName: "Every")
        let decl = builder.build(model)
        #expect(decl.conformances == ["CatalogModel"] + EndpointSpec.all.map(\.modelProtocol))
        #expect(decl.metadata.endpoints == EndpointSpec.all.map { "." + $0.name })
        for spec in EndpointSpec.all {
            #expect(decl.doc.lines.joined(separator: " ").contains("`\(spec.method) \(spec.path)`"), "\(spec.name)")
        }
        let registry = DeclarationBuilder().registry(typeNames: ["Every"], models: [model])
        #expect(registry.endpointLists.map(\.protocolName) == EndpointSpec.all.map(\.modelProtocol))
        #expect(registry.endpointLists.map(\.name) == EndpointSpec.all.map { $0.name + "Models" })
        #expect(registry.endpointLists.map(\.endpoint) == EndpointSpec.all.map(\.path))
        #expect(registry.endpointLists.allSatisfy { $0.models == ["Every"] })
    }

    @Test(
        "the generator's endpoint rules follow the table: streaming chosen per call drops `stream`, text families relax their payload, a URL-or-upload body relaxes both, tools need an endpoint that takes them"
    )
    func generatorRulesFollowTheTable() {
        let parameters = [
            Parameter(name: "stream", type: .boolean), Parameter(name: "prompt", type: .string, isRequired: true),
            Parameter(name: "file_url", type: .string, isRequired: true), Parameter(name: "tools", type: .array),
        ]
        for spec in EndpointSpec.all {
            let model = EmpirioCatalog.Model(id: "one", endpoints: [Endpoint(spec)], parameters: parameters)
            let table = ModelBuilder.generatedTable(model)
            #expect(table.contains { $0.name == "stream" } == (spec.streaming != .onRequest), "\(spec.name)")
            #expect(table.first { $0.name == "prompt" }?.isRequired == (spec.family != .text), "\(spec.name)")
            #expect(
                table.first { $0.name == "file_url" }?.isRequired == (spec.body != .jsonOrMultipart), "\(spec.name)")
            #expect((ModelBuilder.runtimeTyped(model)["tools"] == .tools) == spec.takesTools, "\(spec.name)")
        }
    }

    @Test("the diff reports an endpoint removed or added as the row's conformance")
    func diffAgrees() {
        for spec in EndpointSpec.all {
            let with = Catalog(models: [EmpirioCatalog.Model(id: "one", endpoints: [Endpoint(spec)])])
            let without = Catalog(models: [EmpirioCatalog.Model(id: "one", endpoints: [])])
            let removed = CatalogDiff.compare(with, without).changes.first { $0.kind == "endpoint_removed" }
            #expect(removed?.symbols == ["One: \(spec.modelProtocol)"], "\(spec.name)")
            #expect(removed?.message == "no longer accepts \(spec.method) \(spec.path)", "\(spec.name)")
            let added = CatalogDiff.compare(without, with).changes.first { $0.kind == "endpoint_added" }
            #expect(added?.symbols == ["One: \(spec.modelProtocol)"], "\(spec.name)")
        }
    }

    @Test(
        "the committed bindings agree: each generated model conforms to the protocol of every endpoint its metadata lists"
    )
    func committedBindingsAgree() {
        let conformance: [String: (any CatalogModel.Type) -> Bool] = [
            "ChatCompletionsModel": { $0 is any ChatCompletionsModel.Type },
            "CompletionsModel": { $0 is any CompletionsModel.Type },
            "ResponsesModel": { $0 is any ResponsesModel.Type }, "MessagesModel": { $0 is any MessagesModel.Type },
            "EmbeddingsModel": { $0 is any EmbeddingsModel.Type }, "RerankModel": { $0 is any RerankModel.Type },
            "ImageGenerationModel": { $0 is any ImageGenerationModel.Type },
            "ImageEditModel": { $0 is any ImageEditModel.Type },
            "ImageAnalysisModel": { $0 is any ImageAnalysisModel.Type },
            "VideoGenerationModel": { $0 is any VideoGenerationModel.Type },
            "SpeechModel": { $0 is any SpeechModel.Type }, "SpeechStreamModel": { $0 is any SpeechStreamModel.Type },
            "AudioGenerationModel": { $0 is any AudioGenerationModel.Type },
            "TranscriptionModel": { $0 is any TranscriptionModel.Type },
            "SearchModel": { $0 is any SearchModel.Type }, "ResearchModel": { $0 is any ResearchModel.Type },
            "AnswerModel": { $0 is any AnswerModel.Type }, "AgentModel": { $0 is any AgentModel.Type },
            "ThreeDGenerationModel": { $0 is any ThreeDGenerationModel.Type },
            "DetectionModel": { $0 is any DetectionModel.Type },
            "FileUploadModel": { $0 is any FileUploadModel.Type },
        ]
        #expect(Set(conformance.keys) == Set(EndpointSpec.all.map(\.modelProtocol)))
        for model in ModelRegistry.all {
            for spec in EndpointSpec.all {
                let listed = model.metadata.endpoints.contains(EndpointPath(rawValue: spec.path))
                #expect(conformance[spec.modelProtocol]?(model) == listed, "\(model.id) \(spec.name)")
            }
        }
    }
}

/// A model of every endpoint protocol, for the typed calls' references (never called).
private enum EveryEndpoint: ChatCompletionsModel, CompletionsModel, ResponsesModel, MessagesModel, EmbeddingsModel,
    RerankModel,
    ImageGenerationModel, ImageEditModel, ImageAnalysisModel, VideoGenerationModel, SpeechModel, SpeechStreamModel,
    AudioGenerationModel,
    TranscriptionModel, SearchModel, ResearchModel, AnswerModel, AgentModel, ThreeDGenerationModel, DetectionModel,
    FileUploadModel
{
    typealias Parameters = Wan2_7Image.Parameters
    static let id: ModelID = "every-endpoint"
    static let metadata = Wan2_7Image.metadata
    static let sample = Parameters(prompt: "")
}
