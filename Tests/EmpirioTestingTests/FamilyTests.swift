import EmpirioModels
import EmpirioTesting
import Foundation
import Testing

/// Every endpoint family answered by the test gateway, through the same typed client code an
/// app uses, and decoded by the runtime's typed results; streamed and not.
@Suite("Test gateway: every family")
struct FamilyTests {
    let gateway = TestGateway(models: ModelRegistry.all)
    var client: EmpirioClient { gateway.makeClient() }

    @Test("chat, streamed and not, with usage billed from the estimator")
    func chat() async throws {
        let reply = try await client.chat(
            DeepseekV4Pro.self, messages: [.user("Hi")], parameters: .init(temperature: 0.7, maxTokens: 64))
        #expect(reply.text == "Test gateway reply to \u{201C}Hi\u{201D}.")
        let body: [String: JSONValue] = [
            "model": "deepseek-v4-pro", "messages": [["role": "user", "content": "Hi"]], "temperature": 0.7,
            "max_tokens": 64,
        ]
        let inputTokens = try #require(reply.usage?.promptTokens)
        let estimate = DeepseekV4Pro.metadata.estimateCost(
            endpoint: .chatCompletions, body: body, inputTokens: inputTokens)
        #expect(reply.usage?.billed == estimate.amount)

        gateway.script(DeepseekV4Pro.self, .reply("One two three", reasoning: "Think first"))
        let stream = try await client.streamChat(DeepseekV4Pro.self, messages: [.user("Count")])
        var chunks: [ChatCompletionChunk] = []
        for try await chunk in stream { chunks.append(chunk) }
        #expect(chunks.compactMap { $0.choices.first?.delta.content }.joined() == "One two three")
        #expect(chunks.compactMap { $0.choices.first?.delta.reasoning }.joined() == "Think first")
        #expect(chunks.last?.usage?.costUSD != nil, "usage on the terminal chunk")
        #expect(gateway.requests.last?.isStreaming == true)
        #expect(gateway.sentParameters(DeepseekV4Pro.self).first?.temperature == 0.7)
        #expect(gateway.requests.first?.headers[.authorization] == "<redacted>")
    }

    @Test("tool calls and a structured answer, streamed and not")
    func toolsAndStructure() async throws {
        struct Weather: Decodable, Sendable, SchemaDescribing {
            var city: String
            var days: Int
            static let schemaHints: [String: SchemaHint] = [:]
        }
        let weather = try Tool("get_weather", description: "Weather.", arguments: Weather.self)
        gateway.script(DeepseekV4Pro.self, .toolCalls([.init("get_weather", arguments: ["city": "Paris", "days": 2])]))
        let reply = try await client.chat(
            DeepseekV4Pro.self, messages: [.user("Paris?")], parameters: .init(tools: [weather]))
        #expect(try reply.toolCalls.first?.decodeArguments(as: Weather.self).city == "Paris")

        gateway.script(DeepseekV4Pro.self, .toolCalls([.init("get_weather", arguments: ["city": "Oslo", "days": 1])]))
        let streamed = try await client.streamChat(
            DeepseekV4Pro.self, messages: [.user("Oslo?")], parameters: .init(tools: [weather])
        ).collect()
        #expect(try streamed.toolCalls.first?.decodeArguments(as: Weather.self).days == 1)

        // Unscripted, a structured request gets a sample of its schema; scripted, the JSON given.
        let sampled = try await client.chat(DeepseekV4Pro.self, messages: [.user("Weather?")], returning: Weather.self)
            .value
        #expect(sampled.city == "test")
        gateway.script(DeepseekV4Pro.self, .json(["city": "Rome", "days": 3]))
        #expect(
            try await client.chat(DeepseekV4Pro.self, messages: [.user("Rome?")], returning: Weather.self).value.city
                == "Rome")
        gateway.script(DeepseekV4Pro.self, .json(["city": "Lima", "days": 4]))
        #expect(
            try await client.createMessage(DeepseekV4Pro.self, messages: [.user("Lima?")], returning: Weather.self)
                .value.days == 4)

        // A tool loop: a call, its output sent back, then the answer.
        let tools = Toolbox([
            try ToolHandler("get_weather", arguments: Weather.self) { query in "18 degrees in \(query.city)" }
        ])
        gateway.script(
            DeepseekV4Pro.self, .toolCalls([.init("get_weather", arguments: ["city": "Paris", "days": 1])]),
            .reply("Wear a coat."))
        let run = try await client.runChatTools(
            DeepseekV4Pro.self, messages: [.user("What to wear?")], tools: tools, maxSteps: 4)
        #expect(run.text == "Wear a coat.")
        #expect(run.steps.count == 2)
        #expect(gateway.requests.last?.body?["messages"]?.arrayValue?.last?["content"] == "18 degrees in Paris")
        gateway.expectNoViolations()
    }

    @Test("completions, responses and messages, streamed and not")
    func otherText() async throws {
        let completion = try await client.complete(Qwen3_5_9B.self, prompt: "Go", parameters: .init(maxTokens: 8))
        #expect(completion.text == "Test gateway reply to \u{201C}Go\u{201D}.")
        let streamed = try await client.streamCompletion(Qwen3_5_9B.self, prompt: "Go").collect()
        #expect(streamed.text == completion.text)
        #expect(streamed.usage?.costUSD != nil)

        let response = try await client.respond(DeepseekV4Pro.self, input: "Hello?")
        #expect(response.outputText == "Test gateway reply to \u{201C}Hello?\u{201D}.")
        var deltas = ""
        for try await event in try await client.streamResponse(DeepseekV4Pro.self, input: "Hello?") {
            if event.type == "response.output_text.delta" { deltas += event.raw["delta"]?.stringValue ?? "" }
        }
        #expect(deltas == response.outputText)

        gateway.script(DeepseekV4Pro.self, .reply("Fine.", reasoning: "Consider"))
        let message = try await client.createMessage(DeepseekV4Pro.self, messages: [.user("Hi!")], maxTokens: 256)
        #expect(message.text == "Fine.")
        #expect(message.usage?.costUSD != nil)
        gateway.script(DeepseekV4Pro.self, .reply("Streamed reply.", reasoning: "Consider"))
        let streamedMessage = try await client.streamMessage(
            DeepseekV4Pro.self, messages: [.user("Hey")], maxTokens: 99
        ).collect()
        #expect(streamedMessage.text == "Streamed reply.")
        #expect(streamedMessage.stopReason == "end_turn")
        #expect(streamedMessage.usage?.costUSD != nil)
        gateway.expectNoViolations()
    }

    @Test("embeddings take the asked dimensions, reranks sort by overlap")
    func retrieval() async throws {
        let embeddings = try await client.embed(
            TextEmbeddingV4.self, parameters: .init(input: ["One.", "Two."], dimensions: .dimensions1024))
        #expect(embeddings.data.count == 2)
        #expect(embeddings.data.allSatisfy { $0.vector?.count == 1024 })
        let plain = try await client.embed(TextEmbeddingV4.self, parameters: .init(input: ["One."]))
        #expect(plain.data.first?.vector?.count == gateway.embeddingDimensions)
        let documents = [
            "Rerank models sort candidate documents by relevance.", "Quantum computing is a field.",
            "Pre-trained language models advanced rerank models.",
        ]
        let ranked = try await client.rerank(
            Qwen3Rerank.self,
            parameters: .init(query: "What is a rerank model?", documents: documents, topN: 2, returnDocuments: true))
        #expect(ranked.results.map(\.index) == [2, 0])
    }

    @Test("images, analysis, audio generation, speech and streamed speech")
    func media() async throws {
        let images = try await client.generateImages(
            Wan2_7Image.self, parameters: .init(prompt: "A cathedral", resolution: .res4K, numImages: 3))
        #expect(images.media.count == 3)
        #expect(
            images.usage?.billed
                == Wan2_7Image.estimateCost(.init(prompt: "A cathedral", resolution: .res4K, numImages: 3)).amount)
        let analysis = try await client.analyzeImage(
            Qwen3_6Plus.self, imageURL: "https://example.com/a.png", question: "What?")
        #expect(analysis["output"]?.stringValue?.isEmpty == false)
        let music = try await client.generateAudio(StableAudio2_5.self, parameters: .init(prompt: "Rain", duration: 30))
        #expect(music.media.first?.url != nil)
        let speech = try await client.synthesizeSpeech(
            Gemini2_5FlashTts.self, parameters: .init(input: "Hello.", responseFormat: .b64JSON))
        #expect(speech.media.first?.data == Array("RIFF test-gateway audio".utf8))
        let hosted = try await client.synthesizeSpeech(Gemini2_5FlashTts.self, parameters: .init(input: "Hello."))
        #expect(hosted.media.first?.url != nil)
        let streamed = try await client.streamSpeech(Tts1_5Mini.self, parameters: .init(input: "Hi")).collect()
        #expect(streamed == Array("RIFF test-gateway audio".utf8))
        gateway.expectNoViolations()
    }

    @Test("video and 3D jobs move through processing to completed on the client's clock; a scripted job fails")
    func jobs() async throws {
        let progress = Values()
        let video = try await client.generateVideo(
            Seedance2_0Pro.self, parameters: .init(prompt: "A dolly shot", resolution: .res1080p)
        ) { progress.add($0.progress ?? -1) }
        #expect(video.media.first?.url?.absoluteString.hasSuffix(".mp4") == true)
        #expect(progress.values == [0.33, 0.67, 1])
        #expect(gateway.requests.filter { $0.path.hasPrefix("/v1/jobs/") }.count == 3)

        let job = try await client.submit3D(Trellis2_4B.self, parameters: .init(imageURL: "https://example.com/p.png"))
        #expect(job.status == .queued)
        let done = try await client.waitForJob(job.id)
        #expect(done.status == .completed)
        #expect(try done.result(as: MediaGeneration.self).media.first?.url?.absoluteString.hasSuffix(".glb") == true)

        gateway.script(Seedance2_0Pro.self, .jobFailure("The upstream renderer crashed."))
        let error = await #expect(throws: EmpirioError.self) {
            _ = try await client.generateVideo(Seedance2_0Pro.self, parameters: .init(prompt: "x"))
        }
        #expect(error?.kind == .job)
        #expect(error?.message.contains("The upstream renderer crashed.") == true)
    }

    @Test("transcription (upload and URL job), search, research job, answer, agents, detection")
    func services() async throws {
        let upload = try await client.transcribe(
            OpenaiWhisper1.self,
            file: UploadFile(name: "a.wav", contentType: "audio/wav", data: [0x52, 0x49, 0x46, 0x46]),
            parameters: .init(responseFormat: .verboseJSON))
        guard case .transcript(let transcript) = upload else {
            Issue.record("expected a transcript")
            return
        }
        #expect(transcript.text.contains("bytes received"))
        #expect(gateway.requests.last?.formFields["response_format"] == "verbose_json")
        let remote = try await client.transcribe(
            DeepgramNova3.self, parameters: .init(fileURL: "https://example.com/m.mp3"))
        guard case .job(let job) = remote else {
            Issue.record("expected a job")
            return
        }
        #expect(
            try await client.waitForJob(job.id).result(as: Transcription.self).text
                == "Transcript from the test gateway job.")

        let search = try await client.search(TavilySearch.self, parameters: .init(query: "CRDTs", maxResults: 10))
        #expect(search.results.count == 1)
        #expect(search.usage?.toolCalls["search"] == 1)
        gateway.script(PerplexityDeepResearch.self, .reply("The report."))
        let research = try await client.research(PerplexityDeepResearch.self, parameters: .init(query: "CRDTs"))
        #expect(research.answer == "The report.")
        let answer = try await client.answer(ExaAnswer.self, parameters: .init(query: "What is a CRDT?"))
        #expect(answer.citations.count == 1)

        gateway.script(Manus.self, .reply("Five startups."))
        let task = try await client.runAgent(Manus.self, parameters: .init(input: "Summarize"))
        #expect(task.status == "running")
        #expect(try await client.agentTask(task.id).output == "Five startups.")
        #expect(try await client.agentMessages(task.id).count == 1)
        #expect(try await client.stopAgent(task.id).status == "stopped")

        let detection = try await client.detect(Gptzero.self, input: "The quick brown fox.")
        #expect(detection["documents"]?.arrayValue?.first?["predicted_class"] == "human")
        gateway.expectNoViolations()
    }

    @Test("voices and the models listing")
    func voicesAndModels() async throws {
        #expect(try await client.voices(VoiceQuery(model: "inworld-tts-max")).voices.count == 2)
        let clone = try await client.cloneVoice(
            model: "inworld-tts-max", name: "Mine",
            sample: UploadFile(name: "s.wav", contentType: "audio/wav", data: [1, 2, 3]))
        #expect(clone.name == "Mine")
        #expect(try await client.voices(VoiceQuery(model: "inworld-tts-max")).voices.count == 3)
        try await client.deleteVoice(clone.id)
        #expect(try await client.voices(VoiceQuery(model: "inworld-tts-max")).voices.count == 2)

        let list = try await client.listModels()
        #expect(list.models.count == ModelRegistry.all.count)
        #expect(list.models.first { $0.id == "seedance-2-0-pro" }?.metadata.endpoints == [.videoGenerations])
        #expect(try await client.model("deepseek-v4-pro").metadata.name == DeepseekV4Pro.metadata.name)
    }

    @Test(
        "scripted failures: 429 with Retry-After is retried on the clock, 500 and 503, a gateway code, a cut stream, a stall"
    )
    func failures() async throws {
        let clock = ImmediateClock()
        let retrying = EmpirioClient(
            configuration: EmpirioConfiguration(
                apiKey: APIKey("sk-test"), retry: RetryPolicy(maxAttempts: 2), clock: clock), transport: gateway)
        gateway.script(.error(status: 429, retryAfter: 2))
        #expect(try await retrying.chat(DeepseekV4Pro.self, messages: [.user("Hi")]).text?.isEmpty == false)
        #expect(clock.sleeps == [.seconds(2)])

        let noRetry = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey("sk-test"), retry: .none), transport: gateway)
        for (status, code) in [(500, "upstream_error"), (503, "model_unavailable"), (402, "insufficient_credits")] {
            gateway.script(DeepseekV4Pro.self, .error(status: status))
            let error = await #expect(throws: EmpirioError.self) {
                _ = try await noRetry.chat(DeepseekV4Pro.self, messages: [.user("Hi")])
            }
            #expect(error?.status == status)
            #expect(error?.code == code)
        }
        gateway.script(DeepseekV4Pro.self, .error(status: 400, code: "context_length_exceeded", message: "Too long."))
        let anthropic = await #expect(throws: EmpirioError.self) {
            _ = try await noRetry.createMessage(DeepseekV4Pro.self, messages: [.user("Hi")], maxTokens: 10)
        }
        #expect(anthropic?.code == "context_length_exceeded")
        #expect(anthropic?.message == "Too long.")

        gateway.script(DeepseekV4Pro.self, .cutStream)
        await #expect(throws: EmpirioError.self) {
            _ = try await noRetry.streamChat(DeepseekV4Pro.self, messages: [.user("Hi")]).collect()
        }
        gateway.script(DeepseekV4Pro.self, .cutStream)
        await #expect(throws: EmpirioError.self) {
            _ = try await noRetry.chat(DeepseekV4Pro.self, messages: [.user("Hi")])
        }

        // A stall ends at the client's idle timeout (what it waits for is the point, not how long).
        let impatient = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey("sk-test"), retry: .none, idleTimeout: .milliseconds(1)),
            transport: gateway)
        gateway.script(DeepseekV4Pro.self, .stall)
        let stalled = await #expect(throws: EmpirioError.self) {
            _ = try await impatient.streamChat(DeepseekV4Pro.self, messages: [.user("Hi")]).collect()
        }
        #expect(stalled?.kind == .timeout)
    }
}

extension FamilyTests {
    @Test("concurrent calls: every request recorded once, every job its own, queued answers each served once")
    func concurrent() async throws {
        let client = self.client
        for index in 0..<20 { gateway.script(DeepseekV4Pro.self, .reply("answer \(index)")) }
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask { try await client.chat(DeepseekV4Pro.self, messages: [.user("Hi")]).text ?? "" }
            }
            for _ in 0..<10 {
                group.addTask { try await client.submitVideo(Seedance2_0Pro.self, parameters: .init(prompt: "x")).id }
            }
            var all: [String] = []
            for try await text in group { all.append(text) }
            return all
        }
        #expect(Set(texts.filter { $0.hasPrefix("answer ") }) == Set((0..<20).map { "answer \($0)" }))
        #expect(Set(texts.filter { $0.hasPrefix("job_") }).count == 10)
        #expect(gateway.requests.count == 30)
        gateway.expectNoViolations()
    }

    @Test("a cut stream on /v1/messages and /v1/responses ends without its terminal event")
    func cutStreams() async throws {
        let client = gateway.makeClient(configuration: EmpirioConfiguration(apiKey: nil, retry: .none))
        gateway.script(DeepseekV4Pro.self, .cutStream, .cutStream)
        await #expect(throws: EmpirioError.self) {
            _ = try await client.streamMessage(DeepseekV4Pro.self, messages: [.user("Hi")], maxTokens: 10).collect()
        }
        var types: [String] = []
        do {
            for try await event in try await client.streamResponse(DeepseekV4Pro.self, input: "Hi") {
                types.append(event.type)
            }
        } catch {}
        #expect(!types.contains("response.completed"))
        #expect(types.first == "response.created")
    }
}

/// Values gathered from a `@Sendable` callback.
final class Values: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double] = []
    func add(_ value: Double) { lock.withLock { storage.append(value) } }
    var values: [Double] { lock.withLock { storage } }
}
