import EmpirioRuntime
import EmpirioStandIn
import Foundation
import Testing

/// Every endpoint family against the local server: the request the server received and the
/// decoded result.
@Suite("Endpoint families")
struct EndpointFamilyTests {
    /// A server routing by path.
    func route(_ routes: [String: CannedResponse]) -> TestHTTPServer.Handler {
        { request in
            routes[request.path]
                ?? .json(#"{"error":{"message":"no route \#(request.path)","type":"not_found_error"}}"#, status: 404)
        }
    }

    @Test("completions and responses, plain and streamed")
    func textFamilies() async throws {
        let completionStream =
            "data: {\"choices\":[{\"index\":0,\"text\":\"Launch \"}]}\n\ndata: {\"choices\":[{\"index\":0,\"text\":\"today.\",\"finish_reason\":\"stop\"}],\"usage\":{\"total_tokens\":9}}\n\ndata: [DONE]\n\n"
        let responseStream =
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r1\",\"status\":\"completed\",\"output_text\":\"Hi\"}}\n\n"
        var streamed = false
        try await withServer({ request in
            switch request.path {
            case "/v1/completions":
                return request.bodyText.contains("\"stream\":true")
                    ? .sse(completionStream, pieces: 9)
                    : .json(
                        #"{"id":"c","choices":[{"index":0,"text":"Launch today.","finish_reason":"stop"}],"usage":{"prompt_tokens":3}}"#
                    )
            default:
                return request.bodyText.contains("\"stream\":true")
                    ? .sse(responseStream)
                    : .json(
                        #"{"id":"r1","status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":"Hello"}]}],"usage":{"input_tokens":2}}"#
                    )
            }
        }) { server in
            let client = makeClient(server, .urlSession)
            let completion = try await client.complete(
                model: "qwen3-5-9b", prompt: "Write one line.", parameters: ["max_tokens": 64])
            #expect(completion.text == "Launch today.")
            #expect(
                server.requests[0].bodyText == #"{"max_tokens":64,"model":"qwen3-5-9b","prompt":"Write one line."}"#)
            let collected = try await client.streamCompletion(model: "qwen3-5-9b", prompt: "Write one line.").collect()
            #expect(collected.text == "Launch today.")
            #expect(collected.finishReason == "stop")
            #expect(collected.usage?.totalTokens == 9)
            let response = try await client.respond(
                model: "m", input: "Hello?", parameters: ["reasoning_effort": "low"])
            #expect(response.outputText == "Hello")
            #expect(server.requests[2].bodyText == #"{"input":"Hello?","model":"m","reasoning_effort":"low"}"#)
            var deltas = ""
            for try await event in try await client.streamResponse(model: "m", input: "Hello?") {
                if let delta = event.delta { deltas += delta }
                if event.type == "response.completed" { streamed = event.response?.outputText == "Hi" }
            }
            #expect(deltas == "Hi")
            #expect(streamed)
        }
    }

    @Test("embeddings and reranks")
    func retrieval() async throws {
        try await withServer(
            route([
                "/v1/embeddings": .json(
                    #"{"model":"text-embedding-v4","data":[{"index":0,"embedding":[0.1,-0.2]},{"index":1,"embedding":[0.3,0.4]}],"usage":{"prompt_tokens":4,"cost_usd":0.000001}}"#
                ),
                "/v1/reranks": .json(
                    #"{"results":[{"index":2,"relevance_score":0.93,"document":{"text":"Pre-trained"}},{"index":0,"relevance_score":0.71}],"usage":{"cost_usd":0.0002}}"#
                ),
            ])
        ) { server in
            let client = makeClient(server, .asyncHTTPClient)
            let embeddings = try await client.embed(
                model: "text-embedding-v4", input: ["Sentence one.", "Sentence two."],
                parameters: ["encoding_format": "float"])
            #expect(embeddings.data.map(\.vector) == [[0.1, -0.2], [0.3, 0.4]])
            #expect(
                server.requests[0].bodyText
                    == #"{"encoding_format":"float","input":["Sentence one.","Sentence two."],"model":"text-embedding-v4"}"#
            )
            let ranked = try await client.rerank(
                model: "qwen3-rerank", query: "What is a rerank model?", documents: ["a", "b", "c"], topN: 2,
                returnDocuments: true)
            #expect(ranked.results.map(\.index) == [2, 0])
            #expect(ranked.results.first?.document == "Pre-trained")
            #expect(
                server.requests[1].bodyText
                    == #"{"documents":["a","b","c"],"model":"qwen3-rerank","query":"What is a rerank model?","return_documents":true,"top_n":2}"#
            )
        }
    }

    @Test(
        "images (generation, edit, analysis), speech, speech stream, audio generation; media download never sends the key"
    )
    func media() async throws {
        let audio = Data("RIFF-audio".utf8).base64EncodedString()
        let speechStream =
            "data: {\"audio\":\"\(Data("ab".utf8).base64EncodedString())\"}\n\ndata: {\"audio\":\"\(Data("cd".utf8).base64EncodedString())\"}\n\ndata: [DONE]\n\n"
        try await withServer({ request in
            switch request.path {
            case "/v1/images/generations":
                return .json(
                    #"{"created":1767225600,"data":[{"url":"https://media.empiriolabs.ai/i/1.png"},{"url":"https://media.empiriolabs.ai/i/2.png"}],"usage":{"cost_usd":0.08,"resolution":"4K"}}"#
                )
            case "/v1/images/analysis": return .json(#"{"output":"A cathedral.","usage":{"cost_usd":0.001}}"#)
            case "/v1/audio/speech": return .json(#"{"b64_json":"\#(audio)","format":"wav"}"#)
            case "/v1/audio/speech:stream": return .sse(speechStream, pieces: 5)
            case "/v1/audio/generations": return .json(#"{"job_id":"job_a","status":"processing"}"#)
            case "/media/file.wav": return .full(status: 200, body: Array("WAVDATA".utf8))
            default: return .json("{}", status: 404)
            }
        }) { server in
            let client = makeClient(server, .urlSession)
            let images = try await client.generateImages(
                model: "wan2-7-image", prompt: "A glass cathedral",
                parameters: ["aspect_ratio": "16:9", "num_images": 2])
            #expect(
                images.media.compactMap(\.url?.absoluteString) == [
                    "https://media.empiriolabs.ai/i/1.png", "https://media.empiriolabs.ai/i/2.png",
                ])
            #expect(images.usage?.tierFields == ["resolution": "4K"])
            #expect(
                images.createdAt.map(GeneratedMedia.expiry(createdAt:))
                    == Date(timeIntervalSince1970: 1_767_225_600 + 7 * 24 * 3600))
            _ = try await client.editImage(
                model: "qwen-image-2-0", prompt: "Make it night", images: ["https://example.com/a.png"])
            #expect(
                server.requests[1].bodyText
                    == #"{"image":["https://example.com/a.png"],"model":"qwen-image-2-0","prompt":"Make it night"}"#)
            let analysis = try await client.analyzeImage(
                model: "qwen3-6-plus", imageURL: "https://example.com/a.png", question: "What is it?")
            #expect(analysis["output"] == "A cathedral.")
            let speech = try await client.synthesizeSpeech(
                model: "gemini-2-5-flash-tts", input: "Hello",
                parameters: ["voice": "Charon", "response_format": "b64_json"])
            #expect(speech.media.first?.data == Array("RIFF-audio".utf8))
            let streamed = try await client.streamSpeech(model: "tts-1-5-mini", input: "Hello").collect()
            #expect(streamed == Array("abcd".utf8))
            let music = try await client.generateAudio(
                model: "stable-audio-2-5", prompt: "rain", parameters: ["duration": 30])
            #expect(music.jobID == "job_a")
            let media = server.baseURL.appendingPathComponent("media/file.wav")
            #expect(try await client.download(media) == Array("WAVDATA".utf8))
            let download = try #require(server.requests.last)
            #expect(download.header("Authorization") == nil && download.header("x-api-key") == nil)
        }
    }

    @Test("a video job polled to completion with progress; a failed job and an expired one throw")
    func jobs() async throws {
        let polls = Counter()
        try await withServer({ request in
            switch (request.method, request.path) {
            case ("POST", "/v1/videos/generations"):
                return .json(#"{"job_id":"job_v","status":"queued","polling_url":"/v1/jobs/job_v"}"#)
            case ("GET", "/v1/jobs/job_v"):
                let poll = polls.increment()
                if poll < 3 {
                    return .json(
                        #"{"job_id":"job_v","status":"processing","progress":\#(Double(poll) * 0.4),"created_at":"2026-05-02T17:11:32Z","completed_at":null,"result":null,"error":null}"#
                    )
                }
                return .json(
                    #"{"job_id":"job_v","status":"completed","progress":1,"result":{"created":1767225600,"data":[{"url":"https://media.empiriolabs.ai/v/1.mp4"}]},"error":null}"#
                )
            case ("GET", "/v1/jobs/job_slow"):
                return .json(#"{"job_id":"job_slow","status":"processing","progress":0.1}"#)
            case ("GET", "/v1/jobs/job_f"):
                return .json(
                    #"{"job_id":"job_f","status":"failed","progress":0.2,"result":null,"error":{"code":"upstream_error","message":"content policy"}}"#
                )
            default:
                return .json(
                    #"{"error":{"message":"job not found","type":"not_found_error","code":"job_not_found"}}"#,
                    status: 404)
            }
        }) { server in
            let client = makeClient(server, .asyncHTTPClient)
            let job = try await client.submitVideo(
                model: "seedance-2-0-pro", prompt: "A dolly shot",
                parameters: ["resolution": "1080p", "duration": 8, "generate_audio": true])
            #expect(job.id == "job_v")
            #expect(job.pollingURL == "/v1/jobs/job_v")
            let seen = ProgressLog()
            // A generous bound: under ThreadSanitizer on a loaded machine three polls can take seconds.
            let finished = try await client.waitForJob(job.id, pollInterval: .milliseconds(20), timeout: .seconds(300))
            { seen.add($0.progress) }
            #expect(finished.status == .completed)
            #expect(seen.values == [0.4, 0.8, 1])
            let video = try finished.result(as: MediaGeneration.self)
            #expect(video.media.first?.url?.absoluteString == "https://media.empiriolabs.ai/v/1.mp4")
            let failed = await expectError { try await client.waitForJob("job_f", pollInterval: .milliseconds(20)) }
            #expect(failed?.kind == .job)
            #expect(failed?.code == "upstream_error")
            #expect(failed?.message.contains("content policy") == true)
            let expired = await expectError { try await client.waitForJob("job_gone", pollInterval: .milliseconds(20)) }
            #expect(expired?.kind == .job)
            #expect(expired?.message.contains("one hour") == true)
            // A job that never finishes, on a clock that does not wait: three polls a minute apart
            // fit in 150 s, the fourth would not.
            let clock = TestClock()
            var paced = client
            paced.configuration.clock = clock
            let slow = await expectError {
                try await paced.waitForJob("job_slow", pollInterval: .seconds(60), timeout: .seconds(150))
            }
            #expect(slow?.kind == .timeout)
            #expect(slow?.message.contains("did not finish within") == true)
            #expect(clock.sleeps == [.seconds(60), .seconds(60)])
        }
    }

    @Test("transcription: multipart bytes exactly as the server receives them, file_url as JSON, long audio as a job")
    func transcription() async throws {
        try await withServer({ request in
            request.header("Content-Type")?.hasPrefix("multipart/form-data") == true
                ? .json(#"{"text":"Hello world.","language":"en","duration":1.5,"words":[{"word":"Hello"}]}"#)
                : .json(#"{"job_id":"job_t","status":"processing"}"#)
        }) { server in
            let client = makeClient(server, .urlSession)
            let file = UploadFile(name: "meeting.mp3", contentType: "audio/mpeg", data: [0x49, 0x44, 0x33, 0x00, 0xFF])
            let result = try await client.transcribe(
                model: "openai-whisper-1", file: file,
                parameters: ["response_format": "verbose_json", "timestamp_granularities": ["word", "segment"]])
            guard case .transcript(let transcript) = result else {
                Issue.record("expected a transcript")
                return
            }
            #expect(transcript.text == "Hello world.")
            #expect(transcript.words.count == 1)
            let request = try #require(server.requests.first)
            let contentType = try #require(request.header("Content-Type"))
            #expect(contentType.hasPrefix("multipart/form-data; boundary=empirio-"))
            let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
            let expected: [UInt8] =
                Array(
                    ("--\(boundary)\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nopenai-whisper-1\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nverbose_json\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"timestamp_granularities\"\r\n\r\nword,segment\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"meeting.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n")
                        .utf8)
                + [0x49, 0x44, 0x33, 0x00, 0xFF] + Array("\r\n--\(boundary)--\r\n".utf8)
            #expect(request.body == expected)
            let long = try await client.transcribe(
                model: "deepgram-nova-3", fileURL: "https://example.com/long.mp3", parameters: ["diarize": true])
            #expect(long == .job(try Job(json: ["job_id": "job_t", "status": "processing"])))
            #expect(
                server.requests[1].bodyText
                    == #"{"diarize":true,"file_url":"https://example.com/long.mp3","model":"deepgram-nova-3"}"#)
        }
    }

    @Test("search, research, answer, detect, 3D, agents and file upload")
    func services() async throws {
        try await withServer({ request in
            switch request.path {
            case "/v1/search":
                return .json(
                    #"{"results":[{"title":"CRDTs","url":"https://example.com"}],"answer":"Short answer.","usage":{"cost_usd":0.008,"tool_usage":{"search":1}}}"#
                )
            case "/v1/research":
                return .json(
                    ##"{"report":"# Report","citations":[{"url":"https://a"}],"usage":{"citation_tokens":40,"reasoning_tokens":100,"num_search_queries":3}}"##
                )
            case "/v1/answer": return .json(#"{"answer":"42","citations":[]}"#)
            case "/v1/detect": return .json(#"{"documents":[{"class_probabilities":{"ai":0.9}}]}"#)
            case "/v1/3d/generations": return .json(#"{"job_id":"job_3d","status":"queued"}"#)
            case "/v1/agents/run": return .json(#"{"task_id":"task_1","status":"running"}"#)
            case "/v1/agents/task_1": return .json(#"{"task_id":"task_1","status":"completed","output":"Top 5: ..."}"#)
            case "/v1/agents/task_1/messages":
                return .json(#"{"data":[{"role":"agent","content":"step 1"},{"role":"agent","content":"step 2"}]}"#)
            case "/v1/agents/task_1/stop": return .json(#"{"task_id":"task_1","status":"stopped"}"#)
            case "/v1/files/upload": return .json(#"{"path":"bunny://uploads/data.jsonl"}"#)
            case "/v1/account/usage":
                return .json(
                    #"{"data":[{"id":"e1","model":"exa-search","cost_usd":"0.005","status":"succeeded","metadata":{"worker_usage":{"pricing_tier_label":"Pro","cost_usd":0.005}},"tool_breakdown":[{"tool":"search","count":1}]}],"has_more":false}"#
                )
            default: return .json("{}", status: 404)
            }
        }) { server in
            let client = makeClient(server, .asyncHTTPClient)
            let search = try await client.search(
                model: "tavily-search", query: "latest CRDT research papers 2026",
                parameters: ["search_depth": "advanced", "max_results": 10])
            #expect(search.results.count == 1)
            #expect(search.answer == "Short answer.")
            #expect(search.usage?.toolCalls == ["search": 1])
            #expect(
                server.requests[0].bodyText
                    == #"{"max_results":10,"model":"tavily-search","query":"latest CRDT research papers 2026","search_depth":"advanced"}"#
            )
            let research = try await client.research(
                model: "perplexity-deep-research", query: "q",
                options: RequestOptions(disableFormatting: true, passthroughSpelling: .rawResponse))
            #expect(research.answer == "# Report")
            #expect(research.usage?.dimensions["num_search_queries"] == 3)
            #expect(research.usage?.reasoningTokens == 100)
            #expect(
                server.requests[1].bodyText == #"{"model":"perplexity-deep-research","query":"q","raw_response":true}"#)
            #expect(try await client.answer(model: "exa-answer", query: "q").answer == "42")
            let detection = try await client.detect(
                model: "gptzero", input: "The quick brown fox.",
                parameters: ["scan_type": "ai_detection", "multilingual": false])
            #expect(detection["documents"]?.arrayValue?.count == 1)
            let model3D = try await client.submit3D(
                model: "trellis-2-4b",
                parameters: ["image_url": "https://example.com/p.png", "resolution": "1024", "seed": 42])
            #expect(model3D.id == "job_3d")
            let task = try await client.runAgent(
                model: "manus", input: "Summarize the top 5 humanoid robotics startups")
            #expect(task.id == "task_1")
            _ = try await client.followUpAgent(taskID: task.id, model: "manus", input: "Add funding totals")
            #expect(
                server.requests.last?.bodyText == #"{"input":"Add funding totals","model":"manus","task_id":"task_1"}"#)
            #expect(try await client.agentTask("task_1").output == "Top 5: ...")
            #expect(try await client.agentMessages("task_1").count == 2)
            #expect(try await client.stopAgent("task_1").status == "stopped")
            #expect(server.requests.last?.method == "POST")
            let uploaded = try await client.uploadFile(
                UploadFile(name: "data.jsonl", contentType: "application/jsonl", data: Array("{}\n".utf8)))
            #expect(uploaded["path"] == "bunny://uploads/data.jsonl")
            let usage = try await client.usageHistory(UsageQuery(limit: 10, model: "exa-search"))
            #expect(usage.events.first?.costUSD?.text == "0.005")
            #expect(usage.events.first?.workerUsage?.pricingTierLabel == "Pro")
            #expect(usage.events.first?.toolBreakdown.count == 1)
            #expect(server.requests.last?.uri == "/v1/account/usage?limit=10&model=exa-search")
        }
    }

    @Test("models: list and get as runtime values (no catalog module in the SDK), older spellings included")
    func models() async throws {
        let listing =
            #"{"object":"list","data":[{"id":"wan2-7-image","category":"image","supported_endpoints":["/v1/images/generations"],"pricing_rows":[{"label":"Image","unit":"image","price_usd":0.0000000208333333333333,"per":1}]},{"id":"qwen3-5-9b","category":"text","author":"qwen","capabilities":{"streaming":true,"vision":false},"context_window":131072}]}"#
        let detail =
            #"{"data":{"id":"wan2-7-image","category":"image","parameters":{"prompt":{"type":"string","required":true},"num_images":{"type":"integer","min":1,"max":4}}}}"#
        try await withServer({ request in request.path == "/v1/models" ? .json(listing) : .json(detail) }) { server in
            let client = makeClient(server, .urlSession)
            let list = try await client.listModels()
            #expect(list.models.map(\.id) == ["wan2-7-image", "qwen3-5-9b"])
            #expect(list.models[0].metadata.supports(.imageGenerations))
            #expect(list.models[0].metadata.pricing.first?.price == "0.0000000208333333333333")
            #expect(list.models[1].metadata.provider == "qwen")
            #expect(list.models[1].metadata.features == ["streaming"])
            #expect(list.models[1].metadata.contextWindow == 131072)
            let model = try await client.model("wan2-7-image")
            #expect(model.id == "wan2-7-image")
            #expect(model.parameters?["num_images"]?["max"] == 4)
            #expect(server.requests[1].path == "/v1/models/wan2-7-image")
            _ = try await client.listModels(format: "openrouter")
            #expect(server.requests[2].uri == "/v1/models?format=openrouter")
        }
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double] = []
    func add(_ value: Double?) { lock.withLock { if let value { storage.append(value) } } }
    var values: [Double] { lock.withLock { storage } }
}
