import Foundation

// MARK: - Legacy completions

/// A `/v1/completions` response, or one chunk of its stream.
public struct Completion: JSONResponse, Hashable {
    /// One of the completion's choices.
    public struct Choice: Sendable, Hashable {
        /// The choice's position.
        public var index: Int
        /// The text (or, in a stream, a fragment of it).
        public var text: String
        /// Why the choice ended.
        public var finishReason: String?
    }

    /// The completion's id.
    public var id: String?
    /// The model that answered.
    public var model: String?
    /// The choices.
    public var choices: [Choice]
    /// Tokens and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// The first choice's text.
    public var text: String { choices.first?.text ?? "" }

    /// Reads a completion or a chunk.
    ///
    /// - Parameter json: the response body or event.
    /// - Throws: ``ResponseShapeError`` when it is not an object.
    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ResponseShapeError(path: "", expected: "a completion object") }
        raw = json
        id = json["id"]?.stringValue
        model = json["model"]?.stringValue
        choices = (json["choices"]?.arrayValue ?? []).enumerated().map { offset, choice in
            Choice(
                index: choice["index"]?.intValue ?? offset, text: choice["text"]?.stringValue ?? "",
                finishReason: choice["finish_reason"]?.stringValue)
        }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// The chunks of a streamed legacy completion.
public typealias CompletionStream = JSONEventStream<Completion>

extension JSONEventStream where Element == Completion {
    /// The text of every chunk joined, with the last finish reason and usage.
    ///
    /// - Returns: the text, the finish reason and the usage.
    /// - Throws: ``EmpirioError``; a stream cut short carries the text so far in
    ///   ``EmpirioError/partialText``.
    public func collect() async throws(EmpirioError) -> (text: String, finishReason: String?, usage: Usage?) {
        var text = ""
        var reason: String?
        var usage: Usage?
        do {
            for try await chunk in self {
                text += chunk.choices.first?.text ?? ""
                reason = chunk.choices.first?.finishReason ?? reason
                usage = chunk.usage ?? usage
                if usage != nil { usage?.estimate = estimate }
            }
        } catch {
            throw EmpirioClient.streamFailure(error, partialText: text)
        }
        return (text, reason, usage)
    }
}

// MARK: - Responses

/// A `/v1/responses` response.
public struct ResponseObject: JSONResponse, Hashable {
    /// The response's id.
    public var id: String?
    /// `completed`, `incomplete`, `failed`, ...
    public var status: String?
    /// The model that answered.
    public var model: String?
    /// The `output` items as received.
    public var output: [JSONValue]
    /// Tokens and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// `output_text`, or the text of every `output_text` content part.
    public var outputText: String {
        if let text = raw["output_text"]?.stringValue { return text }
        return output.flatMap { $0["content"]?.arrayValue ?? [] }
            .filter { $0["type"]?.stringValue == "output_text" }
            .compactMap { $0["text"]?.stringValue }.joined()
    }

    /// Reads a response.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it is not an object.
    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ResponseShapeError(path: "", expected: "a response object") }
        raw = json
        id = json["id"]?.stringValue
        status = json["status"]?.stringValue
        model = json["model"]?.stringValue
        output = json["output"]?.arrayValue ?? []
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// One event of a streamed `/v1/responses` call (`response.output_text.delta`, `response.completed`, ...).
public struct ResponseStreamEvent: JSONResponse, Hashable {
    /// The event's `type` (`response.output_text.delta`, `response.completed`, ...).
    public var type: String
    /// The text delta of `*.delta` events.
    public var delta: String?
    /// The response, on `response.created` / `response.completed` / `response.failed`.
    public var response: ResponseObject?
    /// The whole event, as JSON.
    public var raw: JSONValue

    /// Reads an event.
    ///
    /// - Parameter json: the event's data.
    /// - Throws: ``ResponseShapeError`` when it has no `type`.
    public init(json: JSONValue) throws {
        guard let type = json["type"]?.stringValue else { throw ResponseShapeError(path: "type", expected: "a string") }
        self.type = type
        raw = json
        delta = json["delta"]?.stringValue
        response = try json["response"].flatMap { $0.isNull ? nil : try ResponseObject(json: $0) }
    }
}

/// The events of a streamed `/v1/responses` call.
public typealias ResponseStream = JSONEventStream<ResponseStreamEvent>

extension ResponseStreamEvent: StreamTerminatingEvent {
    /// `response.completed`, `response.failed` and `response.incomplete` end the stream.
    public var endsStream: Bool { ["response.completed", "response.failed", "response.incomplete"].contains(type) }
}

extension EmpirioClient {
    /// `POST /v1/completions` (a raw prompt; only models that list the endpoint).
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - prompt: the prompt.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the completion.
    /// - Throws: ``EmpirioError``.
    public func complete(
        model: ModelID, prompt: String, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Completion {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["prompt"] = .string(prompt)
        body["stream"] = nil
        options.apply(to: &body)
        return try await post(EndpointPath.completions, json: body, options: options)
    }

    /// `POST /v1/completions` with `stream: true`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - prompt: the prompt.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the stream of chunks.
    /// - Throws: ``EmpirioError`` when the request fails before the stream starts.
    public func streamCompletion(
        model: ModelID, prompt: String, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> CompletionStream {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["prompt"] = .string(prompt)
        body["stream"] = true
        options.apply(to: &body)
        let (response, stream) = try await send(
            .post, EndpointPath.completions, body: Self.encode(body), contentType: "application/json",
            accept: "text/event-stream", options: options)
        return CompletionStream(events: ServerSentEvents(stream), response: response)
    }

    /// `POST /v1/responses`. `input` is a string or a list of input items.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: a string, or a list of input items.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the response.
    /// - Throws: ``EmpirioError``.
    public func respond(
        model: ModelID, input: JSONValue, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ResponseObject {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["input"] = input
        body["stream"] = nil
        ToolShapes.forResponses(&body)
        options.apply(to: &body)
        return try await post(EndpointPath.responses, json: body, options: options)
    }

    /// `POST /v1/responses` with `stream: true`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: a string, or a list of input items.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the stream of events.
    /// - Throws: ``EmpirioError`` when the request fails before the stream starts.
    public func streamResponse(
        model: ModelID, input: JSONValue, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ResponseStream {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["input"] = input
        body["stream"] = true
        ToolShapes.forResponses(&body)
        options.apply(to: &body)
        let (response, stream) = try await send(
            .post, EndpointPath.responses, body: Self.encode(body), contentType: "application/json",
            accept: "text/event-stream", options: options)
        return ResponseStream(events: ServerSentEvents(stream), response: response)
    }
}

// MARK: - Embeddings and reranks

/// A `/v1/embeddings` response.
public struct Embeddings: JSONResponse, Hashable {
    /// One input's embedding.
    public struct Item: Sendable, Hashable {
        /// The input's position.
        public var index: Int
        /// The vector, for `encoding_format: float`.
        public var vector: [Double]?
        /// The base64 text, for `encoding_format: base64`.
        public var base64: String?
    }

    /// The model that answered.
    public var model: String?
    /// One embedding per input, in order.
    public var data: [Item]
    /// Tokens and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads an embeddings response.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when `data` is missing.
    public init(json: JSONValue) throws {
        guard let items = json["data"]?.arrayValue else { throw ResponseShapeError(path: "data", expected: "an array") }
        raw = json
        model = json["model"]?.stringValue
        data = items.enumerated().map { offset, item in
            Item(
                index: item["index"]?.intValue ?? offset,
                vector: item["embedding"]?.arrayValue?.compactMap(\.doubleValue),
                base64: item["embedding"]?.stringValue)
        }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// A `/v1/reranks` response: each document's original index and a 0–1 relevance score.
public struct Reranking: JSONResponse, Hashable {
    /// One document's score.
    public struct Result: Sendable, Hashable {
        /// The document's position in the request.
        public var index: Int
        /// Its relevance, 0 to 1.
        public var relevanceScore: Double
        /// The document's text, when asked for (`return_documents`).
        public var document: String?
    }

    /// The scored documents, in the order the gateway returned them (most relevant first).
    public var results: [Result]
    /// Searches and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads a rerank response.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when `results` is missing or a result lacks its index or score.
    public init(json: JSONValue) throws {
        guard let items = (json["results"] ?? json["data"])?.arrayValue else {
            throw ResponseShapeError(path: "results", expected: "an array")
        }
        raw = json
        results = try items.enumerated().map { offset, item in
            guard let index = item["index"]?.intValue, let score = item["relevance_score"]?.doubleValue else {
                throw ResponseShapeError(path: "results[\(offset)]", expected: "index and relevance_score")
            }
            return Result(
                index: index, relevanceScore: score,
                document: item["document"]?.stringValue ?? item["document"]?["text"]?.stringValue)
        }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

extension EmpirioClient {
    /// `POST /v1/embeddings`. `input` is a list of strings, or of items (`{"url": ...}`) for multimodal embedders.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: the inputs.
    ///   - parameters: the model's own controls (`dimensions`, `encoding_format`, ...).
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: one embedding per input.
    /// - Throws: ``EmpirioError``.
    public func embed(
        model: ModelID, input: [JSONValue], parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Embeddings {
        try await post(
            .embeddings, model: model, fields: ["input": .array(input)], parameters: parameters, options: options)
    }

    /// `POST /v1/reranks`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - query: the query.
    ///   - documents: the documents to rank.
    ///   - topN: how many to return.
    ///   - returnDocuments: whether to return the documents' text.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the documents' scores, as the gateway ordered them (most relevant first).
    /// - Throws: ``EmpirioError``.
    public func rerank(
        model: ModelID, query: String, documents: [String], topN: Int? = nil, returnDocuments: Bool? = nil,
        parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Reranking {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["query"] = .string(query)
        body["documents"] = .array(documents.map(JSONValue.string))
        if let topN { body["top_n"] = .number(NumberLiteral(topN)) }
        if let returnDocuments { body["return_documents"] = .bool(returnDocuments) }
        options.apply(to: &body)
        return try await post(EndpointPath.reranks, json: body, options: options)
    }
}
