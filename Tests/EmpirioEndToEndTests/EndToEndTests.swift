import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import EmpirioURLSession
import Foundation
import Testing

/// Every endpoint family called through the generated API with a model of the default catalog,
/// against the stand-in gateway on 127.0.0.1: the exact JSON (or multipart body) the server
/// received, and the decoded result.
@Suite("End to end through the generated module")
struct EndToEndTests {
    static let key = "sk-empiriolabs-e2e-test"

    func withGateway(validates: Bool = true, _ body: (EmpirioClient, TestHTTPServer) async throws -> Void) async throws
    {
        try await withStandIn(key: Self.key, validates: validates, body)
    }

    func lastBody(_ server: TestHTTPServer) -> String { server.requests.last?.bodyText ?? "" }

    @Test("chat with model-specific controls, then streamed")
    func chat() async throws {
        try await withGateway { client, server in
            let reply = try await client.chat(
                DeepseekV4Pro.self, messages: [.user("Hi")],
                parameters: .init(
                    temperature: 0.7, enableThinking: true, thinkingBudget: 1024, reasoningEffort: .high,
                    webSearchTier: .advanced, disableFormatting: true))
            #expect(reply.text == "Stand-in reply to \u{201C}Hi\u{201D}: all good.")
            #expect(reply.usage?.pricingTierLabel == "Short context")
            #expect(
                lastBody(server)
                    == #"{"disable_formatting":true,"enable_thinking":true,"messages":[{"content":"Hi","role":"user"}],"model":"deepseek-v4-pro","reasoning_effort":"high","temperature":0.7,"thinking_budget":1024,"web_search_tier":"advanced"}"#
            )
            #expect(server.requests.last?.header("Authorization") == "Bearer \(Self.key)")

            let typedMessages = try await client.chat(
                DeepseekV4Pro.self, parameters: .init(messages: [.user("Typed")], maxTokens: 32))
            #expect(typedMessages.text?.contains("Typed") == true)
            #expect(
                lastBody(server)
                    == #"{"max_tokens":32,"messages":[{"content":"Typed","role":"user"}],"model":"deepseek-v4-pro"}"#)

            var text = ""
            for try await chunk in try await client.streamChat(
                DeepseekV4Pro.self, messages: [.user("Stream")], parameters: .init(temperature: 0.2))
            {
                text += chunk.choices.first?.delta.content ?? ""
            }
            #expect(text == "Stand-in reply to \u{201C}Stream\u{201D}: all good.")
            #expect(
                lastBody(server)
                    == #"{"messages":[{"content":"Stream","role":"user"}],"model":"deepseek-v4-pro","stream":true,"temperature":0.2}"#
            )
        }
    }

    @Test("legacy completions, responses and Anthropic messages carry the same controls")
    func otherTextEndpoints() async throws {
        try await withGateway { client, server in
            let completion = try await client.complete(
                Qwen3_5_9B.self, prompt: "Write one concise launch sentence.",
                parameters: .init(maxTokens: 64, enableThinking: false))
            #expect(completion.text == "Ship it: Write one concise launch sentence.")
            #expect(
                lastBody(server)
                    == #"{"enable_thinking":false,"max_tokens":64,"model":"qwen3-5-9b","prompt":"Write one concise launch sentence."}"#
            )
            let streamed = try await client.streamCompletion(
                Qwen3_5_9B.self, prompt: "Go", parameters: .init(maxTokens: 8)
            ).collect()
            #expect(streamed.text == "Ship it: Go")
            #expect(lastBody(server) == #"{"max_tokens":8,"model":"qwen3-5-9b","prompt":"Go","stream":true}"#)

            let response = try await client.respond(
                DeepseekV4Pro.self, input: "Hello?",
                parameters: .init(enableThinking: true, thinkingBudget: 512, reasoningEffort: .low))
            #expect(response.outputText == "Stand-in reply to \u{201C}Hello?\u{201D}: all good.")
            #expect(
                lastBody(server)
                    == #"{"enable_thinking":true,"input":"Hello?","model":"deepseek-v4-pro","reasoning_effort":"low","thinking_budget":512}"#
            )

            let message = try await client.createMessage(
                DeepseekV4Pro.self, messages: [.user("Hi!")], parameters: .init(reasoningEffort: .medium),
                maxTokens: 1024,
                thinking: ThinkingConfiguration(budgetTokens: 1024))
            #expect(message.text == "Stand-in reply to \u{201C}Hi!\u{201D}: all good.")
            #expect(server.requests.last?.header("anthropic-version") == "2023-06-01")
            #expect(
                lastBody(server)
                    == #"{"max_tokens":1024,"messages":[{"content":"Hi!","role":"user"}],"model":"deepseek-v4-pro","reasoning_effort":"medium","thinking":{"budget_tokens":1024,"type":"enabled"}}"#
            )
            let streamedMessage = try await client.streamMessage(
                DeepseekV4Pro.self, messages: [.user("Hey")], parameters: .init(maxTokens: 99)
            ).collect()
            #expect(streamedMessage.text == "Stand-in reply to \u{201C}Hey\u{201D}: all good.")
            #expect(streamedMessage.stopReason == "end_turn")
            #expect(
                lastBody(server)
                    == #"{"max_tokens":99,"messages":[{"content":"Hey","role":"user"}],"model":"deepseek-v4-pro","stream":true}"#
            )
        }
    }

    @Test("embeddings, then a rerank")
    func retrieval() async throws {
        try await withGateway { client, server in
            let embeddings = try await client.embed(
                TextEmbeddingV4.self,
                parameters: .init(
                    input: ["Sentence one.", "Sentence two."], encodingFormat: .float, dimensions: .dimensions1024))
            #expect(embeddings.data.count == 2)
            #expect(embeddings.data.allSatisfy { $0.vector?.count == 8 })
            #expect(
                lastBody(server)
                    == #"{"dimensions":1024,"encoding_format":"float","input":["Sentence one.","Sentence two."],"model":"text-embedding-v4"}"#
            )
            let documents = [
                "Rerank models sort candidate documents by relevance.", "Quantum computing is a field.",
                "Pre-trained language models advanced rerank models.",
            ]
            let ranked = try await client.rerank(
                Qwen3Rerank.self,
                parameters: .init(
                    query: "What is a rerank model?", documents: documents, topN: 2, returnDocuments: true))
            #expect(ranked.results.map(\.index) == [2, 0])
            #expect(ranked.results.first?.document == documents[2])
            #expect(
                lastBody(server)
                    == #"{"documents":["Rerank models sort candidate documents by relevance.","Quantum computing is a field.","Pre-trained language models advanced rerank models."],"model":"qwen3-rerank","query":"What is a rerank model?","return_documents":true,"top_n":2}"#
            )
        }
    }

    @Test("an image with enum-typed options, an image analysis, and a 3D job")
    func images() async throws {
        try await withGateway { client, server in
            let images = try await client.generateImages(
                Wan2_7Image.self,
                parameters: .init(
                    prompt: "A glass cathedral", aspectRatio: .ratio16x9, resolution: .res4K, numImages: 2,
                    thinkingMode: true))
            #expect(images.media.count == 2)
            #expect(images.usage?.tierFields["resolution"] == "4K")
            #expect(
                lastBody(server)
                    == #"{"aspect_ratio":"16:9","model":"wan2-7-image","num_images":2,"prompt":"A glass cathedral","resolution":"4K","thinking_mode":true}"#
            )
            let analysis = try await client.analyzeImage(
                Qwen3_6Plus.self, imageURL: "https://example.com/a.png", question: "What is this?",
                parameters: .init(imageDetail: .high))
            #expect(analysis["output"]?.stringValue?.isEmpty == false)
            #expect(
                lastBody(server)
                    == #"{"image_detail":"high","image_url":"https://example.com/a.png","model":"qwen3-6-plus","question":"What is this?"}"#
            )
            let job = try await client.submit3D(
                Trellis2_4B.self,
                parameters: .init(
                    imageURL: "https://example.com/p.png", resolution: .resolution1024, textureSize: .size2048,
                    decimationTarget: 500_000, seed: 42))
            #expect(job.status == .queued)
            #expect(
                lastBody(server)
                    == #"{"decimation_target":500000,"image_url":"https://example.com/p.png","model":"trellis-2-4b","resolution":"1024","seed":42,"texture_size":"2048"}"#
            )
        }
    }

    @Test("a video submitted as a job and awaited with progress")
    func video() async throws {
        try await withGateway { client, server in
            let progress = Progress()
            let video = try await client.generateVideo(
                Seedance2_0Pro.self,
                parameters: .init(
                    prompt: "A dolly shot", resolution: .res1080p, aspectRatio: .ratio16x9, duration: 8,
                    generateAudio: true),
                pollInterval: .milliseconds(10)
            ) { progress.add($0.progress ?? -1) }
            #expect(video.media.first?.url?.absoluteString.hasSuffix(".mp4") == true)
            #expect(progress.values == [1.0 / 3.0, 2.0 / 3.0, 1].map { ($0 * 100).rounded() / 100 })
            let submission = try #require(server.requests.first { $0.path == "/v1/videos/generations" })
            #expect(
                submission.bodyText
                    == #"{"aspect_ratio":"16:9","duration":8,"generate_audio":true,"model":"seedance-2-0-pro","prompt":"A dolly shot","resolution":"1080p"}"#
            )
            #expect(server.requests.filter { $0.path.hasPrefix("/v1/jobs/") }.count == 3)
        }
    }

    @Test("speech, streamed speech and audio generation")
    func audio() async throws {
        try await withGateway { client, server in
            let speech = try await client.synthesizeSpeech(
                Gemini2_5FlashTts.self,
                parameters: .init(
                    input: "Hello from EmpirioLabs.", voice: .charon, outputFormat: .wav, responseFormat: .b64JSON))
            #expect(speech.media.first?.data == Array("RIFF stand-in audio".utf8))
            #expect(
                lastBody(server)
                    == #"{"input":"Hello from EmpirioLabs.","model":"gemini-2-5-flash-tts","output_format":"WAV","response_format":"b64_json","voice":"Charon"}"#
            )
            let streamed = try await client.streamSpeech(
                Tts1_5Mini.self, parameters: .init(input: "Hi", sampleRate: .rate24000)
            ).collect()
            #expect(streamed == Array("RIFF stand-in audio".utf8))
            #expect(lastBody(server) == #"{"input":"Hi","model":"tts-1-5-mini","sample_rate":24000}"#)
            let music = try await client.generateAudio(
                StableAudio2_5.self, parameters: .init(prompt: "Rain on a tin roof", duration: 30, seed: 7))
            #expect(music.media.first?.url != nil)
            #expect(
                lastBody(server)
                    == #"{"duration":30,"model":"stable-audio-2-5","prompt":"Rain on a tin roof","seed":7}"#)
        }
    }

    @Test("a transcription from a local file (multipart bytes) and from a URL (a job)")
    func transcription() async throws {
        try await withGateway { client, server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).wav")
            try Data([0x52, 0x49, 0x46, 0x46, 0x00, 0x01]).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try await client.transcribe(
                OpenaiWhisper1.self, file: try UploadFile(contentsOf: file),
                parameters: .init(responseFormat: .verboseJSON, timestampGranularities: [.word, .segment]))
            guard case .transcript(let transcript) = result else {
                Issue.record("expected a transcript")
                return
            }
            #expect(transcript.text.hasPrefix("Hello from the stand-in"))
            let upload = try #require(server.requests.last)
            let contentType = try #require(upload.header("Content-Type"))
            #expect(contentType.hasPrefix("multipart/form-data; boundary=empirio-"))
            let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
            let expected =
                Array(
                    ("--\(boundary)\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nopenai-whisper-1\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nverbose_json\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"timestamp_granularities\"\r\n\r\nword,segment\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.lastPathComponent)\"\r\nContent-Type: audio/wav\r\n\r\n")
                        .utf8)
                + [0x52, 0x49, 0x46, 0x46, 0x00, 0x01] + Array("\r\n--\(boundary)--\r\n".utf8)
            #expect(upload.body == expected)

            let remote = try await client.transcribe(
                DeepgramNova3.self,
                parameters: .init(fileURL: "https://example.com/meeting.mp3", diarize: true, smartFormat: true))
            guard case .job(let job) = remote else {
                Issue.record("expected a job")
                return
            }
            #expect(
                lastBody(server)
                    == #"{"diarize":true,"file_url":"https://example.com/meeting.mp3","model":"deepgram-nova-3","smart_format":true}"#
            )
            let done = try await client.waitForJob(job.id, pollInterval: .milliseconds(10))
            #expect(try done.result(as: Transcription.self).text == "Transcript from the stand-in job.")
        }
    }

    @Test("search, research, answer, an agent task and detection")
    func tools() async throws {
        try await withGateway { client, server in
            let search = try await client.search(
                TavilySearch.self,
                parameters: .init(
                    query: "latest CRDT research papers 2026", searchDepth: .advanced, includeAnswer: .advanced,
                    maxResults: 10, topic: .general))
            #expect(search.results.count == 1)
            #expect(
                lastBody(server)
                    == #"{"include_answer":"advanced","max_results":10,"model":"tavily-search","query":"latest CRDT research papers 2026","search_depth":"advanced","topic":"general"}"#
            )
            let research = try await client.research(
                PerplexityDeepResearch.self,
                parameters: .init(query: "CRDTs", reasoningEffort: .high, disableFormatting: true),
                pollInterval: .milliseconds(5))
            #expect(research.answer == "A stand-in research report.")
            #expect(
                server.requests.last { $0.path == "/v1/research" }?.bodyText
                    == #"{"disable_formatting":true,"model":"perplexity-deep-research","query":"CRDTs","reasoning_effort":"high"}"#
            )
            let answer = try await client.answer(
                ExaAnswer.self, parameters: .init(query: "What is a CRDT?", text: true))
            #expect(answer.citations.count == 1)
            #expect(lastBody(server) == #"{"model":"exa-answer","query":"What is a CRDT?","text":true}"#)
            let task = try await client.runAgent(
                Manus.self,
                parameters: .init(input: "Summarize the top 5 humanoid robotics startups", shareVisibility: .private))
            #expect(task.id == "task_standin")
            #expect(
                lastBody(server)
                    == #"{"input":"Summarize the top 5 humanoid robotics startups","model":"manus","share_visibility":"private"}"#
            )
            let detection = try await client.detect(
                Gptzero.self, input: "The quick brown fox.",
                parameters: .init(scanType: .aiDetection, multilingual: false))
            #expect(detection["documents"]?.arrayValue?.first?["predicted_class"] == "human")
            #expect(
                lastBody(server)
                    == #"{"input":"The quick brown fox.","model":"gptzero","multilingual":false,"scan_type":"ai_detection"}"#
            )
        }
    }

    @Test("validation happens before the wire, and can be switched off per client")
    func validationBeforeTheWire() async throws {
        try await withGateway { client, server in
            do {
                _ = try await client.generateImages(
                    Wan2_7Image.self, parameters: .init(prompt: "x", aspectRatio: .other("5:4"), numImages: 9))
                Issue.record("expected a validation error")
            } catch let error as EmpirioError {
                #expect(error.kind == .validation)
                #expect(error.violations.map(\.parameter) == ["aspect_ratio", "num_images"])
            }
            do {
                _ = try await client.submitVideo(
                    Seedance2_0Pro.self, parameters: .init(prompt: "x", lastFrameImage: "https://example.com/z.png"))
                Issue.record("expected a validation error")
            } catch let error as EmpirioError {
                #expect(
                    error.violations == [
                        ParameterViolation(
                            parameter: "last_frame_image", value: #""https://example.com/z.png""#,
                            constraint: .requires("image"))
                    ])
            }
            // thinking_budget requires enable_thinking, which the catalog defaults to true: valid alone.
            _ = try await client.chat(
                DeepseekV4Pro.self, messages: [.user("x")], parameters: .init(thinkingBudget: 1024))
            #expect(server.requests.count == 1)
            server.clearRequests()
            #expect(server.requests.isEmpty)
        }
        try await withGateway(validates: false) { client, server in
            _ = try await client.generateImages(
                Wan2_7Image.self, parameters: .init(prompt: "x", aspectRatio: .other("5:4"), numImages: 9))
            #expect(lastBody(server) == #"{"aspect_ratio":"5:4","model":"wan2-7-image","num_images":9,"prompt":"x"}"#)
        }
    }

    @Test("the URLSession transport carries the same calls")
    func urlSession() async throws {
        let server = try await StandInGateway(streamDelay: .milliseconds(1)).start()
        let client = EmpirioClient(
            configuration: EmpirioConfiguration(baseURL: server.baseURL, apiKey: APIKey(Self.key)),
            transport: URLSessionTransport())
        let completion = try await client.streamChat(DeepseekV4Pro.self, messages: [.user("Hi")]).collect()
        #expect(completion.text == "Stand-in reply to \u{201C}Hi\u{201D}: all good.")
        await server.shutdown()
    }
}

final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double] = []
    func add(_ value: Double) { lock.withLock { storage.append(value) } }
    var values: [Double] { lock.withLock { storage } }
}
