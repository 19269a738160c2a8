import Foundation
import HTTPTypes

/// A content block of an Anthropic message (`/v1/messages`).
public enum ContentBlock: Sendable, Hashable {
    /// Text.
    case text(String)
    /// An image by URL (`{"type": "image", "source": {"type": "url", "url"}}`) or base64 data.
    case image(source: JSONValue)
    /// A tool call: the call's id, the tool's name and its input.
    case toolUse(id: String, name: String, input: JSONValue)
    /// The answer to a `tool_use` block: text or other blocks, and whether the tool failed.
    case toolResult(toolUseID: String, content: [ContentBlock], isError: Bool = false)
    /// Extended thinking, with the signature that lets it be sent back.
    case thinking(String, signature: String?)
    /// Any other block (`server_tool_use`, `redacted_thinking`, ...), kept as received.
    case other(JSONValue)

    /// An image by URL.
    ///
    /// - Parameter url: a public URL.
    /// - Returns: an `image` block with a `url` source.
    public static func imageURL(_ url: String) -> ContentBlock { .image(source: ["type": "url", "url": .string(url)]) }

    /// The block as the wire writes it.
    public var json: JSONValue {
        switch self {
        case .text(let text): return ["type": "text", "text": .string(text)]
        case .image(let source): return ["type": "image", "source": source]
        case .toolUse(let id, let name, let input):
            return ["type": "tool_use", "id": .string(id), "name": .string(name), "input": input]
        case .toolResult(let id, let content, let isError):
            var object: [String: JSONValue] = [
                "type": "tool_result", "tool_use_id": .string(id),
                "content": ToolOutput(content: content).messagesContent,
            ]
            if isError { object["is_error"] = true }
            return .object(object)
        case .thinking(let thinking, let signature):
            var object: [String: JSONValue] = ["type": "thinking", "thinking": .string(thinking)]
            if let signature { object["signature"] = .string(signature) }
            return .object(object)
        case .other(let json): return json
        }
    }

    /// Reads a block; an unknown `type` becomes ``other(_:)``.
    ///
    /// - Parameter json: a content block object.
    public init(json: JSONValue) {
        switch json["type"]?.stringValue {
        case "text": self = .text(json["text"]?.stringValue ?? "")
        case "image": self = .image(source: json["source"] ?? .null)
        case "tool_use":
            self = .toolUse(
                id: json["id"]?.stringValue ?? "", name: json["name"]?.stringValue ?? "", input: json["input"] ?? [:])
        case "tool_result":
            let content: [ContentBlock]
            switch json["content"] {
            case .string(let text)?: content = [.text(text)]
            case .array(let blocks)?: content = blocks.map(ContentBlock.init(json:))
            default: content = []
            }
            self = .toolResult(
                toolUseID: json["tool_use_id"]?.stringValue ?? "", content: content,
                isError: json["is_error"]?.boolValue ?? false)
        case "thinking":
            self = .thinking(json["thinking"]?.stringValue ?? "", signature: json["signature"]?.stringValue)
        default: self = .other(json)
        }
    }
}

/// A message in an Anthropic request. `Codable` through its wire JSON (``json``,
/// ``init(json:)``), so a generated `Parameters.messages` of a messages model is `[MessageParam]`.
public struct MessageParam: Sendable, Hashable, Codable {
    /// `user` or `assistant`.
    public var role: MessageRole
    /// The message's content blocks.
    public var content: [ContentBlock]

    /// Creates a message from blocks.
    ///
    /// - Parameters:
    ///   - role: `user` or `assistant`.
    ///   - content: the blocks.
    public init(role: MessageRole, content: [ContentBlock]) {
        self.role = role
        self.content = content
    }

    /// A `user` message with text.
    ///
    /// - Parameter text: what the user says.
    /// - Returns: the message.
    public static func user(_ text: String) -> MessageParam { MessageParam(role: .user, content: [.text(text)]) }
    /// An `assistant` message with text, to replay an earlier turn.
    ///
    /// - Parameter text: what the assistant said.
    /// - Returns: the message.
    public static func assistant(_ text: String) -> MessageParam {
        MessageParam(role: .assistant, content: [.text(text)])
    }

    /// The message as the wire writes it (a single text block as a string).
    public var json: JSONValue {
        if content.count == 1, case .text(let text) = content[0] {
            return ["role": .string(role.rawValue), "content": .string(text)]
        }
        return ["role": .string(role.rawValue), "content": .array(content.map(\.json))]
    }

    /// Reads a message from its wire form: `content` as a string (one text block) or as blocks;
    /// a missing role reads as `user`.
    ///
    /// - Parameter json: a message object.
    public init(json: JSONValue) {
        role = json["role"]?.stringValue.map(MessageRole.init(rawValue:)) ?? .user
        switch json["content"] {
        case .string(let text)?: content = [.text(text)]
        case .array(let blocks)?: content = blocks.map(ContentBlock.init(json:))
        default: content = []
        }
    }

    /// Decodes the wire JSON of a message (leniently, as ``init(json:)``).
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: when the decoder holds no JSON value.
    public init(from decoder: any Decoder) throws {
        self.init(json: try JSONValue(from: decoder))
    }

    /// Encodes the wire JSON of the message (``json``).
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// Anthropic-style extended thinking: maps on the gateway to `enable_thinking` and `thinking_budget`.
public struct ThinkingConfiguration: Sendable, Hashable {
    /// The most tokens the model may think with (`budget_tokens`).
    public var budgetTokens: Int

    /// Creates a thinking configuration.
    ///
    /// - Parameter budgetTokens: the most tokens the model may think with.
    public init(budgetTokens: Int) {
        self.budgetTokens = budgetTokens
    }

    /// `{"type": "enabled", "budget_tokens": N}`.
    public var json: JSONValue { ["type": "enabled", "budget_tokens": .number(NumberLiteral(budgetTokens))] }
}

/// A `/v1/messages` response (or the message a stream adds up to).
public struct Message: JSONResponse, Hashable {
    /// The message's id.
    public var id: String?
    /// Who wrote it (`assistant`).
    public var role: MessageRole
    /// The model that answered.
    public var model: String?
    /// The content blocks.
    public var content: [ContentBlock]
    /// `end_turn`, `max_tokens`, `stop_sequence`, `tool_use`, `refusal`, ...
    public var stopReason: String?
    /// The stop sequence that ended it, if one did.
    public var stopSequence: String?
    /// Tokens and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// The text blocks joined.
    public var text: String {
        content.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
    }

    /// Reads a message.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it is not an object.
    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ResponseShapeError(path: "", expected: "a message object") }
        raw = json
        id = json["id"]?.stringValue
        role = json["role"]?.stringValue.map(MessageRole.init(rawValue:)) ?? .assistant
        model = json["model"]?.stringValue
        content = (json["content"]?.arrayValue ?? []).map(ContentBlock.init(json:))
        stopReason = json["stop_reason"]?.stringValue
        stopSequence = json["stop_sequence"]?.stringValue
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// One event of a streamed `/v1/messages` response.
public enum MessageStreamEvent: Sendable, Hashable {
    /// `message_start`: the message's id, model and usage so far.
    case messageStart(Message)
    /// `content_block_start`: a block begins.
    case contentBlockStart(index: Int, block: ContentBlock)
    /// `content_block_delta`: a block grows.
    case contentBlockDelta(index: Int, delta: Delta)
    /// `content_block_stop`: a block is complete.
    case contentBlockStop(index: Int)
    /// `message_delta`: the stop reason and the usage.
    case messageDelta(stopReason: String?, stopSequence: String?, usage: Usage?)
    /// `message_stop`: the message is complete.
    case messageStop
    /// `ping`: a keep-alive.
    case ping
    /// An event type this build does not know, kept as received.
    case other(type: String, data: JSONValue)

    /// What a `content_block_delta` adds.
    public enum Delta: Sendable, Hashable {
        /// `text_delta`.
        case text(String)
        /// `input_json_delta`: a fragment of a tool call's input.
        case inputJSON(String)
        /// `thinking_delta`.
        case thinking(String)
        /// `signature_delta`.
        case signature(String)
        /// Another delta, kept as received.
        case other(JSONValue)
    }

    package init(event: ServerSentEvent, response: HTTPResponse) throws(EmpirioError) {
        let bytes = Array(event.data.utf8)
        guard let json = try? JSONValue(parsing: bytes) else {
            throw EmpirioError(
                kind: .stream, status: response.status.code, message: "a stream event is not JSON",
                bodyExcerpt: EmpirioError.excerpt(bytes))
        }
        let type = json["type"]?.stringValue ?? event.event ?? ""
        do {
            switch type {
            case "message_start": self = .messageStart(try Message(json: json["message"] ?? .null))
            case "content_block_start":
                self = .contentBlockStart(
                    index: json["index"]?.intValue ?? 0, block: ContentBlock(json: json["content_block"] ?? .null))
            case "content_block_delta":
                let delta = json["delta"] ?? .null
                let parsed: Delta
                switch delta["type"]?.stringValue {
                case "text_delta": parsed = .text(delta["text"]?.stringValue ?? "")
                case "input_json_delta": parsed = .inputJSON(delta["partial_json"]?.stringValue ?? "")
                case "thinking_delta": parsed = .thinking(delta["thinking"]?.stringValue ?? "")
                case "signature_delta": parsed = .signature(delta["signature"]?.stringValue ?? "")
                default: parsed = .other(delta)
                }
                self = .contentBlockDelta(index: json["index"]?.intValue ?? 0, delta: parsed)
            case "content_block_stop": self = .contentBlockStop(index: json["index"]?.intValue ?? 0)
            case "message_delta":
                self = .messageDelta(
                    stopReason: json["delta"]?["stop_reason"]?.stringValue,
                    stopSequence: json["delta"]?["stop_sequence"]?.stringValue,
                    usage: try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) })
            case "message_stop": self = .messageStop
            case "ping": self = .ping
            case "error":
                var error = EmpirioError.fromResponse(
                    status: response.status.code, headers: response.headerFields, body: bytes)
                error.kind = .stream
                throw error
            default: self = .other(type: type, data: json)
            }
        } catch let error as EmpirioError {
            throw error
        } catch {
            throw EmpirioError(
                kind: .decoding, status: response.status.code, message: "could not read a \(type) event: \(error)",
                bodyExcerpt: EmpirioError.excerpt(bytes))
        }
    }
}

/// Assembles stream events into the message: text, tool input JSON, thinking and signatures per
/// block; stop reason and usage from `message_delta`. A block the stream never closed (a
/// `max_tokens` stop in the middle of tool input) keeps its partial input as a string.
public struct MessageStreamAccumulator: Sendable {
    private var message: Message?
    private var blocks: [Int: ContentBlock] = [:]
    private var partialJSON: [Int: String] = [:]
    private var closed: Set<Int> = []

    /// An empty accumulator.
    public init() {}

    /// Adds one event.
    ///
    /// - Parameter event: the next event of the stream.
    public mutating func add(_ event: MessageStreamEvent) {
        switch event {
        case .messageStart(let start):
            message = start
            for (index, block) in start.content.enumerated() { blocks[index] = block }
        case .contentBlockStart(let index, let block):
            blocks[index] = block
        case .contentBlockDelta(let index, let delta):
            let block = blocks[index]
            switch (delta, block) {
            case (.text(let text), .text(let existing)?): blocks[index] = .text(existing + text)
            case (.text(let text), nil): blocks[index] = .text(text)
            case (.inputJSON(let fragment), _): partialJSON[index, default: ""] += fragment
            case (.thinking(let text), .thinking(let existing, let signature)?):
                blocks[index] = .thinking(existing + text, signature: signature)
            case (.thinking(let text), nil): blocks[index] = .thinking(text, signature: nil)
            case (.signature(let signature), .thinking(let existing, let previous)?):
                blocks[index] = .thinking(existing, signature: (previous ?? "") + signature)
            default: break
            }
        case .contentBlockStop(let index):
            closed.insert(index)
            finishInput(index)
        case .messageDelta(let stopReason, let stopSequence, let usage):
            if message == nil { message = try? Message(json: [:]) }
            if let stopReason { message?.stopReason = stopReason }
            if let stopSequence { message?.stopSequence = stopSequence }
            if let usage {
                let merged = Self.merge(message?.usage, usage)
                message?.usage = merged
            }
        case .messageStop, .ping, .other:
            break
        }
    }

    private mutating func finishInput(_ index: Int) {
        guard let fragment = partialJSON[index] else { return }
        let input: JSONValue
        if fragment.trimmingCharacters(in: .whitespaces).isEmpty {
            input = [:]
        } else if let parsed = try? JSONValue(parsing: fragment) {
            input = parsed
        } else {
            input = .string(fragment)
        }
        switch blocks[index] {
        case .toolUse(let id, let name, _)?: blocks[index] = .toolUse(id: id, name: name, input: input)
        case .other(var json)?:
            if case .object(var object) = json {
                object["input"] = input
                json = .object(object)
            }
            blocks[index] = .other(json)
        default: break
        }
    }

    /// The message so far; blocks never closed keep their partial tool input as a string.
    public var result: Message {
        var copy = self
        for index in copy.partialJSON.keys where !copy.closed.contains(index) { copy.finishInput(index) }
        var message = copy.message ?? (try! Message(json: [:]))
        message.content = copy.blocks.keys.sorted().map { copy.blocks[$0]! }
        return message
    }

    static func merge(_ start: Usage?, _ delta: Usage) -> Usage {
        guard let start, case .object(var object) = start.raw, case .object(let update) = delta.raw else {
            return delta
        }
        for (key, value) in update { object[key] = value }
        return (try? Usage(json: .object(object))) ?? delta
    }
}

/// The events of a streamed `/v1/messages` response; an `error` event throws ``EmpirioError``,
/// and so does a body that ends before `message_stop` (kind `.stream`): a cut connection is never
/// mistaken for a complete message.
public struct MessageStream: AsyncSequence, Sendable {
    /// An event.
    public typealias Element = MessageStreamEvent
    let events: ServerSentEvents
    /// The estimate the call was sent with, when it was priced.
    public var estimate: CostEstimate? { events.body.estimate }
    /// The response the stream came in: status, headers (`HTTPResponse.requestID`, `HTTPResponse.rateLimit`).
    public let response: HTTPResponse

    /// Reads the events one at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: ServerSentEvents.AsyncIterator
        let response: HTTPResponse
        var stopped = false
        var received = 0

        /// The next event, or `nil` after `message_stop`.
        ///
        /// - Returns: the next event, or `nil`.
        /// - Throws: ``EmpirioError``: `.stream` on an `error` event or a body that ends before
        ///   `message_stop`, `.decoding` on an event that does not decode.
        public mutating func next() async throws(EmpirioError) -> MessageStreamEvent? {
            if stopped { return nil }
            while let event = try await events.next() {
                if event.data.isEmpty { continue }
                let decoded = try MessageStreamEvent(event: event, response: response)
                received += 1
                if case .messageStop = decoded { stopped = true }
                return decoded
            }
            throw EmpirioError(
                kind: .stream, status: response.status.code,
                message:
                    "the stream ended after \(received) event\(received == 1 ? "" : "s") without message_stop: the connection was cut and the message is incomplete",
                requestID: response.requestID)
        }
    }

    /// An iterator over the events; the stream is read once.
    ///
    /// - Returns: the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: events.makeAsyncIterator(), response: response)
    }

    /// Reads the whole stream and returns the message it adds up to.
    ///
    /// - Parameter onText: sees the text deltas as they arrive.
    ///
    /// - Returns: the message the events add up to, with the estimate the call was sent with.
    /// - Throws: ``EmpirioError``; a stream cut short carries the text so far in
    ///   ``EmpirioError/partialText``.
    public func collect(onText: (@Sendable (String) -> Void)? = nil) async throws(EmpirioError) -> Message {
        var accumulator = MessageStreamAccumulator()
        var events = makeAsyncIterator()
        do {
            while let event = try await events.next() {
                if let onText, case .contentBlockDelta(_, .text(let text)) = event, !text.isEmpty { onText(text) }
                accumulator.add(event)
            }
        } catch {
            throw EmpirioClient.streamFailure(error, partialText: accumulator.result.text)
        }
        var message = accumulator.result
        if message.usage != nil { message.usage?.estimate = estimate }
        return message
    }
}

extension EmpirioClient {
    /// `POST /v1/messages` (Anthropic Messages; `anthropic-version` is sent).
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - maxTokens: `max_tokens`.
    ///   - messages: the conversation so far.
    ///   - system: the system prompt.
    ///   - thinking: extended thinking, sent as Anthropic's `thinking`.
    ///   - parameters: the model's own controls, as top-level fields.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the message.
    /// - Throws: ``EmpirioError``.
    public func createMessage(
        model: ModelID, maxTokens: Int, messages: [MessageParam], system: String? = nil,
        thinking: ThinkingConfiguration? = nil,
        parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Message {
        try await post(
            EndpointPath.messages,
            json: messagesBody(model, maxTokens, messages, system, thinking, parameters, options, stream: false),
            options: options)
    }

    /// `POST /v1/messages` with `stream: true`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - maxTokens: `max_tokens`.
    ///   - messages: the conversation so far.
    ///   - system: the system prompt.
    ///   - thinking: extended thinking.
    ///   - parameters: the model's own controls, as top-level fields.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the stream of events.
    /// - Throws: ``EmpirioError`` when the request fails before the stream starts.
    public func streamMessage(
        model: ModelID, maxTokens: Int, messages: [MessageParam], system: String? = nil,
        thinking: ThinkingConfiguration? = nil,
        parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MessageStream {
        let body = messagesBody(model, maxTokens, messages, system, thinking, parameters, options, stream: true)
        let (response, stream) = try await send(
            .post, EndpointPath.messages, body: Self.encode(body), contentType: "application/json",
            accept: "text/event-stream", options: options)
        return MessageStream(events: ServerSentEvents(stream), response: response)
    }

    func messagesBody(
        _ model: ModelID, _ maxTokens: Int, _ messages: [MessageParam], _ system: String?,
        _ thinking: ThinkingConfiguration?,
        _ parameters: [String: JSONValue], _ options: RequestOptions, stream: Bool
    ) -> [String: JSONValue] {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["max_tokens"] = .number(NumberLiteral(maxTokens))
        if !messages.isEmpty || body["messages"] == nil { body["messages"] = .array(messages.map(\.json)) }
        if let system { body["system"] = .string(system) }
        if let thinking { body["thinking"] = thinking.json }
        if stream { body["stream"] = true } else { body["stream"] = nil }
        ToolShapes.forMessages(&body)
        options.apply(to: &body)
        return body
    }
}
