import Foundation
import HTTPTypes

/// Who wrote a message: `.system`, `.developer`, `.user`, `.assistant` or `.tool` on
/// `/v1/chat/completions`; `.user` or `.assistant` on `/v1/messages`.
///
/// Extensible: a role the gateway adds later is a `MessageRole` too (`MessageRole(rawValue:)`,
/// or a string literal), so matching on roles never breaks callers.
public struct MessageRole: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The role's wire spelling (`"user"`, `"tool"`, ...).
    public let rawValue: String
    /// Creates a role from its wire spelling.
    ///
    /// - Parameter rawValue: the spelling the gateway uses, known or not.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a role from a string literal: `let role: MessageRole = "critic"`.
    ///
    /// - Parameter value: the role's wire spelling.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The wire spelling.
    public var description: String { rawValue }

    /// Instructions that frame the conversation.
    public static let system = MessageRole(rawValue: "system")
    /// Instructions from the developer (OpenAI's newer spelling of `system`).
    public static let developer = MessageRole(rawValue: "developer")
    /// The person using the app.
    public static let user = MessageRole(rawValue: "user")
    /// The model's own turns.
    public static let assistant = MessageRole(rawValue: "assistant")
    /// A tool's output, answering a call (`toolCallID`).
    public static let tool = MessageRole(rawValue: "tool")
}

/// A chat message, as sent and as received on `/v1/chat/completions`. `Codable` through its
/// wire JSON (``json``, ``init(json:)``), so a generated `Parameters.messages` is `[ChatMessage]`.
public struct ChatMessage: Sendable, Hashable, Codable {
    /// Who wrote the message.
    public var role: MessageRole
    /// The text or parts of the message; `nil` on an assistant message that only calls tools.
    public var content: ChatContent?
    /// An optional name telling participants of the same role apart.
    public var name: String?
    /// Calls the assistant asked for.
    public var toolCalls: [ToolCall]
    /// For `tool` messages: the call being answered.
    public var toolCallID: String?
    /// Reasoning the model exposed (`reasoning_content` or `reasoning`), on assistant messages.
    public var reasoning: String?
    /// The model's refusal text, when it declined to answer.
    public var refusal: String?

    /// Creates a message from its fields.
    ///
    /// - Parameters:
    ///   - role: who wrote it.
    ///   - content: its text or parts.
    ///   - name: a name telling participants of the same role apart.
    ///   - toolCalls: the calls an assistant message asked for.
    ///   - toolCallID: on a `tool` message, the call it answers.
    ///   - reasoning: reasoning an assistant message exposed.
    ///   - refusal: an assistant's refusal text.
    public init(
        role: MessageRole, content: ChatContent?, name: String? = nil, toolCalls: [ToolCall] = [],
        toolCallID: String? = nil,
        reasoning: String? = nil, refusal: String? = nil
    ) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.reasoning = reasoning
        self.refusal = refusal
    }

    /// A `system` message.
    ///
    /// - Parameter text: the instructions.
    /// - Returns: a message with role ``MessageRole/system``.
    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, content: .text(text)) }
    /// A `user` message with text.
    ///
    /// - Parameter text: what the user says.
    /// - Returns: a message with role ``MessageRole/user``.
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: .text(text)) }
    /// A `user` message made of parts (text, images, audio).
    ///
    /// - Parameter parts: the parts, in order.
    /// - Returns: a message with role ``MessageRole/user``.
    public static func user(_ parts: [ChatContent.Part]) -> ChatMessage {
        ChatMessage(role: .user, content: .parts(parts))
    }
    /// An `assistant` message, to replay an earlier turn.
    ///
    /// - Parameter text: what the assistant said.
    /// - Returns: a message with role ``MessageRole/assistant``.
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: .assistant, content: .text(text)) }
    /// A `tool` message answering a tool call.
    ///
    /// - Parameters:
    ///   - callID: the ``ToolCall/id`` being answered.
    ///   - text: the tool's output.
    /// - Returns: a message with role ``MessageRole/tool``.
    public static func tool(callID: String, _ text: String) -> ChatMessage {
        ChatMessage(role: .tool, content: .text(text), toolCallID: callID)
    }

    /// The text of the content (the parts' texts joined).
    public var text: String? {
        switch content {
        case .text(let text)?: return text
        case .parts(let parts)?:
            return parts.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
        case nil: return nil
        }
    }

    /// The message as the wire writes it (`role`, `content`, `name`, `tool_calls`, `tool_call_id`).
    public var json: JSONValue {
        var object: [String: JSONValue] = ["role": .string(role.rawValue)]
        object["content"] = content?.json ?? .null
        if let name { object["name"] = .string(name) }
        if !toolCalls.isEmpty { object["tool_calls"] = .array(toolCalls.map(\.json)) }
        if let toolCallID { object["tool_call_id"] = .string(toolCallID) }
        return .object(object)
    }

    /// Decodes the wire JSON of a message (leniently, as ``init(json:)``).
    public init(from decoder: any Decoder) throws {
        self.init(json: try JSONValue(from: decoder))
    }

    /// Encodes the wire JSON of the message (``json``).
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    /// Reads a message from its wire form; a missing role reads as `assistant`.
    ///
    /// - Parameter json: a message object.
    public init(json: JSONValue) {
        role = json["role"]?.stringValue.map(MessageRole.init(rawValue:)) ?? .assistant
        content = json["content"].flatMap(ChatContent.init(json:))
        name = json["name"]?.stringValue
        toolCalls = (json["tool_calls"]?.arrayValue ?? []).map(ToolCall.init(json:))
        toolCallID = json["tool_call_id"]?.stringValue
        reasoning = json["reasoning_content"]?.stringValue ?? json["reasoning"]?.stringValue
        refusal = json["refusal"]?.stringValue
    }
}

/// A message's content: text, or parts (text, images by URL or data URI, audio by URL).
public enum ChatContent: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// Several parts, in order.
    case parts([Part])

    /// One part of a multi-part message.
    public enum Part: Sendable, Hashable {
        /// Text.
        case text(String)
        /// `{"type": "image_url", "image_url": {"url", "detail"}}`: any public URL or a data URI.
        case imageURL(String, detail: String? = nil)
        /// `{"type": "audio_url", "audio_url": {"url"}}`.
        case audioURL(String)
        /// Any other part, sent as given.
        case other(JSONValue)

        /// The part as the wire writes it.
        public var json: JSONValue {
            switch self {
            case .text(let text): return ["type": "text", "text": .string(text)]
            case .imageURL(let url, let detail):
                var image: [String: JSONValue] = ["url": .string(url)]
                if let detail { image["detail"] = .string(detail) }
                return ["type": "image_url", "image_url": .object(image)]
            case .audioURL(let url): return ["type": "audio_url", "audio_url": ["url": .string(url)]]
            case .other(let json): return json
            }
        }

        /// Reads a part from its wire form; an unknown `type` becomes ``other(_:)``.
        ///
        /// - Parameter json: a content part object.
        public init(json: JSONValue) {
            switch json["type"]?.stringValue {
            case "text": self = .text(json["text"]?.stringValue ?? "")
            case "image_url":
                self = .imageURL(
                    json["image_url"]?["url"]?.stringValue ?? "", detail: json["image_url"]?["detail"]?.stringValue)
            case "audio_url": self = .audioURL(json["audio_url"]?["url"]?.stringValue ?? "")
            default: self = .other(json)
            }
        }
    }

    /// The content as the wire writes it: a string or an array of parts.
    public var json: JSONValue {
        switch self {
        case .text(let text): return .string(text)
        case .parts(let parts): return .array(parts.map(\.json))
        }
    }

    init?(json: JSONValue) {
        switch json {
        case .string(let text): self = .text(text)
        case .array(let parts): self = .parts(parts.map(Part.init(json:)))
        default: return nil
        }
    }
}

/// A tool call the assistant made.
public struct ToolCall: Sendable, Hashable {
    /// The call's id, which the `tool` message answering it quotes.
    public var id: String
    /// The call's type (`function`).
    public var type: String
    /// The name of the tool called.
    public var name: String
    /// The arguments as the model wrote them (JSON text).
    public var arguments: String

    /// Creates a tool call, to replay an assistant turn.
    ///
    /// - Parameters:
    ///   - id: the call's id.
    ///   - type: the call's type (`function`).
    ///   - name: the tool's name.
    ///   - arguments: the arguments as JSON text.
    public init(id: String, type: String = "function", name: String, arguments: String) {
        self.id = id
        self.type = type
        self.name = name
        self.arguments = arguments
    }

    init(json: JSONValue) {
        id = json["id"]?.stringValue ?? ""
        type = json["type"]?.stringValue ?? "function"
        name = json["function"]?["name"]?.stringValue ?? ""
        arguments = json["function"]?["arguments"]?.stringValue ?? ""
    }

    var json: JSONValue {
        [
            "id": .string(id), "type": .string(type),
            "function": ["name": .string(name), "arguments": .string(arguments)],
        ]
    }

    /// The arguments parsed as JSON.
    ///
    /// - Returns: the arguments as a `JSONValue`.
    /// - Throws: when the arguments are not valid JSON.
    public func parsedArguments() throws -> JSONValue {
        try JSONValue(parsing: arguments)
    }
}

/// A `/v1/chat/completions` response.
public struct ChatCompletion: JSONResponse, Hashable {
    /// One of the completion's choices.
    public struct Choice: Sendable, Hashable {
        /// The choice's position.
        public var index: Int
        /// The assistant's message: text, tool calls, reasoning, refusal.
        public var message: ChatMessage
        /// `stop`, `length`, `tool_calls`, `content_filter`, ...
        public var finishReason: String?
    }

    /// The completion's id.
    public var id: String?
    /// The model that answered.
    public var model: String?
    /// When the completion was created (Unix seconds).
    public var created: Int?
    /// The choices, usually one.
    public var choices: [Choice]
    /// Tokens and cost, when the gateway reports them.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// The first choice's text.
    public var text: String? { choices.first?.message.text }

    /// Reads a completion from the response's JSON.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when `choices` is missing.
    public init(json: JSONValue) throws {
        guard let choices = json["choices"]?.arrayValue else {
            throw ResponseShapeError(path: "choices", expected: "an array")
        }
        raw = json
        id = json["id"]?.stringValue
        model = json["model"]?.stringValue
        created = json["created"]?.intValue
        self.choices = choices.enumerated().map { offset, choice in
            Choice(
                index: choice["index"]?.intValue ?? offset, message: ChatMessage(json: choice["message"] ?? .null),
                finishReason: choice["finish_reason"]?.stringValue)
        }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }

    init(id: String?, model: String?, created: Int?, choices: [Choice], usage: Usage?, raw: JSONValue) {
        self.id = id
        self.model = model
        self.created = created
        self.choices = choices
        self.usage = usage
        self.raw = raw
    }
}

/// One chunk of a streamed chat completion.
public struct ChatCompletionChunk: JSONResponse, Hashable {
    /// A fragment of a tool call: fragments with the same `index` add up to one call.
    public struct ToolCallDelta: Sendable, Hashable {
        /// Which call of the message this fragment belongs to.
        public var index: Int
        /// The call's id (on its first fragment).
        public var id: String?
        /// The call's type (on its first fragment).
        public var type: String?
        /// A fragment of the tool's name.
        public var name: String?
        /// A fragment of the arguments' JSON text.
        public var arguments: String?
    }

    /// What one chunk adds to a choice.
    public struct Delta: Sendable, Hashable {
        /// The role, on the first chunk.
        public var role: MessageRole?
        /// A fragment of the text.
        public var content: String?
        /// A fragment of the reasoning.
        public var reasoning: String?
        /// A fragment of a refusal.
        public var refusal: String?
        /// Fragments of tool calls.
        public var toolCalls: [ToolCallDelta]
    }

    /// One choice's part of the chunk.
    public struct Choice: Sendable, Hashable {
        /// The choice's position.
        public var index: Int
        /// What this chunk adds.
        public var delta: Delta
        /// Why the choice ended, on its last chunk.
        public var finishReason: String?
    }

    /// The completion's id.
    public var id: String?
    /// The model that answers.
    public var model: String?
    /// When the completion was created (Unix seconds).
    public var created: Int?
    /// The chunk's choices.
    public var choices: [Choice]
    /// Present on the terminal chunk.
    public var usage: Usage?
    /// The whole event: parsed when asked for (chunks read straight from the bytes keep the text).
    public var raw: JSONValue {
        get { rawValue ?? rawText.flatMap { try? JSONValue(parsing: $0) } ?? .null }
        set {
            rawValue = newValue
            rawText = nil
        }
    }

    private var rawValue: JSONValue?
    private var rawText: String?

    /// Reads a chunk from an event's JSON.
    ///
    /// - Parameter json: the event's data.
    /// - Throws: ``ResponseShapeError`` when it is not an object.
    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ResponseShapeError(path: "", expected: "a chunk object") }
        rawValue = json
        id = json["id"]?.stringValue
        model = json["model"]?.stringValue
        created = json["created"]?.intValue
        choices = (json["choices"]?.arrayValue ?? []).enumerated().map { offset, choice in
            let delta = choice["delta"] ?? .null
            return Choice(
                index: choice["index"]?.intValue ?? offset,
                delta: Delta(
                    role: delta["role"]?.stringValue.map(MessageRole.init(rawValue:)),
                    content: delta["content"]?.stringValue,
                    reasoning: delta["reasoning_content"]?.stringValue ?? delta["reasoning"]?.stringValue,
                    refusal: delta["refusal"]?.stringValue,
                    toolCalls: Self.toolCallDeltas(delta["tool_calls"] ?? .null)),
                finishReason: choice["finish_reason"]?.stringValue)
        }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }

    init(id: String?, model: String?, created: Int?, choices: [Choice], usage: Usage?, rawText: String) {
        self.id = id
        self.model = model
        self.created = created
        self.choices = choices
        self.usage = usage
        self.rawText = rawText
    }

    static func toolCallDeltas(_ json: JSONValue) -> [ToolCallDelta] {
        (json.arrayValue ?? []).enumerated().map { position, call in
            ToolCallDelta(
                index: call["index"]?.intValue ?? position, id: call["id"]?.stringValue,
                type: call["type"]?.stringValue,
                name: call["function"]?["name"]?.stringValue, arguments: call["function"]?["arguments"]?.stringValue)
        }
    }

    /// Equal when the decoded fields and the whole events are equal.
    ///
    /// - Parameters:
    ///   - lhs: a chunk.
    ///   - rhs: another chunk.
    /// - Returns: whether both are the same chunk.
    public static func == (lhs: ChatCompletionChunk, rhs: ChatCompletionChunk) -> Bool {
        lhs.id == rhs.id && lhs.model == rhs.model && lhs.created == rhs.created && lhs.choices == rhs.choices
            && lhs.usage == rhs.usage
            && lhs.raw == rhs.raw
    }

    /// Hashes the decoded fields.
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(model)
        hasher.combine(created)
        hasher.combine(choices)
    }
}

/// Assembles streamed chunks into the completion they add up to: content, reasoning and
/// refusal text concatenated per choice, tool calls joined by index (id, name, argument
/// fragments), finish reasons, and the usage of the terminal chunk.
public struct ChatStreamAccumulator: Sendable {
    private struct PartialChoice {
        var role = MessageRole.assistant
        var content: String?
        var reasoning: String?
        var refusal: String?
        var toolCalls: [Int: ToolCall] = [:]
        var finishReason: String?
    }

    private var choices: [Int: PartialChoice] = [:]
    private var id: String?
    private var model: String?
    private var created: Int?
    private var usage: Usage?

    /// An empty accumulator.
    public init() {}

    /// Adds one chunk.
    ///
    /// - Parameter chunk: the next chunk of the stream.
    public mutating func add(_ chunk: ChatCompletionChunk) {
        id = id ?? chunk.id
        model = model ?? chunk.model
        created = created ?? chunk.created
        if let chunkUsage = chunk.usage { usage = chunkUsage }
        for choice in chunk.choices {
            var partial = choices[choice.index] ?? PartialChoice()
            if let role = choice.delta.role { partial.role = role }
            if let content = choice.delta.content { partial.content = (partial.content ?? "") + content }
            if let reasoning = choice.delta.reasoning { partial.reasoning = (partial.reasoning ?? "") + reasoning }
            if let refusal = choice.delta.refusal { partial.refusal = (partial.refusal ?? "") + refusal }
            for call in choice.delta.toolCalls {
                var existing =
                    partial.toolCalls[call.index] ?? ToolCall(id: "", type: "function", name: "", arguments: "")
                if let id = call.id { existing.id = id }
                if let type = call.type { existing.type = type }
                if let name = call.name { existing.name += name }
                if let arguments = call.arguments { existing.arguments += arguments }
                partial.toolCalls[call.index] = existing
            }
            if let reason = choice.finishReason { partial.finishReason = reason }
            choices[choice.index] = partial
        }
    }

    /// The completion so far.
    public var completion: ChatCompletion {
        let assembled = choices.keys.sorted().map { index -> ChatCompletion.Choice in
            let partial = choices[index]!
            let message = ChatMessage(
                role: partial.role, content: partial.content.map(ChatContent.text),
                toolCalls: partial.toolCalls.keys.sorted().map { partial.toolCalls[$0]! }, reasoning: partial.reasoning,
                refusal: partial.refusal)
            return ChatCompletion.Choice(index: index, message: message, finishReason: partial.finishReason)
        }
        return ChatCompletion(id: id, model: model, created: created, choices: assembled, usage: usage, raw: .null)
    }
}

/// An event that ends its stream by itself (the responses API's `response.completed`), as
/// `data: [DONE]` ends the others.
public protocol StreamTerminatingEvent {
    /// Whether this event is the stream's last.
    var endsStream: Bool { get }
}

/// The events of an OpenAI-style stream (`data: {...}` frames ending at `data: [DONE]`, or at an
/// event that ends the stream by itself), each decoded as `Element`. A mid-stream
/// `data: {"error": ...}` frame throws ``EmpirioError``; so does a body that ends before the
/// terminator (a cut connection is never mistaken for a complete answer): kind `.stream`, with
/// the number of events that did arrive in the message.
public struct JSONEventStream<Element: JSONResponse>: AsyncSequence, Sendable {
    let events: ServerSentEvents
    /// The response the stream came in: status, headers (`HTTPResponse.requestID`, `HTTPResponse.rateLimit`).
    public let response: HTTPResponse
    /// The estimate the call was sent with, when it was priced.
    public var estimate: CostEstimate? { events.body.estimate }

    /// Reads the stream's events one at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: ServerSentEvents.AsyncIterator
        let response: HTTPResponse
        var done = false
        var received = 0

        /// The next decoded event, or `nil` after the terminator.
        ///
        /// - Returns: the next event, or `nil` at the end of the stream.
        /// - Throws: ``EmpirioError`` of kind `.stream` on an error frame or a stream cut before its
        ///   terminator, `.decoding` on an event that does not decode.
        public mutating func next() async throws(EmpirioError) -> Element? {
            while !done {
                guard let event = try await events.next() else {
                    throw EmpirioError(
                        kind: .stream, status: response.status.code,
                        message:
                            "the stream ended after \(received) event\(received == 1 ? "" : "s") without its terminator (data: [DONE]): the connection was cut and the answer is incomplete",
                        requestID: response.requestID)
                }
                if let decoded = try OpenAIStream.decode(event, as: Element.self, response: response, done: &done) {
                    received += 1
                    if (decoded as? any StreamTerminatingEvent)?.endsStream == true { done = true }
                    return decoded
                }
            }
            return nil
        }
    }

    /// An iterator over the stream's events.
    ///
    /// - Returns: a new iterator; a stream can be iterated once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: events.makeAsyncIterator(), response: response)
    }
}

/// The chunks of a streamed chat completion.
public typealias ChatCompletionStream = JSONEventStream<ChatCompletionChunk>

extension JSONEventStream where Element == ChatCompletionChunk {
    /// Reads the whole stream and returns the completion it adds up to. A stream cut before its
    /// end throws ``EmpirioError`` (`.stream`) whose ``EmpirioError/partialText`` holds the text
    /// that arrived.
    ///
    /// - Parameter onText: sees the first choice's text as it arrives.
    /// - Returns: the completion the chunks add up to, with the estimate the call was sent with.
    /// - Throws: ``EmpirioError``; a stream cut short carries the text so far in
    ///   ``EmpirioError/partialText``.
    public func collect(onText: (@Sendable (String) -> Void)? = nil) async throws(EmpirioError) -> ChatCompletion {
        var accumulator = ChatStreamAccumulator()
        var chunks = makeAsyncIterator()
        do {
            while let chunk = try await chunks.next() {
                if let onText, let text = chunk.choices.first(where: { $0.index == 0 })?.delta.content, !text.isEmpty {
                    onText(text)
                }
                accumulator.add(chunk)
            }
        } catch {
            throw EmpirioClient.streamFailure(error, partialText: accumulator.completion.text)
        }
        var completion = accumulator.completion
        if completion.usage != nil { completion.usage?.estimate = estimate }
        return completion
    }
}

extension EmpirioClient {
    /// A failure while a stream was read, as a typed error that keeps the text that arrived.
    static func streamFailure(_ error: EmpirioError, partialText: String?) -> EmpirioError {
        var failure = error
        failure.partialText = partialText ?? ""
        return failure
    }
}

/// Decoding of OpenAI-style `data:` frames: `[DONE]`, error frames, JSON.
enum OpenAIStream {
    static func decode<T: JSONResponse>(
        _ event: ServerSentEvent, as type: T.Type, response: HTTPResponse, done: inout Bool
    ) throws(EmpirioError) -> T? {
        if T.self == ChatCompletionChunk.self, event.event != "error" {
            // The hot path: straight from the event's bytes, no copy (see ChunkScanner).
            var text = event.data
            if let chunk = text.withUTF8({ ChunkScanner.chunk($0, text: event.data) }) { return chunk as? T }
        }
        let bytes = Array(event.data.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == end { return nil }
        if bytes[start..<end].elementsEqual("[DONE]".utf8) {
            done = true
            return nil
        }
        guard let json = try? JSONValue(parsing: bytes) else {
            throw EmpirioError(
                kind: .stream, status: response.status.code, message: "a stream event is not JSON",
                bodyExcerpt: EmpirioError.excerpt(bytes))
        }
        if event.event == "error"
            || json["error"] != nil && json["choices"] == nil && json["type"] != .string("response.completed")
        {
            var error = EmpirioError.fromResponse(
                status: response.status.code, headers: response.headerFields, body: bytes)
            error.kind = .stream
            throw error
        }
        do {
            return try T(json: json)
        } catch {
            throw EmpirioError(
                kind: .decoding, status: response.status.code,
                message: "could not read \(type) from a stream event: \(error)",
                bodyExcerpt: EmpirioError.excerpt(bytes), underlyingError: error)
        }
    }
}

extension EmpirioClient {
    /// `POST /v1/chat/completions`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - messages: the conversation so far.
    ///   - parameters: the model's own controls (`temperature`, `enable_thinking`,
    ///     `reasoning_effort`, `web_search_tier`, ...), sent as top-level fields.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the completion.
    /// - Throws: ``EmpirioError``: the gateway's error, a transport failure, a timeout, a refused
    ///   budget, or a body that does not decode.
    public func chat(
        model: ModelID, messages: [ChatMessage], parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ChatCompletion {
        try await post(
            EndpointPath.chatCompletions, json: chatBody(model, messages, parameters, options, stream: false),
            options: options)
    }

    /// `POST /v1/chat/completions` with `stream: true`: chunks as they arrive.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - messages: the conversation so far.
    ///   - parameters: the model's own controls, sent as top-level fields.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the stream of chunks; iterating it throws ``EmpirioError`` as well.
    /// - Throws: ``EmpirioError`` when the request fails before the stream starts.
    public func streamChat(
        model: ModelID, messages: [ChatMessage], parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ChatCompletionStream {
        let body = chatBody(model, messages, parameters, options, stream: true)
        let (response, stream) = try await send(
            .post, EndpointPath.chatCompletions, body: Self.encode(body), contentType: "application/json",
            accept: "text/event-stream", options: options)
        return ChatCompletionStream(events: ServerSentEvents(stream), response: response)
    }

    func chatBody(
        _ model: ModelID, _ messages: [ChatMessage], _ parameters: [String: JSONValue], _ options: RequestOptions,
        stream: Bool
    ) -> [String: JSONValue] {
        var body = parameters
        body["model"] = .string(model.rawValue)
        if !messages.isEmpty || body["messages"] == nil { body["messages"] = .array(messages.map(\.json)) }
        if stream {
            body["stream"] = true
        } else {
            body["stream"] = nil
        }
        options.apply(to: &body)
        return body
    }
}
