// The EmpirioLabs SDK, end to end: chat, streaming, an image, a video job, a transcription
// upload, embeddings with a rerank, an Anthropic-style message with thinking, a tool loop and a
// structured answer decoded as a Swift type.
//
//   swift run empirio-examples                 # offline, against the local stand-in gateway
//   swift run empirio-examples chat video      # only some of them
//   EMPIRIOLABS_API_KEY=sk-empiriolabs-... swift run empirio-examples --live
//
// The same code runs in both modes: only the client's base URL and key differ.
import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import Foundation

@main
enum Examples {
    static let all = ["chat", "stream", "message", "tools", "structured", "image", "video", "transcribe", "rerank"]

    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let live = arguments.contains("--live")
        arguments.removeAll { $0 == "--live" }
        if arguments.contains("--help") || arguments.contains("-h") {
            print("usage: empirio-examples [--live] [\(all.joined(separator: "|"))...]")
            return
        }
        let selected = arguments.isEmpty ? all : arguments
        if let unknown = selected.first(where: { !all.contains($0) }) {
            print("empirio-examples: unknown example \(unknown); choose from \(all.joined(separator: ", "))")
            exit(2)
        }

        var standIn: TestHTTPServer?
        let client: EmpirioClient
        if live {
            guard let key = APIKey.fromEnvironment() else {
                print("empirio-examples: --live needs EMPIRIOLABS_API_KEY")
                exit(2)
            }
            client = EmpirioClient(
                configuration: EmpirioConfiguration(apiKey: key), transport: AsyncHTTPClientTransport())
            print("Live: \(EmpirioConfiguration.defaultBaseURL.absoluteString)\n")
        } else {
            let server = try await StandInGateway().start()
            standIn = server
            client = EmpirioClient(
                configuration: EmpirioConfiguration(baseURL: server.baseURL, apiKey: APIKey("sk-empiriolabs-offline")),
                transport: AsyncHTTPClientTransport())
            print("Offline: the stand-in gateway on \(server.baseURL.absoluteString)\n")
        }

        do {
            for name in selected {
                print("== \(name)")
                switch name {
                case "chat": try await chat(client)
                case "stream": try await stream(client)
                case "message": try await message(client)
                case "tools": try await tools(client)
                case "structured": try await structured(client)
                case "image": try await image(client)
                case "video": try await video(client)
                case "transcribe": try await transcribe(client)
                default: try await rerank(client)
                }
                print()
            }
        } catch let error as EmpirioError {
            print("empirio-examples: \(error)")
            await standIn?.shutdown()
            exit(1)
        }
        await standIn?.shutdown()
    }

    /// A chat completion with DeepSeek V4 Pro's own controls, typed from the catalog.
    static func chat(_ client: EmpirioClient) async throws {
        let reply = try await client.chat(
            DeepseekV4Pro.self, messages: [.system("Answer in one sentence."), .user("What is a CRDT?")],
            parameters: .init(temperature: 0.7, enableThinking: true, thinkingBudget: 1024, reasoningEffort: .medium))
        print(reply.text ?? "")
        if let usage = reply.usage { print("cost $\(usage.costUSD?.text ?? "?"), \(usage.totalTokens ?? 0) tokens") }
    }

    /// The same call, streamed token by token.
    static func stream(_ client: EmpirioClient) async throws {
        let stream = try await client.streamChat(
            DeepseekV4Pro.self, messages: [.user("Summarize CRDT consistency in 3 bullets.")],
            parameters: .init(temperature: 0.7))
        var accumulator = ChatStreamAccumulator()
        for try await chunk in stream {
            accumulator.add(chunk)
            print(chunk.choices.first?.delta.content ?? "", terminator: "")
            fflush(nil)
        }
        print("\n(finish: \(accumulator.completion.choices.first?.finishReason ?? "?"))")
    }

    /// Anthropic Messages with Anthropic-style thinking.
    static func message(_ client: EmpirioClient) async throws {
        let message = try await client.createMessage(
            DeepseekV4Pro.self, messages: [.user("Hi!")], maxTokens: 1024,
            thinking: ThinkingConfiguration(budgetTokens: 1024))
        print(message.text, "(stop: \(message.stopReason ?? "?"))")
    }

    /// The arguments of the weather tool: its JSON Schema is derived from this type.
    struct WeatherQuery: Decodable, Sendable, SchemaDescribing {
        enum Unit: String, Decodable, CaseIterable, Sendable { case celsius, fahrenheit }
        var city: String
        var unit: Unit?
        static let schemaHints: [String: SchemaHint] = ["city": "The city, for example Paris."]
    }

    /// A tool loop: the model calls the tool until it can answer; usage and cost added up.
    static func tools(_ client: EmpirioClient) async throws {
        let weather = try ToolHandler(
            "get_weather", description: "Current weather in a city.", arguments: WeatherQuery.self
        ) { query in
            "18 degrees \(query.unit?.rawValue ?? "celsius") and sunny in \(query.city)"
        }
        let run = try await client.runChatTools(
            DeepseekV4Pro.self, messages: [.user("What should I wear in Paris today?")], tools: Toolbox([weather]),
            maxSteps: 4)
        for step in run.steps where !step.calls.isEmpty {
            print(
                "called", step.calls.map { "\($0.name)(\($0.arguments))" }.joined(separator: ", "), "->",
                step.outputs.map(\.text))
        }
        print(run.text ?? "")
        print(
            "\(run.steps.count) steps, cost $\(run.usage.costUSD), \(run.usage.inputTokens + run.usage.outputTokens) tokens"
        )
    }

    /// A reply decoded as a Swift type (a JSON Schema `response_format`, strict).
    struct Recipe: Decodable, Sendable {
        var title: String
        var minutes: Int
        var ingredients: [String]
    }

    static func structured(_ client: EmpirioClient) async throws {
        let recipe = try await client.chat(
            DeepseekV4Pro.self, messages: [.user("A quick pasta recipe.")], returning: Recipe.self)
        print("\(recipe.value.title): \(recipe.value.minutes) min, \(recipe.value.ingredients.joined(separator: ", "))")
    }

    /// An image with an enum-typed aspect ratio and resolution.
    static func image(_ client: EmpirioClient) async throws {
        let images = try await client.generateImages(
            Wan2_7Image.self,
            parameters: .init(
                prompt: "A glass cathedral at sunset, dramatic lighting", aspectRatio: .ratio16x9, resolution: .res4K,
                numImages: 2, thinkingMode: true))
        for media in images.media { print(media.url?.absoluteString ?? "(inline)") }
        if let created = images.createdAt {
            print("URLs expire \(GeneratedMedia.expiry(createdAt: created)) (7 days): save what you keep")
        }
    }

    /// A video submitted as a job and awaited with progress.
    static func video(_ client: EmpirioClient) async throws {
        let video = try await client.generateVideo(
            Seedance2_0Pro.self,
            parameters: .init(
                prompt: "A cinematic dolly shot of a city street at dusk in the rain", resolution: .res1080p,
                aspectRatio: .ratio16x9, duration: 8, generateAudio: true),
            pollInterval: .milliseconds(300)
        ) { job in
            print("  \(job.status): \(Int((job.progress ?? 0) * 100))%")
        }
        print(video.media.first?.url?.absoluteString ?? "(no URL)")
    }

    /// A transcription of a local file, uploaded as multipart.
    static func transcribe(_ client: EmpirioClient) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-example.wav")
        try Data(silentWAV(seconds: 0.5)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await client.transcribe(
            OpenaiWhisper1.self, file: try UploadFile(contentsOf: file), parameters: .init(responseFormat: .verboseJSON)
        )
        switch result {
        case .transcript(let transcript): print(transcript.text)
        case .job(let job):
            let done = try await client.waitForJob(job.id)
            print(try done.result(as: Transcription.self).text)
        }
    }

    /// Embeddings, then a rerank of candidate documents.
    static func rerank(_ client: EmpirioClient) async throws {
        let documents = [
            "Rerank models sort candidate documents by relevance.",
            "Quantum computing is a cutting-edge field of computer science.",
            "Pre-trained language models advanced rerank models.",
        ]
        let embeddings = try await client.embed(
            TextEmbeddingV4.self, parameters: .init(input: documents, encodingFormat: .float))
        print("\(embeddings.data.count) embeddings of \(embeddings.data.first?.vector?.count ?? 0) dimensions")
        let ranked = try await client.rerank(
            Qwen3Rerank.self,
            parameters: .init(query: "What is a rerank model?", documents: documents, topN: 2, returnDocuments: true))
        for result in ranked.results { print(String(format: "%.3f", result.relevanceScore), documents[result.index]) }
    }

    /// 16 kHz mono 16-bit PCM silence.
    static func silentWAV(seconds: Double) -> [UInt8] {
        let samples = Int(16_000 * seconds)
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
        func le16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
        return Array("RIFF".utf8) + le32(36 + samples * 2) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(1)
            + le32(16_000) + le32(32_000)
            + le16(2) + le16(16) + Array("data".utf8) + le32(samples * 2) + [UInt8](repeating: 0, count: samples * 2)
    }
}
