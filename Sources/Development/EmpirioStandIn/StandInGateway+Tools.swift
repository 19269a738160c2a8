import EmpirioJSON
import Foundation

/// Tool calls and structured answers, deterministic enough to test a tool loop against:
///
/// - With `tools` (and `tool_choice` other than none), the stand-in calls the tools one per
///   turn, in the order given, counting the tool results sent since the last user text; once
///   each has answered it replies with their outputs. A named `tool_choice` is called first.
///   A user text containing "parallel" gets every tool in one turn; "malformed" gets arguments
///   that are not JSON.
/// - Arguments, and structured answers (`response_format` `json_schema` on chat, a forced tool
///   on messages), are a sample built from the schema: enums take their first value, numbers
///   their lower bound, objects every property.
/// - A user text containing "refuse" is refused; "truncate" stops at the length limit halfway
///   through the JSON; "misfit" answers JSON of the wrong shape.
/// - Each tool-calling response costs `0.00012`.
extension StandInGateway {
    struct PlannedCall {
        var id: String
        var name: String
        var arguments: String
    }

    enum Plan {
        case text(String, finish: String)
        case calls([PlannedCall])
        case refusal(String)
    }

    static let toolStepUsage = #"{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25,"cost_usd":0.00012}"#
    static let anthropicToolStepUsage = #"{"input_tokens":20,"output_tokens":5,"cost_usd":0.00012}"#

    // MARK: Planning

    static func chatPlan(_ json: JSONValue) -> Plan? {
        let messages = json["messages"]?.arrayValue ?? []
        let lastUser = lastUserText(json).lowercased()
        if json["response_format"]?["type"] == "json_schema" {
            return structured(schema: json["response_format"]?["json_schema"]?["schema"] ?? [:], lastUser: lastUser)
        }
        let tools = (json["tools"]?.arrayValue ?? []).compactMap { tool -> (String, JSONValue)? in
            guard let name = tool["function"]?["name"]?.stringValue else { return nil }
            return (name, tool["function"]?["parameters"] ?? [:])
        }
        guard !tools.isEmpty, json["tool_choice"] != "none" else { return nil }
        let start = messages.lastIndex { $0["role"] == "user" } ?? -1
        var results: [String] = []
        for (offset, message) in messages.enumerated() where offset > start && message["role"] == "tool" {
            results.append(message["content"]?.stringValue ?? "")
        }
        let forced = json["tool_choice"]?["function"]?["name"]?.stringValue
        return toolPlan(
            tools: tools, forced: forced, results: results, lastUser: lastUser, turn: messages.count,
            malformed: #"{"city": "Par"#)
    }

    static func messagesPlan(_ json: JSONValue) -> Plan? {
        let messages = json["messages"]?.arrayValue ?? []
        let lastUser = lastUserText(json).lowercased()
        let tools = (json["tools"]?.arrayValue ?? []).compactMap { tool -> (String, JSONValue)? in
            guard let name = tool["name"]?.stringValue else { return nil }
            return (name, tool["input_schema"] ?? [:])
        }
        guard !tools.isEmpty, json["tool_choice"]?["type"] != "none" else { return nil }
        let start =
            messages.lastIndex { message in
                message["role"] == "user"
                    && (message["content"]?.stringValue != nil
                        || (message["content"]?.arrayValue ?? []).contains { $0["type"] == "text" })
            } ?? -1
        var results: [String] = []
        for (offset, message) in messages.enumerated() where offset > start && message["role"] == "user" {
            for block in message["content"]?.arrayValue ?? [] where block["type"] == "tool_result" {
                let parts: [JSONValue] = block["content"]?.arrayValue ?? []
                results.append(block["content"]?.stringValue ?? parts.compactMap { $0["text"]?.stringValue }.joined())
            }
        }
        let forced = json["tool_choice"]?["type"] == "tool" ? json["tool_choice"]?["name"]?.stringValue : nil
        if let forced, let tool = tools.first(where: { $0.0 == forced }), results.isEmpty {
            // A forced tool is how structured output is asked for on /v1/messages.
            if lastUser.contains("refuse") { return .refusal("I can't help with that.") }
            let text = sample(tool.1).compactJSON
            if lastUser.contains("truncate") {
                return .calls([
                    PlannedCall(
                        id: "toolu_standin_0", name: forced, arguments: String(text.prefix(max(1, text.count / 2))))
                ])
            }
            if lastUser.contains("misfit") {
                return .calls([PlannedCall(id: "toolu_standin_0", name: forced, arguments: #"{"unexpected":true}"#)])
            }
        }
        // Input is always JSON on /v1/messages: "malformed" gets input of the wrong shape.
        return toolPlan(
            tools: tools, forced: forced, results: results, lastUser: lastUser, turn: messages.count,
            malformed: #"{"unexpected":12}"#)
    }

    static func structured(schema: JSONValue, lastUser: String) -> Plan {
        if lastUser.contains("refuse") { return .refusal("I can't help with that.") }
        if lastUser.contains("misfit") { return .text(#"{"unexpected":true}"#, finish: "stop") }
        let text = sample(schema).compactJSON
        if lastUser.contains("truncate") { return .text(String(text.prefix(max(1, text.count / 2))), finish: "length") }
        return .text(text, finish: "stop")
    }

    static func toolPlan(
        tools: [(String, JSONValue)], forced: String?, results: [String], lastUser: String, turn: Int, malformed: String
    ) -> Plan {
        func call(_ tool: (String, JSONValue), _ index: Int) -> PlannedCall {
            let arguments = lastUser.contains("malformed") && results.isEmpty ? malformed : sample(tool.1).compactJSON
            return PlannedCall(id: "call_standin_\(turn)_\(index)", name: tool.0, arguments: arguments)
        }
        if let forced, results.isEmpty, let tool = tools.first(where: { $0.0 == forced }) {
            return .calls([call(tool, 0)])
        }
        if forced != nil, !results.isEmpty {
            return .text("Stand-in answer from the tools: " + results.joined(separator: "; "), finish: "stop")
        }
        if lastUser.contains("parallel"), results.isEmpty {
            return .calls(tools.enumerated().map { call($0.element, $0.offset) })
        }
        if results.count < tools.count {
            return .calls([call(tools[results.count], 0)])
        }
        return .text("Stand-in answer from the tools: " + results.joined(separator: "; "), finish: "stop")
    }

    /// A value that fits a JSON Schema (written apart from the runtime's, so that a fault in
    /// one is not mirrored by the other).
    static func sample(_ schema: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 24, case .object(let object) = schema else { return .null }
        if let values = object["enum"]?.arrayValue, let first = values.first { return first }
        if let options = object["anyOf"]?.arrayValue, let first = options.first(where: { $0["type"] != "null" }) {
            return sample(first, depth: depth + 1)
        }
        var type = object["type"]?.stringValue
        if let types = object["type"]?.arrayValue { type = types.compactMap(\.stringValue).first { $0 != "null" } }
        switch type {
        case "object":
            var out: [String: JSONValue] = [:]
            for (key, value) in object["properties"]?.objectValue ?? [:] { out[key] = sample(value, depth: depth + 1) }
            return .object(out)
        case "array": return [sample(object["items"] ?? [:], depth: depth + 1)]
        case "integer", "number": return object["minimum"] ?? 1
        case "boolean": return true
        case "string":
            switch object["format"]?.stringValue {
            case "date-time": return "2026-12-01T12:00:00Z"
            case "uri": return "https://example.com/standin"
            case "uuid": return "6F9619FF-8B86-D011-B42D-00C04FC964FF"
            default: return "stand-in"
            }
        default: return "stand-in"
        }
    }

    // MARK: Chat

    func chatResponse(model: String, plan: Plan, stream: Bool) -> CannedResponse {
        switch (plan, stream) {
        case (.text(let text, let finish), false):
            return .json(
                #"{"id":"chatcmpl-standin","object":"chat.completion","created":1767225600,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":\#(Self.quote(text))},"finish_reason":"\#(finish)"}],"usage":\#(Self.usage(Self.words(text).count))}"#
            )
        case (.refusal(let text), false):
            return .json(
                #"{"id":"chatcmpl-standin","object":"chat.completion","created":1767225600,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":\#(Self.quote(text))},"finish_reason":"stop"}],"usage":\#(Self.usage(6))}"#
            )
        case (.calls(let calls), false):
            let list = calls.map {
                #"{"id":"\#($0.id)","type":"function","function":{"name":\#(Self.quote($0.name)),"arguments":\#(Self.quote($0.arguments))}}"#
            }
            return .json(
                #"{"id":"chatcmpl-standin","object":"chat.completion","created":1767225600,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[\#(list.joined(separator: ","))]},"finish_reason":"tool_calls"}],"usage":\#(Self.toolStepUsage)}"#
            )
        case (.text(let text, let finish), true):
            let pieces = Self.pieces(text, count: 4).map { #"{"content":\#(Self.quote($0))}"# }
            return chatChunks(model: model, deltas: pieces, finish: finish, usage: Self.usage(Self.words(text).count))
        case (.refusal(let text), true):
            return chatChunks(
                model: model, deltas: Self.pieces(text, count: 2).map { #"{"refusal":\#(Self.quote($0))}"# },
                finish: "stop", usage: Self.usage(6))
        case (.calls(let calls), true):
            var deltas: [String] = []
            for (index, call) in calls.enumerated() {
                deltas.append(
                    #"{"tool_calls":[{"index":\#(index),"id":"\#(call.id)","type":"function","function":{"name":\#(Self.quote(call.name)),"arguments":""}}]}"#
                )
                for piece in Self.pieces(call.arguments, count: 3) {
                    deltas.append(
                        #"{"tool_calls":[{"index":\#(index),"function":{"arguments":\#(Self.quote(piece))}}]}"#)
                }
            }
            return chatChunks(model: model, deltas: deltas, finish: "tool_calls", usage: Self.toolStepUsage)
        }
    }

    func chatChunks(model: String, deltas: [String], finish: String, usage: String) -> CannedResponse {
        let head = #"data: {"id":"chatcmpl-standin","object":"chat.completion.chunk","model":"\#(model)","choices":"#
        var events = [head + #"[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}"#]
        events += deltas.map { head + #"[{"index":0,"delta":\#($0),"finish_reason":null}]}"# }
        events.append(head + #"[{"index":0,"delta":{},"finish_reason":"\#(finish)"}]}"#)
        events.append(head + #"[],"usage":\#(usage)}"#)
        events.append("data: [DONE]")
        return .chunks(
            status: 200, headers: [("Content-Type", "text/event-stream")],
            pieces: events.map { Array(($0 + "\n\n").utf8) }, delay: streamDelay)
    }

    // MARK: Messages

    func messagesResponse(model: String, plan: Plan, stream: Bool) -> CannedResponse {
        let blocks: [JSONValue]
        let stopReason: String
        var usage = Self.anthropicToolStepUsage
        switch plan {
        case .text(let text, let finish):
            blocks = [["type": "text", "text": .string(text)]]
            stopReason = finish == "length" ? "max_tokens" : "end_turn"
            usage = #"{"input_tokens":9,"output_tokens":\#(Self.words(text).count),"cost_usd":0.00002}"#
        case .refusal(let text):
            blocks = [["type": "text", "text": .string(text)]]
            stopReason = "refusal"
            usage = #"{"input_tokens":9,"output_tokens":6,"cost_usd":0.00002}"#
        case .calls(let calls):
            blocks = calls.map {
                [
                    "type": "tool_use", "id": .string($0.id), "name": .string($0.name),
                    "input": (try? JSONValue(parsing: $0.arguments)) ?? .string($0.arguments),
                ]
            }
            stopReason = calls.contains { (try? JSONValue(parsing: $0.arguments)) == nil } ? "max_tokens" : "tool_use"
        }
        if !stream {
            let content = blocks.map { block -> String in
                // A tool input cut short is `{}` in a whole response, as the API sends it.
                if block["input"]?.stringValue != nil, case .object(var object) = block {
                    object["input"] = [:]
                    return JSONValue.object(object).compactJSON
                }
                return block.compactJSON
            }
            return .json(
                #"{"id":"msg_standin","type":"message","role":"assistant","model":"\#(model)","content":[\#(content.joined(separator: ","))],"stop_reason":"\#(stopReason)","stop_sequence":null,"usage":\#(usage)}"#
            )
        }
        var events: [(String, String)] = [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_standin","type":"message","role":"assistant","model":"\#(model)","content":[],"stop_reason":null,"usage":{"input_tokens":20,"output_tokens":1}}}"#
            )
        ]
        for (index, block) in blocks.enumerated() {
            if let text = block["text"]?.stringValue {
                events.append(
                    (
                        "content_block_start",
                        #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"text","text":""}}"#
                    ))
                for piece in Self.pieces(text, count: 3) {
                    events.append(
                        (
                            "content_block_delta",
                            #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"text_delta","text":\#(Self.quote(piece))}}"#
                        ))
                }
            } else {
                let input = block["input"]?.stringValue ?? block["input"]?.compactJSON ?? "{}"
                events.append(
                    (
                        "content_block_start",
                        #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"tool_use","id":\#(Self.quote(block["id"]?.stringValue ?? "")),"name":\#(Self.quote(block["name"]?.stringValue ?? "")),"input":{}}}"#
                    ))
                for piece in Self.pieces(input, count: 3) {
                    events.append(
                        (
                            "content_block_delta",
                            #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"input_json_delta","partial_json":\#(Self.quote(piece))}}"#
                        ))
                }
            }
            events.append(("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#))
        }
        let outputUsage = usage.replacingOccurrences(of: #""input_tokens":20,"#, with: "").replacingOccurrences(
            of: #""input_tokens":9,"#, with: "")
        events.append(
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"\#(stopReason)","stop_sequence":null},"usage":\#(outputUsage)}"#
            ))
        events.append(("message_stop", #"{"type":"message_stop"}"#))
        return .chunks(
            status: 200, headers: [("Content-Type", "text/event-stream")],
            pieces: events.map { Array("event: \($0.0)\ndata: \($0.1)\n\n".utf8) }, delay: streamDelay)
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
}
