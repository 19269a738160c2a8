import EmpirioCatalog
import EmpirioJSON
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// The conversation parameters of the text endpoints take the runtime's types, never a generated
/// twin: `messages` of a chat model is `[ChatMessage]`, of a model reached only through the
/// Anthropic shape `[MessageParam]`, and a list `input` of a responses model `[ResponseInputItem]`.
@Suite("Conversation parameters")
struct ConversationParameterTests {
    static let messageItems: JSONValue = [
        "type": "object",
        "properties": [
            ["name": "role", "type": "string", "allowed_values": ["user", "assistant"]],
            ["name": "content", "type": "string", "description": "The text, or an array of content blocks."],
        ],
    ]

    static let catalog: JSONValue = [
        "data": [
            [
                "id": "claude-shaped", "category": "text", "supported_endpoints": ["/v1/messages"],
                "parameters": [
                    ["name": "messages", "type": "array", "required": true, "min_items": 1, "items": messageItems],
                    ["name": "max_tokens", "type": "integer", "required": true, "min": 1],
                ],
            ],
            [
                "id": "responses-shaped", "category": "text", "supported_endpoints": ["/v1/responses"],
                "parameters": [
                    ["name": "input", "type": "array", "required": true, "max_items": 3, "items": messageItems],
                    ["name": "temperature", "type": "number", "min": 0, "max": 2],
                ],
            ],
            [
                "id": "chat-shaped", "category": "text",
                "supported_endpoints": ["/v1/chat/completions", "/v1/messages"],
                "parameters": [["name": "messages", "type": "array", "required": true, "items": messageItems]],
            ],
        ]
    ]

    @Test("each conversation parameter is the runtime's type, with no nested twin declared")
    func types() throws {
        let loaded = try CatalogLoader.load(string: Self.catalog.compactJSON, format: .json, file: "conversation.json")
        let output = try Generator(renderer: Renderer()).generate(loaded.catalog)
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        let claude = try #require(output.files["ClaudeShaped.swift"])
        let responses = try #require(output.files["ResponsesShaped.swift"])
        let chat = try #require(output.files["ChatShaped.swift"])
        #expect(claude.contains("var messages: [EmpirioRuntime.MessageParam]?"), "\(claude)")
        #expect(responses.contains("var input: [EmpirioRuntime.ResponseInputItem]?"), "\(responses)")
        #expect(chat.contains("var messages: [EmpirioRuntime.ChatMessage]?"), "\(chat)")
        for file in [claude, responses, chat] {
            #expect(!file.contains("struct Message"), "a generated twin of a runtime type:\n\(file)")
            #expect(!file.contains("struct Input"), "a generated twin of a runtime type:\n\(file)")
        }
    }

    @Test(
        "the typed values decode, validate and encode the wire's shapes in a compiled program",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func compiled() async throws {
        let main = #"""
            import EmpirioRuntime
            import Foundation

            func roundTrip<P: Codable & Equatable>(_ type: P.Type, _ json: String) throws -> String {
                let value = try JSONDecoder().decode(P.self, from: Data(json.utf8))
                let again = try JSONDecoder().decode(P.self, from: JSONEncoder().encode(value))
                return value == again ? "same" : "changed"
            }

            let blocks = #"{"max_tokens":16,"messages":[{"role":"user","content":[{"type":"text","text":"What is 6*7?"},{"type":"tool_result","tool_use_id":"t1","content":"42"}]}]}"#
            let claude = try JSONDecoder().decode(ClaudeShaped.Parameters.self, from: Data(blocks.utf8))
            print("claude blocks: \(claude.messages?.first?.content.count ?? -1)")
            print("claude round trip: \(try roundTrip(ClaudeShaped.Parameters.self, blocks))")
            let empty = ClaudeShaped.Parameters(maxTokens: 16, messages: [])
            print("claude empty: \(empty.validate().map(\.description))")
            let typed = ClaudeShaped.Parameters(maxTokens: 16, messages: [.user("Hi"), MessageParam(role: .assistant, content: [.text("Hello"), .toolUse(id: "t1", name: "f", input: [:])])])
            print("claude typed valid: \(typed.validate().isEmpty)")

            let items = #"{"input":[{"role":"user","content":[{"type":"input_text","text":"What is in it?"},{"type":"input_image","image_url":"https://example.com/a.png"}]},{"type":"function_call_output","call_id":"c1","output":"{}"}]}"#
            let responses = try JSONDecoder().decode(ResponsesShaped.Parameters.self, from: Data(items.utf8))
            print("responses items: \(responses.input?.count ?? -1)")
            print("responses round trip: \(try roundTrip(ResponsesShaped.Parameters.self, items))")
            let many = ResponsesShaped.Parameters(input: [.user("a"), .user("b"), .assistant("c"), .user([.inputText("d"), .inputImage(url: "https://example.com/d.png")])])
            print("responses many: \(many.validate().count)")
            """#
        let (output, result) = try await RunnableProgram.run(Self.catalog, name: "conversation", main: main)
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let lines = Set(result.output.split(separator: "\n").map(String.init))
        #expect(lines.contains("claude blocks: 2"), "\(result.output)")
        #expect(lines.contains("claude round trip: same"), "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("claude empty: [") && $0.contains("messages") }, "\(result.output)")
        #expect(lines.contains("claude typed valid: true"), "\(result.output)")
        #expect(lines.contains("responses items: 2"), "\(result.output)")
        #expect(lines.contains("responses round trip: same"), "\(result.output)")
        #expect(lines.contains("responses many: 1"), "\(result.output)")
    }
}
