import EmpirioRuntime
import Foundation

// The gateway's answers, family by family: the shapes of the offline stand-in
// (Sources/Development/EmpirioStandIn), built in process.
extension TestGateway {
    typealias Reply = (HTTPResponse, ResponseBody)

    /// The answer to a request that keeps the contract.
    func respond(_ request: GatewayRequest, modelType: (any CatalogModel.Type)?, answer: Answer?) -> Reply {
        let endpoint = request.endpoint
        let id = requestID()
        switch answer {
        case .error(let status, let code, let message, let retryAfter)?:
            return Self.errorResponse(
                endpoint: endpoint, status: status, code: code ?? Self.defaultCode(status),
                type: Self.defaultType(status),
                message: message ?? "The test gateway answered \(status) as scripted.", param: nil, requestID: id,
                retryAfter: retryAfter)
        case .raw(let status, let contentType, let body)?:
            return Self.response(status: status, contentType: contentType, body: Array(body.utf8), requestID: id)
        case .stall?:
            return (
                Self.head(
                    200, contentType: request.isStreaming ? "text/event-stream" : "application/json", requestID: id),
                ResponseBody(Stalled())
            )
        default: break
        }
        let json = request.body ?? [:]
        let model = request.model?.rawValue ?? ""
        let cut = answer == .cutStream
        /// The usage object: counts and `cost_usd` from the runtime's estimate.
        func usage(completion: Int = 0, anthropic: Bool = false, extra: [String: JSONValue] = [:]) -> JSONValue {
            let prompt = Self.promptTokens(json)
            var object: [String: JSONValue] = extra
            if anthropic {
                object["input_tokens"] = .number(NumberLiteral(prompt))
                object["output_tokens"] = .number(NumberLiteral(completion))
            } else {
                object["prompt_tokens"] = .number(NumberLiteral(prompt))
                object["completion_tokens"] = .number(NumberLiteral(completion))
                object["total_tokens"] = .number(NumberLiteral(prompt + completion))
            }
            object["cost_usd"] = .number(
                NumberLiteral(Self.cost(modelType, endpoint: endpoint, body: json).description) ?? 0)
            return .object(object)
        }
        func send(_ value: JSONValue, status: Int = 200) -> Reply {
            var bytes = value.compactJSONBytes
            if cut { bytes = Array(bytes.prefix(bytes.count / 2)) }
            return Self.response(status: status, contentType: "application/json", body: bytes, requestID: id)
        }
        func events(_ pieces: [String], terminal: Int) -> Reply {
            let kept = cut ? Array(pieces.dropLast(terminal)) : pieces
            return Self.stream(kept, requestID: id)
        }
        let plan = Self.plan(answer, request: request, endpoint: endpoint)
        let stream = request.isStreaming

        switch (request.method, request.path) {
        case (.post, EndpointPath.chatCompletions.rawValue):
            let completion = plan.outputTokens
            if stream {
                return events(
                    Self.chatChunks(model: model, plan: plan, usage: usage(completion: completion)), terminal: 3)
            }
            var message: [String: JSONValue] = [
                "role": "assistant", "content": plan.text.map(JSONValue.string) ?? .null,
            ]
            if let reasoning = plan.reasoning { message["reasoning_content"] = .string(reasoning) }
            if !plan.calls.isEmpty { message["tool_calls"] = .array(plan.calls.map { $0.chatJSON }) }
            return send([
                "id": .string("chatcmpl-\(id)"), "object": "chat.completion", "created": 1_767_225_600,
                "model": .string(model),
                "choices": [
                    [
                        "index": 0, "message": .object(message),
                        "finish_reason": .string(plan.calls.isEmpty ? "stop" : "tool_calls"),
                    ]
                ],
                "usage": usage(completion: completion),
            ])
        case (.post, EndpointPath.completions.rawValue):
            let text = plan.text ?? ""
            if stream {
                var pieces = Self.words(text).map { word -> String in
                    JSONValue.object([
                        "object": "text_completion", "model": .string(model),
                        "choices": [["index": 0, "text": .string(word), "finish_reason": .null]],
                    ]).compactJSON
                }
                pieces.append(
                    JSONValue.object([
                        "object": "text_completion", "model": .string(model),
                        "choices": [["index": 0, "text": "", "finish_reason": "stop"]],
                        "usage": usage(completion: plan.outputTokens),
                    ]).compactJSON)
                return events(pieces.map { "data: \($0)\n\n" } + ["data: [DONE]\n\n"], terminal: 2)
            }
            return send([
                "id": .string("cmpl-\(id)"), "object": "text_completion", "model": .string(model),
                "choices": [["index": 0, "text": .string(text), "finish_reason": "stop"]],
                "usage": usage(completion: plan.outputTokens),
            ])
        case (.post, EndpointPath.responses.rawValue):
            var output: [JSONValue] = []
            if let text = plan.text {
                output.append([
                    "type": "message", "role": "assistant",
                    "content": [["type": "output_text", "text": .string(text)]],
                ])
            }
            for call in plan.calls {
                output.append([
                    "type": "function_call", "call_id": .string(call.id), "name": .string(call.name),
                    "arguments": .string(call.arguments.compactJSON),
                ])
            }
            let completed: JSONValue = [
                "id": .string("resp-\(id)"), "object": "response", "status": "completed", "model": .string(model),
                "output": .array(output),
                "usage": usage(completion: plan.outputTokens),
            ]
            if stream {
                var pieces = [
                    Self.event(
                        "response.created",
                        [
                            "type": "response.created",
                            "response": [
                                "id": .string("resp-\(id)"), "object": "response", "model": .string(model),
                                "status": "in_progress", "output": [],
                            ],
                        ])
                ]
                for word in Self.words(plan.text ?? "") {
                    pieces.append(
                        Self.event(
                            "response.output_text.delta",
                            [
                                "type": "response.output_text.delta", "output_index": 0, "content_index": 0,
                                "delta": .string(word),
                            ]))
                }
                pieces.append(Self.event("response.completed", ["type": "response.completed", "response": completed]))
                return events(pieces, terminal: 1)
            }
            return send(completed)
        case (.post, EndpointPath.messages.rawValue):
            return messagesAnswer(
                model: model, plan: plan, stream: stream, usage: usage(completion: plan.outputTokens, anthropic: true),
                send: send, events: events)
        case (.post, EndpointPath.embeddings.rawValue):
            let inputs = json["input"]?.arrayValue ?? [json["input"] ?? .string("")]
            let dimensions = json["dimensions"]?.intValue ?? embeddingDimensions
            let data = inputs.enumerated().map { index, input -> JSONValue in
                [
                    "object": "embedding", "index": .number(NumberLiteral(index)),
                    "embedding": .array(
                        Self.vector(input.compactJSON, dimensions: dimensions).map { .number(NumberLiteral($0)) }),
                ]
            }
            return send(["object": "list", "model": .string(model), "data": .array(data), "usage": usage()])
        case (.post, EndpointPath.reranks.rawValue):
            let query = Self.terms(json["query"]?.stringValue ?? "")
            let documents = (json["documents"]?.arrayValue ?? []).map {
                $0.stringValue ?? $0["text"]?.stringValue ?? $0.compactJSON
            }
            let scored = documents.enumerated().map { index, document -> (Int, Double, String) in
                let words = Self.terms(document)
                return (
                    index, words.isEmpty ? 0 : Double(words.intersection(query).count) / Double(words.count), document
                )
            }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let top = scored.prefix(json["top_n"]?.intValue ?? scored.count)
            let withDocuments = json["return_documents"] == .bool(true)
            let results = top.map { item -> JSONValue in
                var result: [String: JSONValue] = [
                    "index": .number(NumberLiteral(item.0)),
                    "relevance_score": .number(NumberLiteral(String(format: "%.3f", item.1)) ?? 0),
                ]
                if withDocuments { result["document"] = ["text": .string(item.2)] }
                return .object(result)
            }
            return send(["model": .string(model), "results": .array(results), "usage": usage()])
        case (.post, EndpointPath.imageGenerations.rawValue), (.post, EndpointPath.imageEdits.rawValue):
            let count =
                ["num_images", "n", "number_of_images", "num_outputs", "batch_size", "image_count"].lazy.compactMap {
                    json[$0]?.intValue
                }.first ?? 1
            let urls = (1...max(1, count)).map { index -> JSONValue in
                ["url": .string("https://media.empiriolabs.ai/test/\(model)/\(id)-\(index).png")]
            }
            return send(["created": 1_767_225_600, "data": .array(urls), "usage": usage()])
        case (.post, EndpointPath.imageAnalysis.rawValue):
            return send([
                "model": .string(model), "output": .string(plan.text ?? "An image, described by the test gateway."),
                "usage": usage(completion: plan.outputTokens),
            ])
        case (.post, EndpointPath.videoGenerations.rawValue), (.post, EndpointPath.threeDGenerations.rawValue):
            return submitJob(
                kind: endpoint, answer: answer, usage: usage(), text: plan.scriptedText ?? "", status: 202, id: id)
        case (.post, EndpointPath.research.rawValue) where modelType?.metadata.features.contains("async") == true:
            return submitJob(
                kind: endpoint, answer: answer, usage: usage(completion: plan.outputTokens),
                text: plan.scriptedText ?? "", status: 202, id: id)
        case (.post, EndpointPath.transcriptions.rawValue):
            if request.body == nil {
                let text = plan.scriptedText ?? "Transcript from the test gateway: \(request.bodySize) bytes received."
                return send(["text": .string(text), "language": "en", "duration": 3.2, "usage": usage()])
            }
            return submitJob(
                kind: endpoint, answer: answer, usage: usage(), text: plan.scriptedText ?? "", status: 200, id: id)
        case (.post, EndpointPath.speech.rawValue):
            let audio = Data("RIFF test-gateway audio".utf8).base64EncodedString()
            if json["response_format"]?.stringValue == "b64_json" {
                return send(["b64_json": .string(audio), "format": "wav", "usage": usage()])
            }
            return send([
                "url": .string("https://media.empiriolabs.ai/test/\(id).wav"), "format": "wav", "usage": usage(),
            ])
        case (.post, EndpointPath.speechStream.rawValue):
            let pieces = ["RIFF", " test-gateway", " audio"].map {
                "data: {\"audio\":\"\(Data($0.utf8).base64EncodedString())\"}\n\n"
            }
            return events(pieces + ["data: [DONE]\n\n"], terminal: 1)
        case (.post, EndpointPath.audioGenerations.rawValue):
            return send([
                "created": 1_767_225_600, "data": [["url": .string("https://media.empiriolabs.ai/test/\(id).mp3")]],
                "usage": usage(),
            ])
        case (.post, EndpointPath.search.rawValue), (.post, EndpointPath.research.rawValue),
            (.post, EndpointPath.answer.rawValue):
            let query = json["query"]?.stringValue ?? ""
            return send([
                "model": .string(model),
                "results": [["title": .string("Test gateway result for \(query)"), "url": "https://example.com/1"]],
                "answer": .string(plan.text ?? ""), "citations": [["url": "https://example.com/1"]],
                "usage": usage(completion: plan.outputTokens, extra: ["tool_usage": ["search": 1]]),
            ])
        case (.post, EndpointPath.agentsRun.rawValue):
            let task = json["task_id"]?.stringValue ?? "task_test_\(nextNumber())"
            let text = plan.text ?? ""
            lock.withLock { state.agents[task] = text }
            return send(["task_id": .string(task), "status": "running", "model": .string(model)])
        case (.post, EndpointPath.detect.rawValue):
            return send([
                "model": .string(model),
                "documents": [["class_probabilities": ["human": 0.9, "ai": 0.1], "predicted_class": "human"]],
                "usage": usage(),
            ])
        case (.post, EndpointPath.filesUpload.rawValue):
            let file = "file_test_\(nextNumber())"
            return send([
                "id": .string(file), "object": "file", "url": .string("https://media.empiriolabs.ai/test/\(file)"),
            ])
        case (.get, let path) where path.hasPrefix(EndpointPath.jobs.rawValue + "/"):
            return poll(String(path.dropFirst(EndpointPath.jobs.rawValue.count + 1)), id: id)
        case (.get, let path) where path.hasPrefix(EndpointPath.agents.rawValue + "/"):
            let rest = path.dropFirst(EndpointPath.agents.rawValue.count + 1)
            let task = String(rest.prefix { $0 != "/" })
            guard let text = lock.withLock({ state.agents[task] }) else {
                return Self.errorResponse(
                    endpoint: endpoint, status: 404, code: "not_found", type: "not_found_error",
                    message: "Task \(task) was not found.", param: nil, requestID: id)
            }
            if rest.hasSuffix("/messages") {
                return send(["data": [["role": "assistant", "content": .string(text)]]])
            }
            return send([
                "task_id": .string(task), "status": "completed", "output": .string(text), "usage": ["cost_usd": 0],
            ])
        case (.post, let path) where path.hasPrefix(EndpointPath.agents.rawValue + "/") && path.hasSuffix("/stop"):
            let task = String(path.dropFirst(EndpointPath.agents.rawValue.count + 1).prefix { $0 != "/" })
            return send(["task_id": .string(task), "status": "stopped"])
        case (.get, EndpointPath.voices.rawValue):
            guard request.query.contains("model=") else {
                return Self.errorResponse(
                    endpoint: endpoint, status: 400, code: "invalid_parameter", type: "invalid_request_error",
                    message: "model is required.", param: "model", requestID: id)
            }
            let custom = lock.withLock { state.voices }.map { voice -> JSONValue in
                ["voice_id": .string(voice.id), "name": .string(voice.name), "language": "en", "custom": true]
            }
            let builtIn: [JSONValue] = [
                ["voice_id": "Ashley", "name": "Ashley", "language": "en", "gender": "female"],
                ["voice_id": "Dennis", "name": "Dennis", "language": "en", "gender": "male"],
            ]
            return send(["object": "list", "data": .array(builtIn + custom)])
        case (.post, EndpointPath.voices.rawValue):
            let voice = "voice_test_\(nextNumber())"
            let name = request.formFields["name"] ?? request.body?["name"]?.stringValue ?? "clone"
            lock.withLock { state.voices.append((voice, name)) }
            return send(["voice_id": .string(voice), "name": .string(name), "custom": true], status: 201)
        case (.delete, let path) where path.hasPrefix(EndpointPath.voices.rawValue + "/"):
            let voice = String(path.dropFirst(EndpointPath.voices.rawValue.count + 1))
            let removed: Bool = lock.withLock {
                guard let index = state.voices.firstIndex(where: { $0.id == voice }) else { return false }
                state.voices.remove(at: index)
                return true
            }
            guard removed else {
                return Self.errorResponse(
                    endpoint: endpoint, status: 404, code: "voice_not_found", type: "not_found_error",
                    message: "Voice \(voice) was not found.", param: nil, requestID: id)
            }
            return Self.response(status: 204, contentType: "application/json", body: [], requestID: id)
        case (.get, EndpointPath.models.rawValue):
            return send(["object": "list", "data": .array(modelList.map { Self.listing($0.metadata) })])
        case (.get, let path) where path.hasPrefix(EndpointPath.models.rawValue + "/"):
            let name = String(path.dropFirst(EndpointPath.models.rawValue.count + 1)).removingPercentEncoding ?? ""
            guard let found = models[ModelID(rawValue: name)] else {
                return Self.errorResponse(
                    endpoint: endpoint, status: 404, code: "model_not_found", type: "invalid_request_error",
                    message: "Model \(name) was not found.", param: "model", requestID: id)
            }
            return send(["data": Self.listing(found.metadata)])
        case (.get, EndpointPath.accountUsage.rawValue):
            let billed = requests.filter {
                $0.method == .post && EndpointPath.billed.contains($0.endpoint) && $0.violations.isEmpty
            }
            let items = billed.enumerated().map { offset, sent -> JSONValue in
                [
                    "id": .string("usage_test_\(offset + 1)"), "model": .string(sent.model?.rawValue ?? ""),
                    "status": "completed", "endpoint": .string(sent.path),
                ]
            }
            return send(["data": .array(items), "has_more": false])
        default:
            return Self.errorResponse(
                endpoint: endpoint, status: 404, code: "not_found", type: "invalid_request_error",
                message: "The test gateway has no \(request.method) \(request.path).",
                param: nil, requestID: id)
        }
    }

    // MARK: Messages

    func messagesAnswer(
        model: String, plan: Plan, stream: Bool, usage: JSONValue, send: (JSONValue, Int) -> Reply,
        events: ([String], Int) -> Reply
    ) -> Reply {
        var blocks: [JSONValue] = []
        if let reasoning = plan.reasoning {
            blocks.append(["type": "thinking", "thinking": .string(reasoning), "signature": "sig_test"])
        }
        if let text = plan.text { blocks.append(["type": "text", "text": .string(text)]) }
        for call in plan.calls {
            blocks.append([
                "type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": call.arguments,
            ])
        }
        let stopReason = plan.calls.isEmpty ? "end_turn" : "tool_use"
        if !stream {
            return send(
                [
                    "id": "msg_test", "type": "message", "role": "assistant", "model": .string(model),
                    "content": .array(blocks),
                    "stop_reason": .string(stopReason), "stop_sequence": .null, "usage": usage,
                ], 200)
        }
        var start = usage.objectValue ?? [:]
        start["output_tokens"] = 1
        start["cost_usd"] = nil
        var pieces = [
            Self.event(
                "message_start",
                [
                    "type": "message_start",
                    "message": [
                        "id": "msg_test", "type": "message", "role": "assistant", "model": .string(model),
                        "content": [], "stop_reason": .null, "usage": .object(start),
                    ],
                ])
        ]
        for (index, block) in blocks.enumerated() {
            let position = JSONValue.number(NumberLiteral(index))
            switch block["type"]?.stringValue {
            case "thinking":
                pieces.append(
                    Self.event(
                        "content_block_start",
                        [
                            "type": "content_block_start", "index": position,
                            "content_block": ["type": "thinking", "thinking": ""],
                        ]))
                for word in Self.words(block["thinking"]?.stringValue ?? "") {
                    pieces.append(
                        Self.event(
                            "content_block_delta",
                            [
                                "type": "content_block_delta", "index": position,
                                "delta": ["type": "thinking_delta", "thinking": .string(word)],
                            ]))
                }
                pieces.append(
                    Self.event(
                        "content_block_delta",
                        [
                            "type": "content_block_delta", "index": position,
                            "delta": ["type": "signature_delta", "signature": "sig_test"],
                        ]))
            case "text":
                pieces.append(
                    Self.event(
                        "content_block_start",
                        [
                            "type": "content_block_start", "index": position,
                            "content_block": ["type": "text", "text": ""],
                        ]))
                for word in Self.words(block["text"]?.stringValue ?? "") {
                    pieces.append(
                        Self.event(
                            "content_block_delta",
                            [
                                "type": "content_block_delta", "index": position,
                                "delta": ["type": "text_delta", "text": .string(word)],
                            ]))
                }
            default:
                pieces.append(
                    Self.event(
                        "content_block_start",
                        [
                            "type": "content_block_start", "index": position,
                            "content_block": [
                                "type": "tool_use", "id": block["id"] ?? "", "name": block["name"] ?? "", "input": [:],
                            ],
                        ]))
                for piece in Self.pieces((block["input"] ?? [:]).compactJSON, count: 3) {
                    pieces.append(
                        Self.event(
                            "content_block_delta",
                            [
                                "type": "content_block_delta", "index": position,
                                "delta": ["type": "input_json_delta", "partial_json": .string(piece)],
                            ]))
                }
            }
            pieces.append(Self.event("content_block_stop", ["type": "content_block_stop", "index": position]))
        }
        var final = usage.objectValue ?? [:]
        final["input_tokens"] = nil
        pieces.append(
            Self.event(
                "message_delta",
                [
                    "type": "message_delta", "delta": ["stop_reason": .string(stopReason), "stop_sequence": .null],
                    "usage": .object(final),
                ]))
        pieces.append(Self.event("message_stop", ["type": "message_stop"]))
        return events(pieces, 2)
    }

    // MARK: Jobs

    func submitJob(kind: EndpointPath, answer: Answer?, usage: JSONValue, text: String, status: Int, id: String)
        -> Reply
    {
        let job = "job_test_\(nextNumber())"
        var failure: String?
        if case .jobFailure(let message)? = answer { failure = message }
        lock.withLock { state.jobs[job] = JobState(kind: kind, failure: failure, usage: usage.compactJSON, text: text) }
        let body: JSONValue = ["job_id": .string(job), "status": "queued", "polling_url": .string("/v1/jobs/\(job)")]
        return Self.response(
            status: status, contentType: "application/json", body: body.compactJSONBytes, requestID: id)
    }

    func poll(_ job: String, id: String) -> Reply {
        let found: JobState? = lock.withLock {
            guard state.jobs[job] != nil else { return nil }
            state.jobs[job]!.polls += 1
            return state.jobs[job]
        }
        guard let found else {
            return Self.errorResponse(
                endpoint: .jobs, status: 404, code: "job_not_found", type: "not_found_error",
                message: "Job \(job) was not found; job state is kept for 1 hour after completion.", param: nil,
                requestID: id)
        }
        var body: [String: JSONValue] = [
            "job_id": .string(job), "created_at": "2026-11-25T08:00:00Z", "completed_at": .null, "result": .null,
            "error": .null,
        ]
        if found.polls < pollsPerJob {
            body["status"] = "processing"
            body["progress"] = .number(
                NumberLiteral(String(format: "%.2f", Double(found.polls) / Double(pollsPerJob))) ?? 0)
        } else if let failure = found.failure {
            body["status"] = "failed"
            body["completed_at"] = "2026-11-25T08:01:00Z"
            body["error"] = ["message": .string(failure), "code": "job_failed"]
        } else {
            body["status"] = "completed"
            body["progress"] = 1
            body["completed_at"] = "2026-11-25T08:01:00Z"
            let file: String
            switch found.kind {
            case .threeDGenerations: file = "model.glb"
            case .videoGenerations: file = "video.mp4"
            default: file = "result.json"
            }
            body["result"] = [
                "created": 1_767_225_600,
                "data": [["url": .string("https://media.empiriolabs.ai/test/\(job)/\(file)")]],
                "text": .string(
                    found.kind == .transcriptions
                        ? (found.text.isEmpty ? "Transcript from the test gateway job." : found.text) : found.text),
                "report": .string(found.text.isEmpty ? "A research report from the test gateway." : found.text),
                "citations": [["url": "https://example.com/1"]],
            ]
            body["usage"] = (try? JSONValue(parsing: found.usage)) ?? .null
        }
        return Self.response(
            status: 200, contentType: "application/json", body: JSONValue.object(body).compactJSONBytes, requestID: id)
    }

    // MARK: Plans

    /// A tool call as the gateway writes it.
    struct PlannedCall {
        var id: String
        var name: String
        var arguments: JSONValue

        var chatJSON: JSONValue {
            [
                "id": .string(id), "type": "function",
                "function": ["name": .string(name), "arguments": .string(arguments.compactJSON)],
            ]
        }
    }

    /// What a text answer holds.
    struct Plan {
        var text: String?
        var reasoning: String?
        var calls: [PlannedCall] = []
        /// The text only when scripted.
        var scriptedText: String?

        var outputTokens: Int { TestGateway.words((text ?? "") + " " + (reasoning ?? "")).count + calls.count * 8 }
    }

    /// The answer's content: the script's, else the default for the request (a reply naming the
    /// last user text; a sample of the JSON Schema a structured-output request asks for).
    static func plan(_ answer: Answer?, request: GatewayRequest, endpoint: EndpointPath) -> Plan {
        switch answer {
        case .reply(let text, let reasoning)?: return Plan(text: text, reasoning: reasoning, scriptedText: text)
        case .toolCalls(let calls)?:
            return Plan(
                text: nil,
                calls: calls.enumerated().map {
                    PlannedCall(
                        id: $0.element.id ?? "call_test_\($0.offset)", name: $0.element.name,
                        arguments: $0.element.arguments)
                })
        case .json(let value)?:
            if endpoint == .messages, let forced = forcedTool(request.body) {
                return Plan(text: nil, calls: [PlannedCall(id: "toolu_test_0", name: forced, arguments: value)])
            }
            return Plan(text: value.compactJSON, scriptedText: value.compactJSON)
        default: break
        }
        let body = request.body ?? [:]
        if endpoint == .chatCompletions || endpoint == .responses, body["response_format"]?["type"] == "json_schema" {
            return Plan(text: sample(body["response_format"]?["json_schema"]?["schema"] ?? [:]).compactJSON)
        }
        if endpoint == .responses, body["text"]?["format"]?["type"] == "json_schema" {
            return Plan(text: sample(body["text"]?["format"]?["schema"] ?? [:]).compactJSON)
        }
        if endpoint == .messages, let forced = forcedTool(request.body) {
            let schema = body["tools"]?.arrayValue?.first { $0["name"]?.stringValue == forced }?["input_schema"] ?? [:]
            return Plan(text: nil, calls: [PlannedCall(id: "toolu_test_0", name: forced, arguments: sample(schema))])
        }
        let heard = request.lastUserText ?? ""
        return Plan(
            text: heard.isEmpty ? "Hello from the test gateway." : "Test gateway reply to \u{201C}\(heard)\u{201D}.")
    }

    /// The tool a `/v1/messages` body forces (`tool_choice: {"type": "tool", "name": ...}`).
    static func forcedTool(_ body: JSONValue?) -> String? {
        guard body?["tool_choice"]?["type"] == "tool" else { return nil }
        return body?["tool_choice"]?["name"]?.stringValue
    }

    /// A value that fits a JSON Schema: enums take their first value, numbers their minimum (or
    /// 1), strings a format's example or `"test"`, objects every property, arrays one item.
    static func sample(_ schema: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 24, case .object(let object) = schema else { return .null }
        if let values = object["enum"]?.arrayValue, let first = values.first { return first }
        if let constant = object["const"] { return constant }
        if let options = (object["anyOf"] ?? object["oneOf"])?.arrayValue,
            let first = options.first(where: { $0["type"] != "null" })
        {
            return sample(first, depth: depth + 1)
        }
        var type = object["type"]?.stringValue
        if let types = object["type"]?.arrayValue { type = types.compactMap(\.stringValue).first { $0 != "null" } }
        switch type {
        case "object":
            var out: [String: JSONValue] = [:]
            for (key, value) in object["properties"]?.objectValue ?? [:] { out[key] = sample(value, depth: depth + 1) }
            return .object(out)
        case "array":
            let count = max(1, object["minItems"]?.intValue ?? 1)
            return .array(Array(repeating: sample(object["items"] ?? [:], depth: depth + 1), count: count))
        case "integer", "number": return object["minimum"] ?? 1
        case "boolean": return true
        case "string":
            switch object["format"]?.stringValue {
            case "date-time": return "2026-12-01T12:00:00Z"
            case "date": return "2026-12-01"
            case "uri", "url": return "https://example.com/test"
            case "uuid": return "6F9619FF-8B86-D011-B42D-00C04FC964FF"
            default: return "test"
            }
        default: return "test"
        }
    }

    // MARK: Chat chunks

    static func chatChunks(model: String, plan: Plan, usage: JSONValue) -> [String] {
        func chunk(_ choices: JSONValue, usage: JSONValue? = nil) -> String {
            var object: [String: JSONValue] = [
                "id": "chatcmpl-test", "object": "chat.completion.chunk", "model": .string(model), "choices": choices,
            ]
            if let usage { object["usage"] = usage }
            return "data: " + JSONValue.object(object).compactJSON + "\n\n"
        }
        func delta(_ value: JSONValue) -> String { chunk([["index": 0, "delta": value, "finish_reason": .null]]) }
        var pieces = [delta(["role": "assistant", "content": ""])]
        for word in words(plan.reasoning ?? "") { pieces.append(delta(["reasoning_content": .string(word)])) }
        for word in words(plan.text ?? "") { pieces.append(delta(["content": .string(word)])) }
        for (index, call) in plan.calls.enumerated() {
            let position = JSONValue.number(NumberLiteral(index))
            pieces.append(
                delta([
                    "tool_calls": [
                        [
                            "index": position, "id": .string(call.id), "type": "function",
                            "function": ["name": .string(call.name), "arguments": ""],
                        ]
                    ]
                ]))
            for piece in Self.pieces(call.arguments.compactJSON, count: 3) {
                pieces.append(delta(["tool_calls": [["index": position, "function": ["arguments": .string(piece)]]]]))
            }
        }
        pieces.append(
            chunk([["index": 0, "delta": [:], "finish_reason": .string(plan.calls.isEmpty ? "stop" : "tool_calls")]]))
        pieces.append(chunk([], usage: usage))
        pieces.append("data: [DONE]\n\n")
        return pieces
    }

    // MARK: Helpers

    /// `event: name` and `data: json`, as one SSE event.
    static func event(_ name: String, _ data: JSONValue) -> String { "event: \(name)\ndata: \(data.compactJSON)\n\n" }

    /// The estimate's amount for a request (zero when the model is unknown).
    static func cost(_ model: (any CatalogModel.Type)?, endpoint: EndpointPath, body: JSONValue) -> USD {
        guard let model else { return .zero }
        return model.metadata.estimateCost(
            endpoint: endpoint, body: body.objectValue ?? [:], inputTokens: promptTokens(body)
        ).amount
    }

    /// The input's tokens: one per four UTF-8 bytes of the texts the request carries, at least one.
    static func promptTokens(_ request: JSONValue) -> Int {
        var bytes = 0
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text): bytes += text.utf8.count
            case .array(let items): items.forEach(walk)
            case .object(let members): for (key, member) in members where key != "model" { walk(member) }
            default: break
            }
        }
        for key in ["messages", "prompt", "input", "system", "query", "documents", "instructions"] {
            if let value = request[key] { walk(value) }
        }
        return max(1, (bytes + 3) / 4)
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

    /// A text in about `count` pieces that join back to it.
    static func pieces(_ text: String, count: Int) -> [String] {
        guard !text.isEmpty else { return [""] }
        let characters = Array(text)
        let size = max(1, (characters.count + count - 1) / count)
        return stride(from: 0, to: characters.count, by: size).map {
            String(characters[$0..<min($0 + size, characters.count)])
        }
    }

    /// Lowercased words of four letters or more, without a plural `s`.
    static func terms(_ text: String) -> Set<String> {
        Set(
            text.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 }.map {
                $0.hasSuffix("s") ? String($0.dropLast()) : String($0)
            })
    }

    /// A deterministic unit vector for a text.
    static func vector(_ text: String, dimensions: Int) -> [Double] {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var values: [Double] = []
        for _ in 0..<max(1, dimensions) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(Int64(bitPattern: state) % 1000) / 1000)
        }
        let norm = max(values.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-9)
        return values.map { ($0 / norm * 10_000).rounded() / 10_000 }
    }

    /// A model's listing entry, as `GET /v1/models` writes it (without the parameter table and
    /// prices, which the generated bindings keep as types).
    static func listing(_ metadata: ModelMetadata) -> JSONValue {
        var entry: [String: JSONValue] = [
            "id": .string(metadata.id.rawValue), "object": "model",
            "input_modalities": .array(metadata.inputModalities.map(JSONValue.string)),
            "output_modalities": .array(metadata.outputModalities.map(JSONValue.string)),
            "supported_endpoints": .array(metadata.endpoints.map { .string($0.rawValue) }),
            "features": .array(metadata.features.map(JSONValue.string)),
        ]
        if let name = metadata.name { entry["name"] = .string(name) }
        if let provider = metadata.provider { entry["provider"] = .string(provider) }
        if let category = metadata.category { entry["category"] = .string(category) }
        if let summary = metadata.summary { entry["description"] = .string(summary) }
        if let window = metadata.contextWindow { entry["context_window"] = .number(NumberLiteral(window)) }
        if let passthrough = metadata.supportsPassthrough { entry["supports_passthrough"] = .bool(passthrough) }
        return .object(entry)
    }

    /// The usual code of an error status.
    static func defaultCode(_ status: Int) -> String {
        switch status {
        case 400: return "invalid_parameter"
        case 401: return "invalid_api_key"
        case 402: return "insufficient_credits"
        case 404: return "model_not_found"
        case 429: return "rate_limit_exceeded"
        case 503: return "model_unavailable"
        case 500...: return "upstream_error"
        default: return "invalid_request"
        }
    }

    /// The usual error type of a status.
    static func defaultType(_ status: Int) -> String {
        switch status {
        case 401: return "authentication_error"
        case 402: return "billing_error"
        case 404: return "not_found_error"
        case 429: return "rate_limit_error"
        case 500...: return "api_error"
        default: return "invalid_request_error"
        }
    }

    /// The gateway's error: the OpenAI envelope, or the Anthropic one on `/v1/messages`.
    static func errorResponse(
        endpoint: EndpointPath, status: Int, code: String, type: String, message: String, param: String?,
        requestID: String, retryAfter: Int? = nil
    ) -> Reply {
        let error: JSONValue = [
            "message": .string(message), "type": .string(type), "code": .string(code),
            "param": param.map(JSONValue.string) ?? .null,
        ]
        let body: JSONValue =
            endpoint == .messages
            ? ["type": "error", "error": error, "request_id": .string(requestID)] : ["error": error]
        var reply = response(
            status: status, contentType: "application/json", body: body.compactJSONBytes, requestID: requestID)
        if let retryAfter { reply.0.headerFields[.retryAfter] = String(retryAfter) }
        return reply
    }

    /// A response head.
    static func head(_ status: Int, contentType: String, requestID: String) -> HTTPResponse {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[HTTPField.Name("x-request-id")!] = requestID
        return HTTPResponse(status: .init(code: status), headerFields: fields)
    }

    /// A whole response.
    static func response(status: Int, contentType: String, body: [UInt8], requestID: String) -> Reply {
        (head(status, contentType: contentType, requestID: requestID), ResponseBody(body))
    }

    /// An SSE response, one chunk per event.
    static func stream(_ pieces: [String], requestID: String) -> Reply {
        let (body, continuation) = ResponseBody.makeStream()
        for piece in pieces { continuation.yield(Array(piece.utf8)) }
        continuation.finish()
        return (head(200, contentType: "text/event-stream", requestID: requestID), body)
    }
}

/// A body whose first chunk never comes: it waits until its reader is cancelled.
struct Stalled: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async throws -> [UInt8]? {
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}
