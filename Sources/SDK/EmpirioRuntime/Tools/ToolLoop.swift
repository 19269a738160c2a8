import Foundation

/// A tool and the async closure that answers its calls.
public struct ToolHandler: Sendable {
    /// The tool's definition, as sent to the model.
    public let tool: Tool
    let handle: @Sendable (ToolCall) async throws -> ToolOutput

    /// A tool with typed arguments: each call's arguments are decoded as `Arguments` before
    /// `body` runs. Arguments that do not fit are answered with an error output naming the path,
    /// so that the model can correct itself; `body` is not called for them.
    ///
    /// - Parameters:
    ///   - name: the tool's name.
    ///   - description: what it does, for the model.
    ///   - arguments: the type each call's arguments decode as.
    ///   - strict: derive the strict schema and send `strict: true`.
    ///   - body: answers one call.
    /// - Throws: ``EmpirioError`` (`.invalidRequest`) when the name is not valid or the type has no
    ///   derivable schema.
    public init<Arguments: Decodable & Sendable>(
        _ name: String, description: String? = nil, arguments: Arguments.Type, strict: Bool = false,
        _ body: @escaping @Sendable (Arguments) async throws -> ToolOutput
    ) throws(EmpirioError) {
        tool = try Tool(name, description: description, arguments: Arguments.self, strict: strict)
        handle = { call in
            let arguments: Arguments
            do {
                arguments = try call.decodeArguments(as: Arguments.self)
            } catch let error as EmpirioError {
                let place = error.path.map { $0.isEmpty ? "" : " at \($0)" } ?? ""
                return .error("Invalid arguments for \(call.name)\(place): \(error.message)")
            }
            return try await body(arguments)
        }
    }

    /// A tool given as a definition, its calls handled raw.
    ///
    /// - Parameters:
    ///   - tool: the definition.
    ///   - body: answers one call, given as the model wrote it.
    public init(_ tool: Tool, _ body: @escaping @Sendable (ToolCall) async throws -> ToolOutput) {
        self.tool = tool
        handle = body
    }
}

/// The tools of a tool loop.
public struct Toolbox: Sendable {
    /// The tools' handlers.
    public let handlers: [ToolHandler]

    /// Creates a toolbox; tool names must be unique (checked when a loop starts).
    ///
    /// - Parameter handlers: the tools and their closures.
    public init(_ handlers: [ToolHandler]) {
        self.handlers = handlers
    }

    /// The tools' definitions.
    public var tools: [Tool] { handlers.map(\.tool) }

    func check() throws(EmpirioError) {
        var seen = Set<String>()
        for handler in handlers where !seen.insert(handler.tool.name).inserted {
            throw EmpirioError(
                kind: .invalidRequest, message: "two tools are named \(handler.tool.name); tool names must be unique")
        }
    }

    /// Runs the calls concurrently and returns their outputs in the calls' order. A failing
    /// closure becomes an error output; cancellation is thrown.
    func run(_ calls: [ToolCall]) async throws(EmpirioError) -> [ToolOutput] {
        let outputs = await withTaskGroup(of: (Int, ToolOutput).self) { group in
            for (index, call) in calls.enumerated() {
                group.addTask {
                    guard let handler = handlers.first(where: { $0.tool.name == call.name }) else {
                        return (
                            index,
                            .error(
                                "There is no tool named \(call.name). The tools are: \(handlers.map(\.tool.name).joined(separator: ", "))."
                            )
                        )
                    }
                    do {
                        return (index, try await handler.handle(call))
                    } catch is CancellationError {
                        return (index, .error("The tool call was cancelled."))
                    } catch {
                        return (index, .error("The tool \(call.name) failed: \(error)"))
                    }
                }
            }
            var outputs = [ToolOutput?](repeating: nil, count: calls.count)
            for await (index, output) in group { outputs[index] = output }
            return outputs.map { $0 ?? .error("no output") }
        }
        if Task.isCancelled {
            throw EmpirioError(kind: .cancelled, message: "the tool loop was cancelled while its tools ran")
        }
        return outputs
    }
}

/// Usage added up over several responses: exact cost (decimal, as the gateway wrote each
/// `cost_usd`) and tokens in both families' spellings.
public struct UsageTotal: Sendable, Hashable {
    /// The sum of every `cost_usd`.
    public var costUSD: Decimal = 0
    /// `prompt_tokens` (chat) or `input_tokens` (messages).
    public var inputTokens = 0
    /// `completion_tokens` (chat) or `output_tokens` (messages).
    public var outputTokens = 0
    /// How many responses were added.
    public var responses = 0
    /// How many of them carried no `cost_usd` (their cost is not in ``costUSD``).
    public var unpriced = 0

    /// Nothing yet.
    public init() {}

    /// Adds one response's usage; a response without `usage` or `cost_usd` counts as unpriced.
    ///
    /// - Parameter usage: the response's usage, if any.
    public mutating func add(_ usage: Usage?) {
        responses += 1
        guard let usage else {
            unpriced += 1
            return
        }
        if let cost = usage.costUSD, let value = Decimal(string: cost.text, locale: Locale(identifier: "en_US_POSIX")) {
            costUSD += value
        } else {
            unpriced += 1
        }
        inputTokens += usage.promptTokens ?? usage.inputTokens ?? 0
        outputTokens += usage.completionTokens ?? usage.outputTokens ?? 0
    }
}

/// A finished tool loop: every step, the conversation to continue from, and the usage of all.
public struct ToolRun<Response: Sendable, Turn: Sendable>: Sendable {
    /// One model response and the tool calls it made, with their outputs.
    public struct Step: Sendable {
        /// The model's response.
        public var response: Response
        /// The tool calls it made.
        public var calls: [ToolCall]
        /// The outputs sent back, in the calls' order.
        public var outputs: [ToolOutput]
        /// The response's usage.
        public var usage: Usage?
    }

    /// Every step, in order.
    public var steps: [Step]
    /// The conversation: the messages passed in, each response, and each tool answer.
    public var messages: [Turn]
    /// Usage and cost of every step added up.
    public var usage: UsageTotal
    /// True when the loop stopped at `maxSteps` while the model was still calling tools: then
    /// ``final`` is a response with unanswered calls, not an answer.
    public var reachedStepLimit: Bool

    /// The last response: the answer, unless ``reachedStepLimit``.
    public var final: Response { steps[steps.count - 1].response }
}

extension ToolRun where Response == ChatCompletion {
    /// The answer's text.
    public var text: String? { final.text }
}

extension ToolRun where Response == Message {
    /// The answer's text.
    public var text: String { final.text }
}

extension EmpirioClient {
    // MARK: Tool loops

    /// Runs a conversation on `/v1/chat/completions` in which the model calls `tools` until it
    /// answers: each call is handled by its closure (concurrently when the model makes several),
    /// the outputs are sent back, and the loop goes on for at most `maxSteps` responses.
    ///
    /// - Parameters:
    ///   - model: a generated model that takes tools.
    ///   - messages: the conversation so far.
    ///   - tools: the tools and the closures that answer them.
    ///   - parameters: the model's own controls, sent on every step.
    ///   - toolChoice: for the first step only (a forced tool would otherwise be called forever);
    ///     later steps let the model decide.
    ///   - maxSteps: the most responses the loop asks for.
    ///   - streaming: each step is streamed; `onText` sees the text as it arrives.
    ///   - onText: sees the text as it arrives, when `streaming`.
    ///   - options: every step's timeout, retries, headers and budget.
    /// - Returns: the steps, the conversation to continue from, and the usage of all.
    /// - Throws: ``EmpirioError``; cancellation of the task stops the loop (`.cancelled`).
    public func runChatTools<M: ChatCompletionsModel & ToolCallingModel>(
        _ model: M.Type, messages: [ChatMessage], tools: Toolbox, parameters: M.Parameters? = nil,
        toolChoice: ToolChoice? = nil,
        maxSteps: Int = 8, streaming: Bool = false, onText: (@Sendable (String) -> Void)? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ToolRun<ChatCompletion, ChatMessage> {
        try Self.checkPassthrough(options, model)
        let options = options.priced(by: M.self)
        var body = try self.body(model, parameters: parameters)
        body["tools"] = .array(tools.tools.map(\.chatJSON))
        let family = ToolLoopFamily<ChatCompletion, ChatMessage>(
            respond: { (conversation, choice) throws(EmpirioError) in
                var request = body
                request["tool_choice"] = choice
                if streaming {
                    return try await collectChat(
                        model: M.id, messages: conversation, parameters: request, options: options, onText: onText)
                }
                return try await chat(model: M.id, messages: conversation, parameters: request, options: options)
            },
            usage: \.usage, reply: { $0.choices.first?.message ?? ChatMessage(role: .assistant, content: nil) },
            calls: { $0.choices.first?.message.toolCalls ?? [] },
            answers: { calls, outputs in zip(calls, outputs).map { ChatMessage.tool(callID: $0.id, $1) } })
        return try await Self.runToolLoop(
            messages: messages, tools: tools, maxSteps: maxSteps,
            firstChoice: toolChoice?.chatJSON ?? body["tool_choice"], family)
    }

    /// The same loop on `/v1/messages`: `tool_use` blocks are answered with `tool_result` blocks
    /// (with `is_error` for failures), in one user turn per step.
    ///
    /// - Parameters:
    ///   - model: a generated model that takes tools on `/v1/messages`.
    ///   - messages: the conversation so far.
    ///   - tools: the tools and the closures that answer them.
    ///   - parameters: the model's own controls, sent on every step.
    ///   - toolChoice: for the first step only.
    ///   - maxTokens: `max_tokens` of each step.
    ///   - system: the system prompt.
    ///   - maxSteps: the most responses the loop asks for.
    ///   - streaming: each step is streamed.
    ///   - onText: sees the text as it arrives, when `streaming`.
    ///   - options: every step's timeout, retries, headers and budget.
    /// - Returns: the steps, the conversation to continue from, and the usage of all.
    /// - Throws: ``EmpirioError``; cancellation of the task stops the loop (`.cancelled`).
    public func runMessageTools<M: MessagesModel & ToolCallingModel>(
        _ model: M.Type, messages: [MessageParam], tools: Toolbox, parameters: M.Parameters? = nil,
        toolChoice: ToolChoice? = nil,
        maxTokens: Int = 4096, system: String? = nil, maxSteps: Int = 8, streaming: Bool = false,
        onText: (@Sendable (String) -> Void)? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ToolRun<Message, MessageParam> {
        try Self.checkPassthrough(options, model)
        let options = options.priced(by: M.self)
        var body = Self.withoutPayload(try self.body(model, parameters: parameters))
        let maxTokens = body["max_tokens"]?.intValue ?? maxTokens
        body["tools"] = .array(tools.tools.map(\.messagesJSON))
        let family = ToolLoopFamily<Message, MessageParam>(
            respond: { (conversation, choice) throws(EmpirioError) in
                var request = body
                request["tool_choice"] = choice
                if streaming {
                    return try await collectMessage(
                        model: M.id, maxTokens: maxTokens, messages: conversation, system: system, parameters: request,
                        options: options, onText: onText)
                }
                return try await createMessage(
                    model: M.id, maxTokens: maxTokens, messages: conversation, system: system, parameters: request,
                    options: options)
            },
            usage: \.usage, reply: { MessageParam(role: .assistant, content: $0.content) }, calls: \.toolCalls,
            answers: { calls, outputs in
                [
                    MessageParam(
                        role: .user, content: zip(calls, outputs).map { ContentBlock.toolResult(toolUseID: $0.id, $1) })
                ]
            })
        return try await Self.runToolLoop(
            messages: messages, tools: tools, maxSteps: maxSteps,
            firstChoice: toolChoice?.messagesJSON ?? body["tool_choice"], family)
    }

    /// One endpoint family's side of a tool loop.
    struct ToolLoopFamily<Response: Sendable, Turn: Sendable> {
        /// Sends the conversation (with `tool_choice`, on the first step only) and returns the response.
        var respond: ([Turn], JSONValue?) async throws(EmpirioError) -> Response
        var usage: (Response) -> Usage?
        /// The response as a turn of the conversation.
        var reply: (Response) -> Turn
        var calls: (Response) -> [ToolCall]
        /// The turns that answer the calls.
        var answers: ([ToolCall], [ToolOutput]) -> [Turn]
    }

    static func runToolLoop<Response: Sendable, Turn: Sendable>(
        messages: [Turn], tools: Toolbox, maxSteps: Int, firstChoice: JSONValue?,
        _ family: ToolLoopFamily<Response, Turn>
    ) async throws(EmpirioError) -> ToolRun<Response, Turn> {
        try tools.check()
        let limit = max(maxSteps, 1)
        var conversation = messages
        var steps: [ToolRun<Response, Turn>.Step] = []
        var usage = UsageTotal()
        for step in 0..<limit {
            try checkCancellation()
            let response = try await family.respond(conversation, step == 0 ? firstChoice : nil)
            usage.add(family.usage(response))
            conversation.append(family.reply(response))
            let calls = family.calls(response)
            if calls.isEmpty || step == limit - 1 {
                steps.append(.init(response: response, calls: calls, outputs: [], usage: family.usage(response)))
                return ToolRun(steps: steps, messages: conversation, usage: usage, reachedStepLimit: !calls.isEmpty)
            }
            let outputs = try await tools.run(calls)
            conversation += family.answers(calls, outputs)
            steps.append(.init(response: response, calls: calls, outputs: outputs, usage: family.usage(response)))
        }
        return ToolRun(steps: steps, messages: conversation, usage: usage, reachedStepLimit: true)
    }

    static func checkCancellation() throws(EmpirioError) {
        if Task.isCancelled {
            throw EmpirioError(kind: .cancelled, message: "the task was cancelled; nothing more was sent")
        }
    }

    func collectChat(
        model: ModelID, messages: [ChatMessage], parameters: [String: JSONValue], options: RequestOptions,
        onText: (@Sendable (String) -> Void)?
    ) async throws(EmpirioError) -> ChatCompletion {
        try await streamChat(model: model, messages: messages, parameters: parameters, options: options).collect(
            onText: onText)
    }

    func collectMessage(
        model: ModelID, maxTokens: Int, messages: [MessageParam], system: String?, parameters: [String: JSONValue],
        options: RequestOptions,
        onText: (@Sendable (String) -> Void)?
    ) async throws(EmpirioError) -> Message {
        try await streamMessage(
            model: model, maxTokens: maxTokens, messages: messages, system: system, parameters: parameters,
            options: options
        )
        .collect(onText: onText)
    }

    // MARK: Structured output

    /// A chat answer decoded as `Value`: `response_format` is a `json_schema` derived from the
    /// type (OpenAI's `strict` by default), and the reply is decoded with ``JSONSchema``'s rules.
    ///
    /// - Throws: ``EmpirioError`` of kind `.refusal` (the model refused: `refusal`, or a content
    ///   filter), `.truncated` (it stopped at the length limit before the JSON was complete), or
    ///   `.invalidOutput` (not JSON, or JSON that does not fit; ``EmpirioError/path`` says where).
    /// - Parameters:
    ///   - model: a generated model that takes a JSON Schema `response_format`.
    ///   - messages: the conversation so far.
    ///   - parameters: the model's own controls (its `response_format` is replaced).
    ///   - type: the type the answer decodes as.
    ///   - strict: the strict form of the schema, and `strict: true`.
    ///   - streaming: the answer is streamed, then decoded.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the decoded value, the completion it came in, and its usage.
    public func chat<M: ChatCompletionsModel & StructuredOutputModel, Value: Decodable & Sendable>(
        _ model: M.Type, messages: [ChatMessage], parameters: M.Parameters? = nil, returning type: Value.Type,
        strict: Bool = true,
        streaming: Bool = false, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> StructuredOutput<Value, ChatCompletion> {
        try Self.checkPassthrough(options, model)
        let options = options.priced(by: M.self)
        var body = try self.body(model, parameters: parameters)
        body["response_format"] = try ResponseFormat.jsonSchema(Value.self, strict: strict).chatJSON
        let completion: ChatCompletion
        if streaming {
            completion = try await collectChat(
                model: M.id, messages: messages, parameters: body, options: options, onText: nil)
        } else {
            completion = try await chat(model: M.id, messages: messages, parameters: body, options: options)
        }
        let choice = completion.choices.first
        if let refusal = choice?.message.refusal, !refusal.isEmpty {
            throw EmpirioError(kind: .refusal, message: "the model refused: \(refusal)")
        }
        if choice?.finishReason == "content_filter" {
            throw EmpirioError(kind: .refusal, message: "the answer was stopped by a content filter")
        }
        let value = try Self.decodeOutput(
            Value.self, text: Self.unfenced(choice?.message.text ?? ""), truncated: choice?.finishReason == "length",
            what: "the answer")
        return StructuredOutput(value: value, response: completion, usage: completion.usage)
    }

    /// A `/v1/messages` answer decoded as `Value`, the Anthropic way: the schema is the input
    /// schema of a tool the model is made to call (`tool_choice: {"type": "tool"}`), and that
    /// call's input is the value.
    ///
    /// - Throws: ``EmpirioError`` of kind `.refusal` (`stop_reason: "refusal"`), `.truncated`
    ///   (`max_tokens` before the input was complete), or `.invalidOutput` (no call of the tool,
    ///   or input that does not fit; ``EmpirioError/path`` says where).
    /// - Parameters:
    ///   - model: a generated model that takes tools on `/v1/messages`.
    ///   - messages: the conversation so far.
    ///   - parameters: the model's own controls.
    ///   - type: the type the answer decodes as.
    ///   - maxTokens: `max_tokens`.
    ///   - system: the system prompt.
    ///   - streaming: the answer is streamed, then decoded.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the decoded value, the message it came in, and its usage.
    public func createMessage<M: MessagesModel & ToolCallingModel, Value: Decodable & Sendable>(
        _ model: M.Type, messages: [MessageParam], parameters: M.Parameters? = nil, returning type: Value.Type,
        maxTokens: Int = 4096,
        system: String? = nil, streaming: Bool = false, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> StructuredOutput<Value, Message> {
        try Self.checkPassthrough(options, model)
        let options = options.priced(by: M.self)
        var body = Self.withoutPayload(try self.body(model, parameters: parameters))
        let maxTokens = body["max_tokens"]?.intValue ?? maxTokens
        let name = ToolNames.name(for: Value.self)
        let tool = try Tool(
            name, description: "Reply by calling this tool: its input is the answer.", arguments: Value.self)
        body["tools"] = [tool.messagesJSON]
        body["tool_choice"] = ToolChoice.tool(name).messagesJSON
        let message: Message
        if streaming {
            message = try await collectMessage(
                model: M.id, maxTokens: maxTokens, messages: messages, system: system, parameters: body,
                options: options, onText: nil)
        } else {
            message = try await self.createMessage(
                model: M.id, maxTokens: maxTokens, messages: messages, system: system, parameters: body,
                options: options)
        }
        if message.stopReason == "refusal" {
            throw EmpirioError(
                kind: .refusal, message: "the model refused" + (message.text.isEmpty ? "" : ": \(message.text)"))
        }
        let truncated = message.stopReason == "max_tokens"
        guard let call = message.toolCalls.first(where: { $0.name == name }) else {
            if truncated {
                throw EmpirioError(
                    kind: .truncated,
                    message: "the answer stopped at max_tokens (\(maxTokens)) before the model called \(name)")
            }
            throw EmpirioError(
                kind: .invalidOutput,
                message: "the model answered without calling \(name)"
                    + (message.text.isEmpty ? "" : ": \(message.text.prefix(200))"))
        }
        let value = try Self.decodeOutput(
            Value.self, text: call.arguments, truncated: truncated, what: "the input of \(name)")
        return StructuredOutput(value: value, response: message, usage: message.usage)
    }

    static func decodeOutput<Value: Decodable>(_ type: Value.Type, text: String, truncated: Bool, what: String)
        throws(EmpirioError) -> Value
    {
        do {
            return try ToolArguments.decode(Value.self, from: text)
        } catch {
            if truncated {
                throw EmpirioError(
                    kind: .truncated,
                    message: "\(what) stopped at the length limit and is incomplete (\(error.message))",
                    bodyExcerpt: EmpirioError.excerpt(Array(text.utf8)))
            }
            var failure = EmpirioError(
                kind: .invalidOutput, message: "\(what) does not fit \(Value.self): \(error.message)",
                bodyExcerpt: EmpirioError.excerpt(Array(text.utf8)))
            failure.path = error.path
            throw failure
        }
    }

    /// The JSON inside a Markdown code fence, for models that wrap it in one.
    static func unfenced(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6 else { return trimmed }
        var inner = trimmed.dropFirst(3).dropLast(3)
        if let newline = inner.firstIndex(of: "\n") { inner = inner[inner.index(after: newline)...] }
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A structured answer: the decoded value, the response it came in, and its usage.
public struct StructuredOutput<Value: Sendable, Response: Sendable>: Sendable {
    /// The answer, decoded.
    public var value: Value
    /// The response it came in.
    public var response: Response
    /// The response's usage.
    public var usage: Usage?
}
