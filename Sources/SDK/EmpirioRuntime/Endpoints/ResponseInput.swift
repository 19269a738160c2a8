/// An item of a `/v1/responses` `input` list: a message with text or image parts, a function
/// call the model made and its output, or any other item kept as received. `Codable` through its
/// wire JSON (``json``, ``init(json:)``), so a generated `Parameters.input` that the catalog
/// types as a list is `[ResponseInputItem]`.
public enum ResponseInputItem: Sendable, Hashable, Codable {
    /// A message: who wrote it and its content parts.
    case message(role: MessageRole, content: [Part])
    /// A call the model made to a function tool, replayed: its id, the tool's name and the
    /// arguments as JSON text.
    case functionCall(callID: String, name: String, arguments: String)
    /// A function tool's output, answering the call with `callID`.
    case functionCallOutput(callID: String, output: String)
    /// Any other item (`reasoning`, `item_reference`, ...), kept as written.
    case other(JSONValue)

    /// A part of a message's content.
    public enum Part: Sendable, Hashable {
        /// Text the caller sends (`input_text`).
        case inputText(String)
        /// An image by URL or data URL (`input_image`), with an optional `detail` (`low`, `high`, `auto`).
        case inputImage(url: String, detail: String? = nil)
        /// Text an earlier answer gave (`output_text`), replayed in an assistant message.
        case outputText(String)
        /// Any other part (`input_file`, `input_audio`, ...), kept as written.
        case other(JSONValue)

        /// The part as the wire writes it.
        public var json: JSONValue {
            switch self {
            case .inputText(let text): return ["type": "input_text", "text": .string(text)]
            case .inputImage(let url, let detail):
                var object: [String: JSONValue] = ["type": "input_image", "image_url": .string(url)]
                if let detail { object["detail"] = .string(detail) }
                return .object(object)
            case .outputText(let text): return ["type": "output_text", "text": .string(text)]
            case .other(let json): return json
            }
        }

        /// Reads a part; an unknown `type` becomes ``other(_:)``.
        ///
        /// - Parameter json: a content part object.
        public init(json: JSONValue) {
            let keys = Set(json.objectValue?.keys.map { $0 } ?? [])
            let text = json["text"]?.stringValue
            let url = json["image_url"]?.stringValue
            // `detail`, when present, must be a string for the part to be modelled.
            let detail = json["detail"]
            let detailIsText = detail.map { $0.stringValue != nil } ?? true
            switch json["type"]?.stringValue {
            case "input_text" where keys == ["type", "text"] && text != nil: self = .inputText(text ?? "")
            case "output_text" where keys == ["type", "text"] && text != nil: self = .outputText(text ?? "")
            case "input_image" where keys.isSubset(of: ["type", "image_url", "detail"]) && url != nil && detailIsText:
                self = .inputImage(url: url ?? "", detail: detail?.stringValue)
            default: self = .other(json)
            }
        }
    }

    /// A `user` message with text.
    ///
    /// - Parameter text: what the user says.
    /// - Returns: the item.
    public static func user(_ text: String) -> ResponseInputItem { .message(role: .user, content: [.inputText(text)]) }

    /// A `user` message with parts (text and images).
    ///
    /// - Parameter parts: the parts, in order.
    /// - Returns: the item.
    public static func user(_ parts: [Part]) -> ResponseInputItem { .message(role: .user, content: parts) }

    /// A `system` message.
    ///
    /// - Parameter text: the instructions.
    /// - Returns: the item.
    public static func system(_ text: String) -> ResponseInputItem {
        .message(role: .system, content: [.inputText(text)])
    }

    /// A `developer` message.
    ///
    /// - Parameter text: the instructions.
    /// - Returns: the item.
    public static func developer(_ text: String) -> ResponseInputItem {
        .message(role: .developer, content: [.inputText(text)])
    }

    /// An `assistant` message, replaying an earlier answer.
    ///
    /// - Parameter text: what the assistant said.
    /// - Returns: the item.
    public static func assistant(_ text: String) -> ResponseInputItem {
        .message(role: .assistant, content: [.outputText(text)])
    }

    /// The item as the wire writes it; a message whose only part is text the caller sends
    /// writes its content as a string.
    public var json: JSONValue {
        switch self {
        case .message(let role, let content):
            if content.count == 1, case .inputText(let text) = content[0] {
                return ["role": .string(role.rawValue), "content": .string(text)]
            }
            return ["role": .string(role.rawValue), "content": .array(content.map(\.json))]
        case .functionCall(let callID, let name, let arguments):
            return [
                "type": "function_call", "call_id": .string(callID), "name": .string(name),
                "arguments": .string(arguments),
            ]
        case .functionCallOutput(let callID, let output):
            return ["type": "function_call_output", "call_id": .string(callID), "output": .string(output)]
        case .other(let json): return json
        }
    }

    /// Reads an item from its wire form. A message is an object with a `role` (and `type`
    /// `message` or none) whose `content` is a string or a list of parts; an item of a shape
    /// this type does not model becomes ``other(_:)`` and is written back unchanged.
    ///
    /// - Parameter json: an input item.
    public init(json: JSONValue) {
        let type = json["type"]?.stringValue
        if type == nil || type == "message", let role = json["role"]?.stringValue,
            json.objectValue?.keys.allSatisfy({ ["type", "role", "content"].contains($0) }) == true
        {
            switch json["content"] {
            case .string(let text)?:
                self = .message(role: MessageRole(rawValue: role), content: [.inputText(text)])
                return
            case .array(let parts)?:
                self = .message(role: MessageRole(rawValue: role), content: parts.map(Part.init(json:)))
                return
            default: break
            }
        }
        if type == "function_call", let callID = json["call_id"]?.stringValue, let name = json["name"]?.stringValue,
            let arguments = json["arguments"]?.stringValue, json.objectValue?.count == 4
        {
            self = .functionCall(callID: callID, name: name, arguments: arguments)
            return
        }
        if type == "function_call_output", let callID = json["call_id"]?.stringValue,
            let output = json["output"]?.stringValue,
            json.objectValue?.count == 3
        {
            self = .functionCallOutput(callID: callID, output: output)
            return
        }
        self = .other(json)
    }

    /// Decodes the wire JSON of an item (as ``init(json:)``).
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: when the decoder holds no JSON value.
    public init(from decoder: any Decoder) throws {
        self.init(json: try JSONValue(from: decoder))
    }

    /// Encodes the wire JSON of the item (``json``).
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
