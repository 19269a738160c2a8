import EmpirioRuntime
import EmpirioTestSupport
import Foundation
import Testing

/// The runtime's conversation types that generated parameters use (`[ChatMessage]`,
/// `[MessageParam]`, `[ResponseInputItem]`): their wire JSON, read and written, and `Codable`
/// through it.
@Suite("Conversation types")
struct ConversationTypesTests {
    @Test("responses input items read the shapes they model and keep every other item as written")
    func responseItems() throws {
        let text: JSONValue = ["role": "user", "content": "Describe it"]
        #expect(ResponseInputItem(json: text) == .user("Describe it"))
        #expect(ResponseInputItem.user("Describe it").json == text)

        let parts: JSONValue = [
            "role": "user",
            "content": [
                ["type": "input_text", "text": "What is this?"],
                ["type": "input_image", "image_url": "https://x/y.png", "detail": "low"],
            ],
        ]
        #expect(
            ResponseInputItem(json: parts)
                == .user([.inputText("What is this?"), .inputImage(url: "https://x/y.png", detail: "low")]))
        #expect(ResponseInputItem(json: parts).json == parts)

        let output: JSONValue = ["type": "function_call_output", "call_id": "c1", "output": "{\"ok\":true}"]
        #expect(ResponseInputItem(json: output) == .functionCallOutput(callID: "c1", output: "{\"ok\":true}"))
        #expect(ResponseInputItem(json: output).json == output)
        let call: JSONValue = ["type": "function_call", "call_id": "c1", "name": "lookup", "arguments": "{}"]
        #expect(ResponseInputItem(json: call) == .functionCall(callID: "c1", name: "lookup", arguments: "{}"))

        // Shapes it does not model stay exactly as they came.
        for item: JSONValue in [
            ["type": "reasoning", "id": "rs_1", "summary": []],
            ["type": "item_reference", "id": "msg_1"],
            ["type": "function_call_output", "call_id": "c1", "output": "x", "status": "completed"],
            [
                "role": "user",
                "content": [["type": "input_text", "text": "x", "cache_control": ["type": "ephemeral"]]],
            ],
            ["role": "user", "content": 3],
            "a bare string",
        ] {
            #expect(ResponseInputItem(json: item).json == item, "\(item)")
        }
    }

    @Test(
        "seeded random items: reading what was written gives the same item, and Codable agrees with the wire JSON",
        arguments: [1, 2, 3] as [UInt64])
    func randomItems(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let json = Self.randomItem(&random)
            let item = ResponseInputItem(json: json)
            #expect(ResponseInputItem(json: item.json) == item, "\(json)")
            if case .other = item { #expect(item.json == json) }
            let encoded = try JSONEncoder().encode([item])
            #expect(try JSONDecoder().decode([ResponseInputItem].self, from: encoded) == [item])
            #expect(try JSONValue(parsing: [UInt8](encoded)) == .array([item.json]))
        }
    }

    @Test("messages params read a string or blocks, write one text block as a string, and are Codable through that")
    func messageParams() throws {
        let plain: JSONValue = ["role": "user", "content": "Hi"]
        #expect(MessageParam(json: plain) == .user("Hi"))
        #expect(MessageParam.user("Hi").json == plain)
        let blocks: JSONValue = [
            "role": "user",
            "content": [
                ["type": "tool_result", "tool_use_id": "t1", "content": "42"], ["type": "text", "text": "and?"],
            ],
        ]
        let read = MessageParam(json: blocks)
        #expect(read.content.count == 2)
        #expect(MessageParam(json: read.json) == read)
        let encoded = try JSONEncoder().encode([read, .assistant("ok")])
        #expect(try JSONDecoder().decode([MessageParam].self, from: encoded) == [read, .assistant("ok")])
    }

    /// Items of every modelled shape and of shapes near them (extra keys, wrong value kinds).
    static func randomItem(_ random: inout SplitMix64) -> JSONValue {
        let texts: [JSONValue] = ["", "hi", "ünïcode ✓", "{\"a\":1}", 3, .null, true]
        func text() -> JSONValue { texts[random.next(below: texts.count)] }
        func part() -> JSONValue {
            switch random.next(below: 5) {
            case 0: return ["type": "input_text", "text": text()]
            case 1:
                return random.chance(0.5)
                    ? ["type": "input_image", "image_url": text()]
                    : ["type": "input_image", "image_url": text(), "detail": text()]
            case 2: return ["type": "output_text", "text": text()]
            case 3: return ["type": "input_text", "text": text(), "extra": text()]
            default: return ["type": "input_file", "file_id": text()]
            }
        }
        switch random.next(below: 6) {
        case 0:
            return [
                "role": ["user", "assistant", "system", "developer"][random.next(below: 4)].jsonValue,
                "content": text(),
            ]
        case 1: return ["role": "user", "content": .array((0..<random.next(below: 4)).map { _ in part() })]
        case 2: return ["type": "function_call", "call_id": text(), "name": text(), "arguments": text()]
        case 3: return ["type": "function_call_output", "call_id": text(), "output": text()]
        case 4: return ["type": "message", "role": "user", "content": text()]
        default: return ["type": "reasoning", "id": text()]
        }
    }
}

extension String {
    fileprivate var jsonValue: JSONValue { .string(self) }
}
