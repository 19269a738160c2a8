import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// A model written by hand, as an app would for a model its snapshot lacks: the protocols are
/// public, and the tool and structured-output calls take it like a generated one.
enum HandWrittenModel: ChatCompletionsModel, MessagesModel, ToolCallingModel, StructuredOutputModel {
    struct Parameters: ModelParameters {
        var temperature: Double?
        func validate() -> [ParameterViolation] { [] }
    }
    static let id: ModelID = "gpt-4o"
    static let metadata = ModelMetadata(
        id: id, name: nil, provider: nil, category: "text", summary: nil, inputModalities: ["text"],
        outputModalities: ["text"],
        contextWindow: nil, endpoints: [.chatCompletions, .messages], features: ["tool_calling"], pricing: [],
        supportsPassthrough: nil)
}

struct GetWeatherArgs: Decodable, Equatable, Sendable {
    enum Units: String, Decodable, CaseIterable, Sendable { case c, f }
    var city: String
    var country: String
    var units: Units
}

struct StockArgs: Decodable, Equatable, Sendable {
    var ticker: String
    var exchange: String
}

struct WeatherReport: Decodable, Equatable, Sendable {
    var city: String
    var temperature: Int
    var units: String
}

/// Tool calls and structured answers of real OpenAI and Anthropic streams (../shared/reference),
/// decoded into Swift types.
@Suite(
    "Typed tool calls and answers from real transcripts",
    .enabled(if: SourceTree.referenceAvailable, "needs ../shared/reference (absent: skipped)"))
struct ToolTranscriptTests {
    func replay<T>(_ file: String, pieces: Int = 7, _ body: (EmpirioClient) async throws -> T) async throws -> T {
        let text = String(decoding: try SourceTree.referenceBytes("sse/" + file), as: UTF8.self)
        return try await withServer({ _ in .sse(text, pieces: pieces) }) { server in
            try await body(makeClient(server, .urlSession))
        }
    }

    @Test("OpenAI tool calls, single, strict, Pydantic-made and parallel, decode into their argument types")
    func openAI() async throws {
        let single = try await replay("openai-chat-tool-call.sse") {
            try await $0.streamChat(model: "gpt-4o", messages: [.user("hi")]).collect()
        }
        #expect(try single.toolCalls.first?.decodeArguments(as: [String: String].self) == ["city": "New York City"])
        let strict = try await replay("openai-chat-tool-call-strict.sse") {
            try await $0.streamChat(model: "gpt-4o", messages: [.user("hi")]).collect()
        }
        #expect(
            try strict.toolCalls.first?.decodeArguments(as: [String: String].self) == [
                "city": "San Francisco", "state": "CA",
            ])
        let pydantic = try await replay("openai-chat-tool-call-pydantic.sse") {
            try await $0.streamChat(model: "gpt-4o", messages: [.user("hi")]).collect()
        }
        #expect(
            try pydantic.toolCalls.first?.decodeArguments(as: GetWeatherArgs.self)
                == GetWeatherArgs(city: "Edinburgh", country: "UK", units: .c))
        let parallel = try await replay("openai-chat-parallel-tool-calls.sse") {
            try await $0.streamChat(model: "gpt-4o", messages: [.user("hi")]).collect()
        }
        let calls = parallel.toolCalls
        #expect(calls.map(\.name) == ["GetWeatherArgs", "get_stock_price"])
        #expect(
            try calls[0].decodeArguments(as: GetWeatherArgs.self)
                == GetWeatherArgs(city: "Edinburgh", country: "GB", units: .c))
        #expect(try calls[1].decodeArguments(as: StockArgs.self) == StockArgs(ticker: "AAPL", exchange: "NASDAQ"))
        // The wrong type for a real call: the error names the tool and the missing key.
        let wrong = try #require(catching { try calls[1].decodeArguments(as: GetWeatherArgs.self) })
        #expect(wrong.tool == "get_stock_price")
        #expect(wrong.path == "city")
    }

    @Test("Anthropic tool use decodes; input cut at max_tokens fails as the tool's arguments")
    func anthropic() async throws {
        let message = try await replay("anthropic-messages-tool-use.sse", pieces: 5) {
            try await $0.streamMessage(model: "claude", maxTokens: 64, messages: [.user("hi")]).collect()
        }
        let input = try #require(message.toolCalls.first).decodeArguments(as: [String: String].self)
        #expect(input["location"]?.contains("Paris") == true)
        let cut = try await replay("anthropic-messages-incomplete-partial-json.sse", pieces: 5) {
            try await $0.streamMessage(model: "claude", maxTokens: 64, messages: [.user("hi")]).collect()
        }
        let error = try #require(catching { try cut.toolCalls.last?.decodeArguments(as: [String: String].self) })
        #expect(error.kind == .toolArguments)
        #expect(error.message.contains("not JSON"), "\(error.message)")
    }

    @Test(
        "a real streamed structured answer decodes through chat(returning:); a real refusal is .refusal; a real length stop is .truncated"
    )
    func structured() async throws {
        let report = try await replay("openai-chat-json-content.sse") { client in
            try await client.chat(
                HandWrittenModel.self, messages: [.user("weather")], returning: WeatherReport.self, streaming: true)
        }
        #expect(report.value == WeatherReport(city: "San Francisco", temperature: 61, units: "f"))
        let refusal = try await replay("openai-chat-refusal.sse") { client in
            await expectError {
                try await client.chat(
                    HandWrittenModel.self, messages: [.user("x")], returning: WeatherReport.self, streaming: true)
            }
        }
        #expect(refusal?.kind == .refusal)
        let length = try await replay("openai-chat-finish-length.sse") { client in
            await expectError {
                try await client.chat(
                    HandWrittenModel.self, messages: [.user("x")], returning: WeatherReport.self, streaming: true)
            }
        }
        #expect(length?.kind == .truncated, "\(String(describing: length))")
    }

    @Test("the schema sent for a hand-written model's structured answer is the derived one")
    func requestShape() async throws {
        let body = try await withServer({ _ in
            .sse(
                #"data: {"choices":[{"index":0,"delta":{"content":"{\"ticker\":\"A\",\"exchange\":\"B\"}"}}]}"#
                    + "\n\ndata: [DONE]\n\n")
        }) { server in
            _ = try await makeClient(server, .asyncHTTPClient).chat(
                HandWrittenModel.self, messages: [.user("x")], parameters: .init(temperature: 0.1),
                returning: StockArgs.self, streaming: true)
            return try JSONValue(parsing: server.requests[0].body)
        }
        #expect(body["temperature"] == 0.1)
        #expect(
            body["response_format"]?["json_schema"]?["schema"]
                == (try JSONSchema.schema(for: StockArgs.self, strict: true)))
    }
}
