import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// Tools and structured output go only to models whose catalog entry accepts them: the
/// generated conformances, in every spelling the format allows, and a call with any other model
/// does not compile.
@Suite("The catalog decides who gets tools and structured output")
struct CatalogDecidesTests {
    static let responseFormat: JSONValue = [
        "name": "response_format", "type": "object",
        "properties": [
            [
                "name": "type", "type": "string", "required": true,
                "allowed_values": ["text", "json_object", "json_schema"],
            ]
        ],
    ]

    static let catalog: JSONValue = [
        "object": "list",
        "data": [
            GenerativeCompileTests.model(
                "tool-chat", endpoints: ["/v1/chat/completions", "/v1/messages"],
                parameters: [
                    ["name": "messages", "type": "array", "required": true, "items": ["type": "object"]],
                    ["name": "tools", "type": "array", "items": ["type": "object"], "max_items": 4],
                    ["name": "tool_choice", "type": "string", "default": "auto", "allowed_values": ["auto", "none"]],
                    responseFormat,
                ]),
            // Older spellings: `list` of `dict` with properties, a `dict` tool choice, a `json` format with properties, a condition.
            GenerativeCompileTests.model(
                "legacy-tools", endpoints: ["/v1/responses", "/v1/chat/completions"],
                parameters: [
                    [
                        "name": "tools", "type": "list",
                        "items": ["type": "dict", "properties": [["name": "type", "type": "string"]]],
                    ],
                    ["name": "tool_choice", "type": "dict", "requires": ["tools"]],
                    ["name": "response_format", "type": "json", "properties": [["name": "type", "type": "string"]]],
                    [
                        "name": "parallel_tool_calls", "type": "boolean",
                        "conditions": [["when": ["tool_choice": "none"], "required": false]],
                    ],
                ]),
            GenerativeCompileTests.model(
                "json-mode-only", endpoints: ["/v1/chat/completions"],
                parameters: [
                    [
                        "name": "response_format", "type": "object",
                        "properties": [["name": "type", "type": "string", "allowed_values": ["text", "json_object"]]],
                    ]
                ]),
            GenerativeCompileTests.model(
                "plain-chat", endpoints: ["/v1/chat/completions", "/v1/messages"],
                parameters: [
                    ["name": "temperature", "type": "number"], ["name": "tool_choice", "type": "integer"],
                ]),
            // Not a text endpoint: the same names stay what the table says.
            GenerativeCompileTests.model(
                "image-tools", endpoints: ["/v1/images/generations"],
                parameters: [
                    ["name": "prompt", "type": "string", "required": true], ["name": "tools", "type": "array"],
                    ["name": "response_format", "type": "string", "allowed_values": ["url", "b64_json"]],
                ]),
        ],
    ]

    static let header = """
        import EmpirioRuntime
        struct Query: Decodable, Sendable { var city: String }
        """

    @Test(
        "conformances and property types follow the table",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func conformances() async throws {
        let user =
            Self.header + """

                func use(_ client: EmpirioClient) async throws {
                    let box = Toolbox([try ToolHandler("q", arguments: Query.self) { query in "ok \\(query.city)" }])
                    _ = try await client.runChatTools(ToolChat.self, messages: [.user("hi")], tools: box, toolChoice: .tool("q"))
                    _ = try await client.runMessageTools(ToolChat.self, messages: [.user("hi")], tools: box, streaming: true)
                    _ = try await client.chat(ToolChat.self, messages: [.user("hi")], returning: Query.self)
                    _ = try await client.createMessage(ToolChat.self, messages: [.user("hi")], returning: Query.self)
                    _ = try await client.runChatTools(LegacyTools.self, messages: [.user("hi")], tools: box)
                    _ = try await client.chat(LegacyTools.self, messages: [.user("hi")], returning: Query.self)
                    let parameters = ToolChat.Parameters(tools: [try Tool("q", arguments: Query.self)], toolChoice: .disabled, responseFormat: .jsonObject)
                    _ = parameters.validate()
                    _ = LegacyTools.Parameters(tools: [], toolChoice: .tool("q"), responseFormat: .text, parallelToolCalls: true).validate()
                    _ = JSONModeOnly.Parameters(responseFormat: .jsonObject)
                    _ = PlainChat.Parameters(toolChoice: 1)
                    _ = ImageTools.Parameters(prompt: "p", tools: [1], responseFormat: .b64JSON)
                }
                """
        let (output, result) = try await GenerativeCompileTests.typecheck(
            Self.catalog, name: "catalog-decides", userCode: [user])
        #expect(result.status == 0, "\(result.output.prefix(6000))")
        let toolChat = try #require(output.files["ToolChat.swift"])
        #expect(toolChat.contains("EmpirioRuntime.ToolCallingModel, EmpirioRuntime.StructuredOutputModel {"))
        #expect(toolChat.contains(#"check.allowed(toolChoice, "tool_choice", modes: ["auto", "none"])"#))
        #expect(toolChat.contains(#"check.count(tools, "tools", max: 4)"#))
        #expect(
            output.files["LegacyTools.swift"]?.contains(
                "EmpirioRuntime.ToolCallingModel, EmpirioRuntime.StructuredOutputModel {") == true)
        #expect(output.files["JSONModeOnly.swift"]?.contains("StructuredOutputModel") == false)
        #expect(output.files["PlainChat.swift"]?.contains("ToolCallingModel") == false)
        #expect(output.files["ImageTools.swift"]?.contains("var tools: [EmpirioRuntime.JSONValue]?") == true)
    }

    @Test(
        "passing a model whose catalog entry does not accept tools or json_schema does not compile",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"),
        arguments: [
            (
                "_ = try await client.runChatTools(PlainChat.self, messages: [.user(\"hi\")], tools: Toolbox([]))",
                "ToolCallingModel"
            ),
            (
                "_ = try await client.runMessageTools(PlainChat.self, messages: [.user(\"hi\")], tools: Toolbox([]))",
                "ToolCallingModel"
            ),
            (
                "_ = try await client.createMessage(PlainChat.self, messages: [.user(\"hi\")], returning: Query.self)",
                "ToolCallingModel"
            ),
            (
                "_ = try await client.chat(JSONModeOnly.self, messages: [.user(\"hi\")], returning: Query.self)",
                "StructuredOutputModel"
            ),
            (
                "_ = try await client.runChatTools(ImageTools.self, messages: [.user(\"hi\")], tools: Toolbox([]))",
                "ChatCompletionsModel"
            ),
        ])
    func refused(call: String, missing: String) async throws {
        let user = Self.header + "\nfunc use(_ client: EmpirioClient) async throws {\n    \(call)\n}\n"
        let (_, result) = try await GenerativeCompileTests.typecheck(
            Self.catalog, name: "catalog-refuses", userCode: [user])
        #expect(result.status != 0, "compiled: \(call)")
        #expect(result.output.contains(missing), "\(result.output.prefix(3000))")
        // Only the user's call fails: the generated files themselves are clean.
        #expect(!result.output.contains("PlainChat.swift:"), "\(result.output.prefix(3000))")
    }
}
