import Foundation

/// Models whose catalog entry accepts `tools`: only they take tool definitions, the tool loop and
/// (on `/v1/messages`) structured output. The generator adds the conformance.
public protocol ToolCallingModel: CatalogModel {}

/// Models whose catalog entry accepts an object `response_format`: only they take structured
/// output on `/v1/chat/completions`. The generator adds the conformance.
public protocol StructuredOutputModel: CatalogModel {}

/// A function the model may call: a name, a description, and the JSON Schema of its arguments.
///
/// The schema is derived from a Swift type (see ``JSONSchema``) or given as JSON. The same value
/// serves every endpoint family: it encodes in the OpenAI shape (`{"type": "function",
/// "function": {...}}`), and the client rewrites it into the Anthropic shape (`name`,
/// `description`, `input_schema`) on `/v1/messages` and the flat shape on `/v1/responses`.
public struct Tool: Sendable, Hashable, Codable {
    /// The name the model calls the tool by: 1 to 64 letters, digits, `_` or `-`.
    public var name: String
    /// What the tool does, for the model to read.
    public var description: String?
    /// The JSON Schema of the arguments (an object schema).
    public var parameters: JSONValue
    /// OpenAI's `strict`: the model's arguments follow the schema exactly.
    public var strict: Bool?

    /// Creates a tool from its parts.
    ///
    /// - Parameters:
    ///   - name: the tool's name.
    ///   - description: what it does.
    ///   - parameters: the JSON Schema of its arguments.
    ///   - strict: OpenAI's `strict`.
    public init(name: String, description: String? = nil, parameters: JSONValue, strict: Bool? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
    }

    /// A tool whose arguments are `Arguments`, its schema derived from the type.
    ///
    /// - Throws: ``EmpirioError`` (`.invalidRequest`) when the name is not 1 to 64 letters, digits,
    ///   `_` or `-` (what both API families accept), or the type has no derivable schema.
    ///
    /// - Parameters:
    ///   - name: the tool's name.
    ///   - description: what it does.
    ///   - arguments: the type its arguments decode as.
    ///   - strict: derive the strict form of the schema and send `strict: true`.
    public init<Arguments: Decodable>(
        _ name: String, description: String? = nil, arguments: Arguments.Type, strict: Bool = false
    ) throws(EmpirioError) {
        try Self.checkName(name)
        self.init(
            name: name, description: description,
            parameters: try JSONSchema.schema(for: Arguments.self, strict: strict), strict: strict ? true : nil)
    }

    static func checkName(_ name: String) throws(EmpirioError) {
        let valid =
            !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
                    || $0 == 0x2D
            }
        guard valid else {
            throw EmpirioError(
                kind: .invalidRequest,
                message: "the tool name \(JSONValue.string(name).compactJSON) is not 1 to 64 letters, digits, _ or -")
        }
    }

    /// `/v1/chat/completions`: `{"type": "function", "function": {"name", "description", "parameters", "strict"}}`.
    public var chatJSON: JSONValue {
        var function: [String: JSONValue] = ["name": .string(name), "parameters": parameters]
        if let description { function["description"] = .string(description) }
        if let strict { function["strict"] = .bool(strict) }
        return ["type": "function", "function": .object(function)]
    }

    /// `/v1/messages`: `{"name", "description", "input_schema"}`.
    public var messagesJSON: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "input_schema": parameters]
        if let description { object["description"] = .string(description) }
        return .object(object)
    }

    /// `/v1/responses`: `{"type": "function", "name", "description", "parameters", "strict"}`.
    public var responsesJSON: JSONValue {
        var object: [String: JSONValue] = ["type": "function", "name": .string(name), "parameters": parameters]
        if let description { object["description"] = .string(description) }
        if let strict { object["strict"] = .bool(strict) }
        return .object(object)
    }

    /// Reads any of the three shapes.
    ///
    /// - Parameter json: a tool definition in the chat, messages or responses shape.
    /// - Throws: ``EmpirioError`` (`.decoding`) when it has no name.
    public init(json: JSONValue) throws(EmpirioError) {
        let function = json["function"] ?? json
        guard let name = function["name"]?.stringValue else {
            throw EmpirioError(
                kind: .decoding, message: "a tool definition has no name: \(json.compactJSON.prefix(200))")
        }
        self.init(
            name: name, description: function["description"]?.stringValue,
            parameters: function["parameters"] ?? function["input_schema"] ?? ["type": "object"],
            strict: function["strict"]?.boolValue)
    }

    /// Reads a tool definition in any of the three shapes.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: when the value is not a tool definition.
    public init(from decoder: any Decoder) throws {
        self = try Tool(json: JSONValue(from: decoder))
    }

    /// Writes the chat shape.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        try chatJSON.encode(to: encoder)
    }
}

/// How the model picks tools.
public enum ToolChoice: Sendable, Hashable, Codable {
    /// The model decides (the default).
    case auto
    /// No tool calls (`none` on the wire; a Swift name of its own, so that it is never
    /// mistaken for `Optional.none`).
    case disabled
    /// At least one tool call (Anthropic's `any`).
    case required
    /// This tool, by name.
    case tool(String)

    /// This tool.
    ///
    /// - Parameter tool: the tool to call.
    /// - Returns: `.tool(tool.name)`.
    public static func tool(_ tool: Tool) -> ToolChoice { .tool(tool.name) }

    /// `auto`, `none` or `required`; nil for a named tool.
    public var mode: String? {
        switch self {
        case .auto: return "auto"
        case .disabled: return "none"
        case .required: return "required"
        case .tool: return nil
        }
    }

    /// `"auto"`, `"none"`, `"required"` or `{"type": "function", "function": {"name"}}`.
    public var chatJSON: JSONValue {
        if let mode { return .string(mode) }
        guard case .tool(let name) = self else { return "auto" }
        return ["type": "function", "function": ["name": .string(name)]]
    }

    /// `{"type": "auto" | "none" | "any"}` or `{"type": "tool", "name"}`.
    public var messagesJSON: JSONValue {
        switch self {
        case .auto: return ["type": "auto"]
        case .disabled: return ["type": "none"]
        case .required: return ["type": "any"]
        case .tool(let name): return ["type": "tool", "name": .string(name)]
        }
    }

    /// `"auto"`, `"none"`, `"required"` or `{"type": "function", "name"}`.
    public var responsesJSON: JSONValue {
        if let mode { return .string(mode) }
        guard case .tool(let name) = self else { return "auto" }
        return ["type": "function", "name": .string(name)]
    }

    /// Reads any of the three shapes.
    ///
    /// - Parameter json: a tool choice in the chat, messages or responses shape.
    /// - Throws: ``EmpirioError`` (`.decoding`) when it is not a tool choice.
    public init(json: JSONValue) throws(EmpirioError) {
        switch json {
        case "auto": self = .auto
        case "none": self = .disabled
        case "required", "any": self = .required
        default:
            switch json["type"]?.stringValue {
            case "auto": self = .auto
            case "none": self = .disabled
            case "any", "required": self = .required
            default:
                guard let name = json["function"]?["name"]?.stringValue ?? json["name"]?.stringValue else {
                    throw EmpirioError(kind: .decoding, message: "not a tool choice: \(json.compactJSON.prefix(200))")
                }
                self = .tool(name)
            }
        }
    }

    /// Reads a tool choice in any of the three shapes.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: when the value is not a tool choice.
    public init(from decoder: any Decoder) throws {
        self = try ToolChoice(json: JSONValue(from: decoder))
    }

    /// Writes the chat shape.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        try chatJSON.encode(to: encoder)
    }
}

/// The form of a chat answer: text, any JSON object, or JSON that fits a schema.
public enum ResponseFormat: Sendable, Hashable, Codable {
    /// Text (`text`).
    case text
    /// Any JSON object (`json_object`).
    case jsonObject
    /// JSON that fits `schema` (`json_schema`).
    case jsonSchema(name: String, schema: JSONValue, strict: Bool? = nil, description: String? = nil)

    /// Answers that decode as `Value`: its schema derived from the type (``JSONSchema``), named
    /// after it unless `name` is given.
    ///
    /// - Parameters:
    ///   - type: the type answers decode as.
    ///   - name: the schema's name (the type's name by default).
    ///   - description: what the answer is, for the model.
    ///   - strict: the strict form of the schema, and `strict: true`.
    /// - Returns: a `json_schema` response format.
    /// - Throws: ``EmpirioError`` (`.invalidRequest`) when the name is not valid or the type has no
    ///   derivable schema.
    public static func jsonSchema<Value: Decodable>(
        _ type: Value.Type, name: String? = nil, description: String? = nil, strict: Bool = true
    ) throws(EmpirioError) -> ResponseFormat {
        let name = name ?? ToolNames.name(for: Value.self)
        try Tool.checkName(name)
        return .jsonSchema(
            name: name, schema: try JSONSchema.schema(for: Value.self, strict: strict), strict: strict,
            description: description)
    }

    /// `text`, `json_object` or `json_schema`.
    public var type: String {
        switch self {
        case .text: return "text"
        case .jsonObject: return "json_object"
        case .jsonSchema: return "json_schema"
        }
    }

    /// `{"type": "json_schema", "json_schema": {"name", "schema", "strict", "description"}}`, ...
    public var chatJSON: JSONValue {
        guard case .jsonSchema(let name, let schema, let strict, let description) = self else {
            return ["type": .string(type)]
        }
        var inner: [String: JSONValue] = ["name": .string(name), "schema": schema]
        if let strict { inner["strict"] = .bool(strict) }
        if let description { inner["description"] = .string(description) }
        return ["type": "json_schema", "json_schema": .object(inner)]
    }

    /// The `/v1/responses` spelling, which goes in `text.format`: `{"type": "json_schema", "name", "schema", "strict"}`.
    public var responsesJSON: JSONValue {
        guard case .jsonSchema(let name, let schema, let strict, let description) = self else {
            return ["type": .string(type)]
        }
        var object: [String: JSONValue] = ["type": "json_schema", "name": .string(name), "schema": schema]
        if let strict { object["strict"] = .bool(strict) }
        if let description { object["description"] = .string(description) }
        return .object(object)
    }

    /// Reads the chat shape or the responses shape.
    ///
    /// - Parameter json: a response format.
    /// - Throws: ``EmpirioError`` (`.decoding`) when it is not a response format.
    public init(json: JSONValue) throws(EmpirioError) {
        switch json["type"]?.stringValue {
        case "text": self = .text
        case "json_object": self = .jsonObject
        case "json_schema":
            let inner = json["json_schema"] ?? json
            guard let name = inner["name"]?.stringValue else {
                throw EmpirioError(kind: .decoding, message: "a json_schema response format has no name")
            }
            self = .jsonSchema(
                name: name, schema: inner["schema"] ?? [:], strict: inner["strict"]?.boolValue,
                description: inner["description"]?.stringValue)
        default:
            throw EmpirioError(kind: .decoding, message: "not a response format: \(json.compactJSON.prefix(200))")
        }
    }

    /// Reads a response format in the chat or responses shape.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: when the value is not a response format.
    public init(from decoder: any Decoder) throws {
        self = try ResponseFormat(json: JSONValue(from: decoder))
    }

    /// Writes the chat shape.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        try chatJSON.encode(to: encoder)
    }
}

/// What a tool answers: text or content blocks, and whether it failed.
public struct ToolOutput: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// What the tool answers.
    public var content: [ContentBlock]
    /// Sent as `is_error` on `/v1/messages`; on `/v1/chat/completions`, which has no such flag, the
    /// text is sent as it is (write it so that the model can tell).
    public var isError: Bool

    /// A text answer.
    ///
    /// - Parameters:
    ///   - text: the answer.
    ///   - isError: whether the tool failed.
    public init(_ text: String, isError: Bool = false) {
        self.init(content: [.text(text)], isError: isError)
    }

    /// An answer made of content blocks.
    ///
    /// - Parameters:
    ///   - content: the blocks.
    ///   - isError: whether the tool failed.
    public init(content: [ContentBlock], isError: Bool = false) {
        self.content = content
        self.isError = isError
    }

    /// A text answer from a string literal.
    ///
    /// - Parameter value: the answer.
    public init(stringLiteral value: String) { self.init(value) }

    /// A failure, for the model to read.
    ///
    /// - Parameter text: what went wrong.
    /// - Returns: an output with `isError` set.
    public static func error(_ text: String) -> ToolOutput { ToolOutput(text, isError: true) }

    /// A value as JSON text.
    ///
    /// - Parameter value: the value to encode.
    /// - Returns: an output holding the value's compact JSON.
    /// - Throws: ``EmpirioError`` (`.invalidRequest`) when the value cannot be encoded.
    public static func json(_ value: some Encodable) throws(EmpirioError) -> ToolOutput {
        do {
            return ToolOutput(try JSONValue(encoding: value).compactJSON)
        } catch {
            throw EmpirioError(kind: .invalidRequest, message: "a tool output could not be encoded: \(error)")
        }
    }

    /// The text blocks joined.
    public var text: String {
        content.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
    }

    /// The `content` of a `tool_result` block: a string when it is one text block.
    var messagesContent: JSONValue {
        if content.count == 1, case .text(let text) = content[0] { return .string(text) }
        return .array(content.map(\.json))
    }
}

extension ContentBlock {
    /// A `tool_result` block answering a `tool_use` block.
    ///
    /// - Parameters:
    ///   - toolUseID: the `tool_use` block's id.
    ///   - output: the tool's answer.
    /// - Returns: the block.
    public static func toolResult(toolUseID: String, _ output: ToolOutput) -> ContentBlock {
        .toolResult(toolUseID: toolUseID, content: output.content, isError: output.isError)
    }
}

extension ChatMessage {
    /// A `tool` message answering a call: text parts, other blocks as they are.
    ///
    /// - Parameters:
    ///   - callID: the ``ToolCall/id`` being answered.
    ///   - output: the tool's answer.
    /// - Returns: the `tool` message.
    public static func tool(callID: String, _ output: ToolOutput) -> ChatMessage {
        if output.content.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
            return ChatMessage(role: .tool, content: .text(output.text), toolCallID: callID)
        }
        let parts = output.content.map { block -> ChatContent.Part in
            if case .text(let text) = block { return .text(text) }
            return .other(block.json)
        }
        return ChatMessage(role: .tool, content: .parts(parts), toolCallID: callID)
    }
}

extension ToolCall {
    /// The arguments decoded as `Arguments` (dates as ISO 8601). Empty arguments read as `{}`.
    ///
    /// - Throws: ``EmpirioError`` of kind `.toolArguments` naming the tool (``EmpirioError/tool``),
    ///   the place in the arguments (``EmpirioError/path``) and what was wrong.
    /// - Parameter type: the type to decode.
    /// - Returns: the decoded arguments.
    public func decodeArguments<Arguments: Decodable>(as type: Arguments.Type) throws(EmpirioError) -> Arguments {
        let text = arguments.allSatisfy(\.isWhitespace) ? "{}" : arguments
        do {
            return try ToolArguments.decode(Arguments.self, from: text)
        } catch {
            throw EmpirioError(
                kind: .toolArguments,
                message: "the arguments of tool \(name) (call \(id)) do not fit \(Arguments.self): \(error.message)",
                bodyExcerpt: EmpirioError.excerpt(Array(arguments.utf8)), tool: name, path: error.path)
        }
    }
}

extension EmpirioError {
    init(kind: Kind, message: String, bodyExcerpt: String? = nil, tool: String?, path: String? = nil) {
        self.init(kind: kind, message: message, bodyExcerpt: bodyExcerpt)
        self.tool = tool
        self.path = path
    }
}

/// Decoding of model-written JSON into Swift types, with the place of the fault.
enum ToolArguments {
    struct Failure: Error {
        var message: String
        var path: String?
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws(Failure) -> Value {
        do {
            return try decoder().decode(Value.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            // Text that is not JSON at all is said so, with the place of the syntax error (read
            // only on this path: a good answer is parsed once).
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                do {
                    _ = try JSONValue(parsing: text)
                } catch {
                    throw Failure(message: "they are not JSON (\(error))", path: nil)
                }
            }
            throw Failure(message: EmpirioError.describe(error), path: path(of: error))
        } catch {
            throw Failure(message: "\(error)", path: nil)
        }
    }

    static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .keyNotFound(let key, let inner):
            context = DecodingError.Context(codingPath: inner.codingPath + [key], debugDescription: "")
        case .typeMismatch(_, let inner), .valueNotFound(_, let inner), .dataCorrupted(let inner): context = inner
        @unknown default: return ""
        }
        return EmpirioError.codingPathText(context.codingPath)
    }
}

enum ToolNames {
    /// A schema or tool name for a type: its name with every character outside `[A-Za-z0-9_-]`
    /// replaced by `_`, at most 64 characters.
    static func name(for type: Any.Type) -> String {
        let raw = String(describing: type)
        let mapped = raw.unicodeScalars.map { scalar -> Character in
            let ok = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-")
            return ok ? Character(scalar) : "_"
        }
        let name = String(String(mapped).prefix(64))
        return name.isEmpty ? "output" : name
    }
}

// MARK: - Tool calls in responses

extension ChatCompletion {
    /// The tool calls of the first choice.
    public var toolCalls: [ToolCall] { choices.first?.message.toolCalls ?? [] }
}

extension Message {
    /// The `tool_use` blocks as calls: the input as JSON text (a block cut short keeps its
    /// partial input, which then fails to decode with ``ToolCall/decodeArguments(as:)``).
    public var toolCalls: [ToolCall] {
        content.compactMap { block in
            guard case .toolUse(let id, let name, let input) = block else { return nil }
            if case .string(let partial) = input {
                return ToolCall(id: id, type: "tool_use", name: name, arguments: partial)
            }
            return ToolCall(id: id, type: "tool_use", name: name, arguments: input.compactJSON)
        }
    }
}

// MARK: - Wire shapes per endpoint family

/// The client writes tools, tool choices and response formats in the OpenAI shape (that is how
/// they encode in typed parameters); these rewrite a request body for the other families.
enum ToolShapes {
    /// `/v1/messages`: tools as `{name, description, input_schema}`, `tool_choice` as an object.
    static func forMessages(_ body: inout [String: JSONValue]) {
        if case .array(let tools)? = body["tools"] {
            body["tools"] = .array(
                tools.map { tool in
                    guard tool["type"] == "function", tool["function"] != nil, let parsed = try? Tool(json: tool) else {
                        return tool
                    }
                    return parsed.messagesJSON
                })
        }
        if let choice = body["tool_choice"], choice.stringValue != nil || choice["function"] != nil,
            let parsed = try? ToolChoice(json: choice)
        {
            body["tool_choice"] = parsed.messagesJSON
        }
    }

    /// `/v1/responses`: flat function tools, `tool_choice` `{type, name}`, and
    /// `response_format` moved to `text.format`.
    static func forResponses(_ body: inout [String: JSONValue]) {
        if case .array(let tools)? = body["tools"] {
            body["tools"] = .array(
                tools.map { tool in
                    guard tool["type"] == "function", tool["function"] != nil, let parsed = try? Tool(json: tool) else {
                        return tool
                    }
                    return parsed.responsesJSON
                })
        }
        if let choice = body["tool_choice"], choice["function"] != nil, let parsed = try? ToolChoice(json: choice) {
            body["tool_choice"] = parsed.responsesJSON
        }
        if let format = body["response_format"], let parsed = try? ResponseFormat(json: format) {
            var text = body["text"]?.objectValue ?? [:]
            text["format"] = parsed.responsesJSON
            body["text"] = .object(text)
            body["response_format"] = nil
        }
    }
}
