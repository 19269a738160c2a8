import EmpirioJSON
import Foundation
import NIOConcurrencyHelpers

/// An offline stand-in for the EmpirioLabs gateway: the same paths, request shapes and response
/// shapes, with canned but input-dependent answers. The examples run against it, and so can a
/// newcomer without a key or a network.
///
/// - Every request needs `Authorization: Bearer ...` or `x-api-key` (any value), as the gateway does.
/// - Chat, completions and messages stream when `stream: true` (SSE, word by word).
/// - Chat and messages call the tools they are given and answer structured-output requests
///   (see `StandInGateway+Tools.swift` for the rules).
/// - Videos and 3D return a job whose progress advances on every poll of `/v1/jobs/{id}`.
/// - Transcriptions accept a multipart upload (answered at once) or a `file_url` (answered with a job).
/// - `GET /v1/models` serves the catalog it was given.
/// - Deep-research models answer `/v1/research` with a job; `/v1/voices` lists two voices and the
///   clones made with `POST /v1/voices`, which `DELETE /v1/voices/{id}` removes.
public final class StandInGateway: Sendable {
    private let jobs = NIOLockedValueBox<[String: Int]>([:])
    private let voices = NIOLockedValueBox<[String: String]>([:])
    /// Research models that answer with a job (the catalog's `async` feature).
    static let asyncResearchModels: Set<String> = [
        "linkup-deep-search", "perplexity-advanced-deep-research", "perplexity-deep-research", "tavily-research",
    ]
    private let catalog: [UInt8]?
    /// Bills calls to the catalog's models per their pricing rows (placeholder figures otherwise).
    public let billing: StandInBilling
    private let jobCosts = NIOLockedValueBox<[String: String]>([:])
    /// Polls before a job completes.
    public let pollsPerJob: Int
    /// The pause between streamed pieces.
    public let streamDelay: Duration

    public init(catalog: [UInt8]? = nil, pollsPerJob: Int = 4, streamDelay: Duration = .milliseconds(15)) {
        self.catalog = catalog
        self.billing = StandInBilling(catalog: catalog)
        self.pollsPerJob = pollsPerJob
        self.streamDelay = streamDelay
    }

    /// Starts the stand-in on 127.0.0.1.
    public func start(port: Int = 0) async throws -> TestHTTPServer {
        try await TestHTTPServer.start(port: port) { request in await self.respond(to: request) }
    }

    public func respond(to request: ReceivedRequest) async -> CannedResponse {
        guard request.header("Authorization")?.hasPrefix("Bearer ") == true || request.header("x-api-key") != nil else {
            return Self.error(401, "missing_api_key", "No bearer token was provided.", type: "authentication_error")
        }
        let json = (try? JSONValue(parsing: request.body)) ?? .null
        let model = json["model"]?.stringValue ?? "unknown-model"
        let stream = json["stream"] == .bool(true)
        let prompt = StandInBilling.promptTokens(json)
        /// The usage object for what the stand-in did: billed per the catalog's rows when it has the model.
        func usage(
            _ completion: Int = 0, images: Int = 0, results: Int = 0, audioSeconds: Decimal? = nil, extra: String = "",
            placeholder: String
        ) -> String {
            billing.usageJSON(
                model: model, path: request.path, request: json,
                work: .init(
                    promptTokens: prompt, completionTokens: completion, images: images, results: results,
                    audioSeconds: audioSeconds),
                extra: extra, placeholder: placeholder)
        }
        /// The reply, cut to `max_tokens` words (a word is a token here), as a model stops at its limit.
        func clipped(_ text: String) -> String {
            guard
                let limit = (json["max_tokens"] ?? json["max_completion_tokens"] ?? json["max_output_tokens"])?
                    .intValue, limit >= 0
            else { return text }
            return Self.words(text).prefix(limit).joined()
        }
        switch (request.method, request.path) {
        case ("POST", "/v1/chat/completions"):
            if let plan = Self.chatPlan(json) { return chatResponse(model: model, plan: plan, stream: stream) }
            let text = clipped(Self.reply(to: Self.lastUserText(json)))
            let billed = usage(Self.words(text).count, placeholder: Self.usage(Self.words(text).count))
            return stream
                ? chatStream(model: model, text: text, usage: billed)
                : .json(Self.chatJSON(model: model, text: text, usage: billed))
        case ("POST", "/v1/completions"):
            let text = clipped("Ship it: " + (json["prompt"]?.stringValue ?? ""))
            if stream {
                let words = Self.words(text)
                var events = words.map {
                    #"data: {"object":"text_completion","model":"\#(model)","choices":[{"index":0,"text":\#(Self.quote($0)),"finish_reason":null}]}"#
                        + "\n\n"
                }
                events.append(
                    #"data: {"object":"text_completion","model":"\#(model)","choices":[{"index":0,"text":"","finish_reason":"stop"}],"usage":\#(usage(words.count, placeholder: Self.usage(words.count)))}"#
                        + "\n\ndata: [DONE]\n\n")
                return .chunks(
                    status: 200, headers: [("Content-Type", "text/event-stream")],
                    pieces: events.map { Array($0.utf8) }, delay: streamDelay)
            }
            return .json(
                #"{"id":"cmpl-standin","object":"text_completion","model":"\#(model)","choices":[{"index":0,"text":\#(Self.quote(text)),"finish_reason":"stop"}],"usage":\#(usage(Self.words(text).count, placeholder: Self.usage(8)))}"#
            )
        case ("POST", "/v1/responses"):
            let input = json["input"]?.stringValue ?? "your input"
            let text = clipped(Self.reply(to: input))
            let billed = usage(Self.words(text).count, placeholder: Self.usage(Self.words(text).count))
            if stream { return responseStream(model: model, text: text, usage: billed) }
            return .json(
                #"{"id":"resp-standin","object":"response","status":"completed","model":"\#(model)","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":\#(Self.quote(text))}]}],"usage":\#(billed)}"#
            )
        case ("POST", "/v1/messages") where json["max_tokens"] == nil:
            // /v1/messages answers in the Anthropic envelope.
            return .json(
                #"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"},"request_id":"req_standin_messages"}"#,
                status: 400)
        case ("POST", "/v1/messages"):
            if let plan = Self.messagesPlan(json) { return messagesResponse(model: model, plan: plan, stream: stream) }
            let text = clipped(Self.reply(to: Self.lastUserText(json)))
            let outputTokens = Self.words(text).count
            let cost =
                billing.knows(model)
                ? billing.usage(
                    model: model, path: request.path, request: json,
                    work: .init(promptTokens: prompt, completionTokens: outputTokens)
                ).costUSD.description
                : "0.00002"
            let inputTokens = billing.knows(model) ? prompt : 9
            return stream
                ? messageStream(
                    model: model, text: text, inputTokens: inputTokens, cost: billing.knows(model) ? cost : nil)
                : .json(
                    #"{"id":"msg_standin","type":"message","role":"assistant","model":"\#(model)","content":[{"type":"text","text":\#(Self.quote(text))}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":\#(inputTokens),"output_tokens":\#(outputTokens),"cost_usd":\#(cost)}}"#
                )
        case ("POST", "/v1/embeddings"):
            let inputs = json["input"]?.arrayValue ?? [json["input"] ?? .string("")]
            let data = inputs.enumerated().map { index, input in
                #"{"object":"embedding","index":\#(index),"embedding":[\#(Self.vector(input.compactJSON).map { String(format: "%.4f", $0) }.joined(separator: ","))]}"#
            }
            return .json(
                #"{"object":"list","model":"\#(model)","data":[\#(data.joined(separator: ","))],"usage":\#(usage(placeholder: #"{"prompt_tokens":\#(inputs.count * 4),"total_tokens":\#(inputs.count * 4),"cost_usd":0.000001}"#))}"#
            )
        case ("POST", "/v1/reranks"):
            let query = Self.terms(json["query"]?.stringValue ?? "")
            let documents = (json["documents"]?.arrayValue ?? []).compactMap(\.stringValue)
            let scored = documents.enumerated().map { index, document -> (Int, Double, String) in
                let words = Self.terms(document)
                return (
                    index, words.isEmpty ? 0 : Double(words.intersection(query).count) / Double(words.count), document
                )
            }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let top = scored.prefix(json["top_n"]?.intValue ?? scored.count)
            let withDocuments = json["return_documents"] == .bool(true)
            let results = top.map {
                #"{"index":\#($0.0),"relevance_score":\#(String(format: "%.3f", $0.1))\#(withDocuments ? #","document":{"text":\#(Self.quote($0.2))}"# : "")}"#
            }
            return .json(
                #"{"model":"\#(model)","results":[\#(results.joined(separator: ","))],"usage":\#(usage(placeholder: #"{"cost_usd":0.0001}"#))}"#
            )
        case ("POST", "/v1/images/generations"):
            let count =
                ["num_images", "n", "number_of_images", "num_outputs", "batch_size", "image_count"].lazy
                .compactMap { json[$0]?.intValue ?? self.billing.defaultValue(model, $0)?.intValue }.first ?? 1
            let urls = (1...max(1, count)).map {
                #"{"url":"https://media.empiriolabs.ai/standin/\#(model)/image-\#($0).png"}"#
            }
            let resolution = #""resolution":\#(Self.quote(json["resolution"]?.stringValue ?? "2K"))"#
            return .json(
                #"{"created":1767225600,"data":[\#(urls.joined(separator: ","))],"usage":\#(usage(images: count, extra: resolution, placeholder: #"{"cost_usd":\#(String(format: "%.2f", 0.04 * Double(count))),\#(resolution)}"#))}"#
            )
        case ("POST", "/v1/images/analysis"):
            return .json(
                #"{"model":"\#(model)","output":"A picture, described by the stand-in.","usage":\#(usage(8, placeholder: #"{"cost_usd":0.001}"#))}"#
            )
        case ("POST", "/v1/videos/generations"), ("POST", "/v1/3d/generations"):
            let id = "job_standin_\(jobs.withLockedValue { $0.count + 1 })"
            jobs.withLockedValue { $0[id] = 0 }
            if billing.knows(model) { jobCosts.withLockedValue { $0[id] = usage(placeholder: "") } }
            return .json(#"{"job_id":"\#(id)","status":"queued","polling_url":"/v1/jobs/\#(id)"}"#, status: 202)
        case ("POST", "/v1/audio/transcriptions"):
            if request.header("Content-Type")?.hasPrefix("multipart/form-data") == true {
                return .json(
                    #"{"text":"Hello from the stand-in: I received \#(request.body.count) bytes.","language":"en","duration":3.2,"usage":{"cost_usd":0.0003}}"#
                )
            }
            let id = "job_standin_\(jobs.withLockedValue { $0.count + 1 })"
            jobs.withLockedValue { $0[id] = 0 }
            return .json(#"{"job_id":"\#(id)","status":"processing"}"#)
        case ("POST", "/v1/audio/speech"):
            let audio = Data(Array("RIFF stand-in audio".utf8)).base64EncodedString()
            if json["response_format"]?.stringValue == "b64_json" {
                return .json(#"{"b64_json":"\#(audio)","format":"wav"}"#)
            }
            return .json(
                #"{"url":"https://media.empiriolabs.ai/standin/speech.wav","format":"wav","usage":\#(usage(audioSeconds: 2, placeholder: #"{"cost_usd":0.0005}"#))}"#
            )
        case ("POST", "/v1/audio/speech:stream"):
            let pieces =
                ["RIFF", " stand-in", " audio"].map {
                    "data: {\"audio\":\"\(Data($0.utf8).base64EncodedString())\"}\n\n"
                } + ["data: [DONE]\n\n"]
            return .chunks(
                status: 200, headers: [("Content-Type", "text/event-stream")], pieces: pieces.map { Array($0.utf8) },
                delay: streamDelay)
        case ("POST", "/v1/audio/generations"):
            return .json(
                #"{"created":1767225600,"data":[{"url":"https://media.empiriolabs.ai/standin/track.mp3"}],"usage":\#(usage(placeholder: #"{"cost_usd":0.02}"#))}"#
            )
        case ("POST", "/v1/research") where Self.asyncResearchModels.contains(model):
            // Deep-research models answer with a job whose result is the report.
            let id = "job_standin_\(jobs.withLockedValue { $0.count + 1 })"
            jobs.withLockedValue { $0[id] = 0 }
            return .json(#"{"job_id":"\#(id)","status":"queued","polling_url":"/v1/jobs/\#(id)"}"#, status: 202)
        case ("GET", "/v1/voices"):
            let query = request.query ?? ""
            guard query.contains("model=") else {
                return Self.error(400, "invalid_parameter", "model is required.", type: "invalid_request_error")
            }
            let custom = voices.withLockedValue { $0 }.map {
                #"{"voice_id":\#(Self.quote($0.key)),"name":\#(Self.quote($0.value)),"language":"en","custom":true}"#
            }
            let builtIn = [
                #"{"voice_id":"Ashley","name":"Ashley","language":"en","gender":"female"}"#,
                #"{"voice_id":"Dennis","name":"Dennis","language":"en","gender":"male"}"#,
            ]
            return .json(#"{"object":"list","data":[\#((builtIn + custom.sorted()).joined(separator: ","))]}"#)
        case ("POST", "/v1/voices"):
            let text = request.bodyText
            let name =
                text.components(separatedBy: "name=\"name\"\r\n\r\n").dropFirst().first?.components(separatedBy: "\r\n")
                .first ?? "clone"
            let id = "voice_standin_\(voices.withLockedValue { $0.count + 1 })"
            voices.withLockedValue { $0[id] = name }
            return .json(#"{"voice_id":"\#(id)","name":\#(Self.quote(name)),"custom":true}"#, status: 201)
        case ("DELETE", let path) where path.hasPrefix("/v1/voices/"):
            let id = String(path.dropFirst("/v1/voices/".count))
            guard voices.withLockedValue({ $0.removeValue(forKey: id) }) != nil else {
                return Self.error(404, "voice_not_found", "Voice \(id) was not found.", type: "not_found_error")
            }
            return .full(status: 204, body: [])
        case ("POST", "/v1/search"), ("POST", "/v1/research"), ("POST", "/v1/answer"):
            let query = json["query"]?.stringValue ?? ""
            let billed = usage(
                8, results: 1, extra: #""tool_usage":{"search":1}"#,
                placeholder: #"{"cost_usd":0.005,"tool_usage":{"search":1}}"#)
            return .json(
                #"{"model":"\#(model)","results":[{"title":"Stand-in result for \#(Self.escape(query))","url":"https://example.com/1"}],"answer":"The stand-in has no index, but it heard: \#(Self.escape(query))","citations":[{"url":"https://example.com/1"}],"usage":\#(billed)}"#
            )
        case ("POST", "/v1/agents/run"):
            return .json(#"{"task_id":"\#(json["task_id"]?.stringValue ?? "task_standin")","status":"running"}"#)
        case ("POST", "/v1/detect"):
            return .json(
                #"{"model":"\#(model)","documents":[{"class_probabilities":{"human":0.9,"ai":0.1},"predicted_class":"human"}]}"#
            )
        case ("GET", "/v1/models"):
            if let catalog { return .full(status: 200, headers: [("Content-Type", "application/json")], body: catalog) }
            return .json(#"{"object":"list","data":[]}"#)
        case ("GET", let path) where path.hasPrefix("/v1/jobs/"):
            let id = String(path.dropFirst("/v1/jobs/".count))
            guard
                let polls = jobs.withLockedValue({ state -> Int? in
                    guard let count = state[id] else { return nil }
                    state[id] = count + 1
                    return count + 1
                })
            else {
                return Self.error(
                    404, "job_not_found", "Job \(id) was not found; job state is kept for 1 hour after completion.",
                    type: "not_found_error")
            }
            if polls < pollsPerJob {
                return .json(
                    #"{"job_id":"\#(id)","status":"processing","progress":\#(String(format: "%.2f", Double(polls) / Double(pollsPerJob))),"created_at":"2026-11-25T08:00:00Z","completed_at":null,"result":null,"error":null}"#
                )
            }
            let billed = jobCosts.withLockedValue { $0[id] }.map { #","usage":\#($0)"# } ?? ""
            return .json(
                #"{"job_id":"\#(id)","status":"completed","progress":1,"created_at":"2026-11-25T08:00:00Z","completed_at":"2026-11-25T08:01:00Z","result":{"created":1767225600,"data":[{"url":"https://media.empiriolabs.ai/standin/\#(id).mp4"}],"text":"Transcript from the stand-in job.","report":"A stand-in research report.","citations":[{"url":"https://example.com/1"}]},"error":null\#(billed)}"#
            )
        default:
            return Self.error(
                404, "not_found", "The stand-in has no \(request.method) \(request.path).",
                type: "invalid_request_error")
        }
    }

    // MARK: Streams

    func chatStream(model: String, text: String, usage: String? = nil) -> CannedResponse {
        var events = [
            #"data: {"id":"chatcmpl-standin","object":"chat.completion.chunk","model":"\#(model)","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#
        ]
        for word in Self.words(text) {
            events.append(
                #"data: {"id":"chatcmpl-standin","object":"chat.completion.chunk","model":"\#(model)","choices":[{"index":0,"delta":{"content":\#(Self.quote(word))},"finish_reason":null}]}"#
            )
        }
        events.append(
            #"data: {"id":"chatcmpl-standin","object":"chat.completion.chunk","model":"\#(model)","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
        )
        events.append(
            #"data: {"id":"chatcmpl-standin","object":"chat.completion.chunk","model":"\#(model)","choices":[],"usage":\#(usage ?? Self.usage(Self.words(text).count))}"#
        )
        events.append("data: [DONE]")
        return .chunks(
            status: 200, headers: [("Content-Type", "text/event-stream")],
            pieces: events.map { Array(($0 + "\n\n").utf8) }, delay: streamDelay)
    }

    func responseStream(model: String, text: String, usage: String? = nil) -> CannedResponse {
        let object =
            #"{"id":"resp-standin","object":"response","model":"\#(model)","status":"in_progress","output":[]}"#
        var events = [("response.created", #"{"type":"response.created","response":\#(object)}"#)]
        for word in Self.words(text) {
            events.append(
                (
                    "response.output_text.delta",
                    #"{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":\#(Self.quote(word))}"#
                ))
        }
        events.append(
            (
                "response.completed",
                #"{"type":"response.completed","response":{"id":"resp-standin","object":"response","status":"completed","model":"\#(model)","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":\#(Self.quote(text))}]}],"usage":\#(usage ?? Self.usage(Self.words(text).count))}}"#
            ))
        return .chunks(
            status: 200, headers: [("Content-Type", "text/event-stream")],
            pieces: events.map { Array("event: \($0.0)\ndata: \($0.1)\n\n".utf8) }, delay: streamDelay)
    }

    func messageStream(model: String, text: String, inputTokens: Int = 9, cost: String? = nil) -> CannedResponse {
        var events: [(String, String)] = [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_standin","type":"message","role":"assistant","model":"\#(model)","content":[],"stop_reason":null,"usage":{"input_tokens":\#(inputTokens),"output_tokens":1}}}"#
            ),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#
            ),
            ("ping", #"{"type": "ping"}"#),
        ]
        for word in Self.words(text) {
            events.append(
                (
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(Self.quote(word))}}"#
                ))
        }
        events.append(("content_block_stop", #"{"type":"content_block_stop","index":0}"#))
        events.append(
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":\#(Self.words(text).count)\#(cost.map { #","cost_usd":\#($0)"# } ?? "")}}"#
            ))
        events.append(("message_stop", #"{"type":"message_stop"}"#))
        return .chunks(
            status: 200, headers: [("Content-Type", "text/event-stream")],
            pieces: events.map { Array("event: \($0.0)\ndata: \($0.1)\n\n".utf8) }, delay: streamDelay)
    }

    // MARK: Helpers

    static func chatJSON(model: String, text: String, usage billed: String? = nil) -> String {
        #"{"id":"chatcmpl-standin","object":"chat.completion","created":1767225600,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":\#(quote(text))},"finish_reason":"stop"}],"usage":\#(billed ?? usage(words(text).count))}"#
    }

    static func lastUserText(_ json: JSONValue) -> String {
        let messages = json["messages"]?.arrayValue ?? []
        guard let last = messages.last(where: { $0["role"]?.stringValue == "user" }) ?? messages.last else { return "" }
        if let text = last["content"]?.stringValue { return text }
        return (last["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: " ")
    }

    static func reply(to text: String) -> String {
        text.isEmpty ? "Hello from the EmpirioLabs stand-in." : "Stand-in reply to \u{201C}\(text)\u{201D}: all good."
    }

    /// Words with their trailing space, so the pieces join back to the text.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Lowercased words of four letters or more, without punctuation or a plural `s`.
    static func terms(_ text: String) -> Set<String> {
        Set(
            text.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 }.map {
                $0.hasSuffix("s") ? String($0.dropLast()) : String($0)
            })
    }

    static func usage(_ completionTokens: Int) -> String {
        #"{"prompt_tokens":9,"completion_tokens":\#(completionTokens),"total_tokens":\#(9 + completionTokens),"cost_usd":0.0000\#(10 + completionTokens),"pricing_tier_label":"Short context"}"#
    }

    static func quote(_ text: String) -> String {
        var out = ""
        JSONText.quote(text, into: &out)
        return out
    }

    static func escape(_ text: String) -> String { String(quote(text).dropFirst().dropLast()) }

    /// A deterministic unit vector of 8 dimensions for a text.
    static func vector(_ text: String) -> [Double] {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var values: [Double] = []
        for _ in 0..<8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(Int64(bitPattern: state) % 1000) / 1000)
        }
        let norm = max(values.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-9)
        return values.map { $0 / norm }
    }

    static func error(_ status: Int, _ code: String, _ message: String, type: String) -> CannedResponse {
        .json(
            #"{"error":{"message":\#(quote(message)),"type":"\#(type)","code":"\#(code)","param":null}}"#,
            status: status)
    }
}
