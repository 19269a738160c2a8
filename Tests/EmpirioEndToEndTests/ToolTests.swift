import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import EmpirioTestSupport
import EmpirioURLSession
import Foundation
import Testing

struct WeatherQuery: Codable, Equatable, Sendable, SchemaDescribing {
    enum Unit: String, Codable, CaseIterable, Sendable { case celsius, fahrenheit }
    var city: String
    var unit: Unit?
    var days: Int
    static let schemaHints: [String: SchemaHint] = ["city": "The city.", "days": SchemaHint(minimum: 1, maximum: 7)]
}

struct TimeQuery: Codable, Equatable, Sendable {
    var zone: String
}

struct Recipe: Codable, Equatable, Sendable {
    struct Ingredient: Codable, Equatable, Sendable {
        var name: String
        var grams: Double
    }
    var title: String
    var servings: Int
    var ingredients: [Ingredient]
    var vegetarian: Bool
    var note: String?
}

/// Tools and structured outputs through the generated module, against the stand-in on
/// 127.0.0.1: the wire shapes the server received, the tool loop, and each typed failure.
@Suite("Tools and structured outputs")
struct ToolTests {
    func withGateway(
        _ transport: TransportKind = .asyncHTTPClient, _ body: (EmpirioClient, TestHTTPServer) async throws -> Void
    ) async throws {
        try await withStandIn(transport.make(), key: "sk-tools-test", body)
    }

    func requestJSON(_ server: TestHTTPServer, _ index: Int) throws -> JSONValue {
        try JSONValue(parsing: server.requests[index].body)
    }

    static func toolbox(log: Log) throws -> Toolbox {
        Toolbox([
            try ToolHandler("get_weather", description: "The weather in a city.", arguments: WeatherQuery.self) {
                query in
                log.append("weather \(query.city) \(query.days)")
                return "18 degrees in \(query.city) for \(query.days) days"
            },
            try ToolHandler("get_time", description: "The time in a zone.", arguments: TimeQuery.self) { query in
                log.append("time \(query.zone)")
                return ToolOutput("12:00 in \(query.zone)")
            },
        ])
    }

    @Test("tools in typed parameters: the OpenAI shape on chat, the Anthropic shape on messages, typed arguments back")
    func toolsInParameters() async throws {
        try await withGateway { client, server in
            let weather = try Tool("get_weather", description: "The weather in a city.", arguments: WeatherQuery.self)
            let completion = try await client.chat(
                DeepseekV4Pro.self, messages: [.user("Weather in Paris?")],
                parameters: .init(tools: [weather], toolChoice: .tool(weather)))
            let sent = try requestJSON(server, 0)
            #expect(sent["tools"] == [weather.chatJSON])
            #expect(sent["tool_choice"] == ["type": "function", "function": ["name": "get_weather"]])
            #expect(
                sent["tools"]?[0]?["function"]?["parameters"]?["properties"]?["days"] == [
                    "type": "integer", "minimum": 1, "maximum": 7,
                ])
            #expect(completion.choices.first?.finishReason == "tool_calls")
            let call = try #require(completion.toolCalls.first)
            #expect(
                try call.decodeArguments(as: WeatherQuery.self)
                    == WeatherQuery(city: "stand-in", unit: .celsius, days: 1))

            let message = try await client.createMessage(
                DeepseekV4Pro.self, messages: [.user("Weather in Paris?")],
                parameters: .init(tools: [weather], toolChoice: .required), maxTokens: 256)
            let anthropic = try requestJSON(server, 1)
            #expect(anthropic["tools"] == [weather.messagesJSON])
            #expect(anthropic["tool_choice"] == ["type": "any"])
            #expect(message.stopReason == "tool_use")
            #expect(try message.toolCalls.first?.decodeArguments(as: WeatherQuery.self).city == "stand-in")

            let response = try await client.respond(
                DeepseekV4Pro.self, input: "Weather?",
                parameters: .init(tools: [weather], toolChoice: .tool("get_weather")))
            _ = response
            let responses = try requestJSON(server, 2)
            #expect(responses["tools"] == [weather.responsesJSON])
            #expect(responses["tool_choice"] == ["type": "function", "name": "get_weather"])
        }
    }

    @Test(
        "a three-step tool loop on chat, streamed and not, through both transports", arguments: TransportKind.allCases,
        [false, true])
    func chatLoop(transport: TransportKind, streaming: Bool) async throws {
        try await withGateway(transport) { client, server in
            let log = Log()
            let streamed = Log()
            let run = try await client.runChatTools(
                DeepseekV4Pro.self, messages: [.system("Be brief."), .user("Weather and time in Paris?")],
                tools: Self.toolbox(log: log),
                streaming: streaming, onText: { streamed.append($0) })
            #expect(run.steps.count == 3)
            #expect(run.steps.map { $0.calls.map(\.name) } == [["get_weather"], ["get_time"], []])
            #expect(log.entries == ["weather stand-in 1", "time stand-in"])
            #expect(run.reachedStepLimit == false)
            #expect(run.text == "Stand-in answer from the tools: 18 degrees in stand-in for 1 days; 12:00 in stand-in")
            #expect(
                run.messages.map(\.role) == ["system", "user", "assistant", "tool", "assistant", "tool", "assistant"])
            #expect(run.usage.responses == 3)
            #expect(run.usage.unpriced == 0)
            let finalCost = try #require(run.final.usage?.costUSD)
            #expect(run.usage.costUSD == Decimal(string: "0.00024")! + Decimal(string: finalCost.text)!)
            #expect(run.usage.inputTokens == 20 + 20 + 9)
            if streaming { #expect(streamed.entries.joined() == run.text) }
            // The second request carried the first call and its answer.
            let second = try requestJSON(server, 1)
            let messages = try #require(second["messages"]?.arrayValue)
            #expect(messages[2]["tool_calls"]?[0]?["function"]?["name"] == "get_weather")
            #expect(
                messages[3] == [
                    "role": "tool", "tool_call_id": messages[2]["tool_calls"]?[0]?["id"] ?? "",
                    "content": "18 degrees in stand-in for 1 days",
                ])
            #expect(second["stream"] == (streaming ? true : nil))
        }
    }

    @Test(
        "a three-step tool loop on messages, streamed and not, through both transports",
        arguments: TransportKind.allCases, [false, true])
    func messagesLoop(transport: TransportKind, streaming: Bool) async throws {
        try await withGateway(transport) { client, server in
            let log = Log()
            let run = try await client.runMessageTools(
                DeepseekV4Pro.self, messages: [.user("Weather and time in Paris?")], tools: Self.toolbox(log: log),
                maxTokens: 512,
                system: "Be brief.", streaming: streaming)
            #expect(run.steps.count == 3)
            #expect(run.steps.map { $0.calls.map(\.name) } == [["get_weather"], ["get_time"], []])
            #expect(log.entries == ["weather stand-in 1", "time stand-in"])
            #expect(run.text == "Stand-in answer from the tools: 18 degrees in stand-in for 1 days; 12:00 in stand-in")
            #expect(run.messages.map(\.role) == ["user", "assistant", "user", "assistant", "user", "assistant"])
            #expect(run.usage.costUSD == Decimal(string: "0.00026")!)
            let second = try requestJSON(server, 1)
            #expect(second["tools"]?[0]?["input_schema"]?["required"] == ["city", "days"])
            let answer = try #require(second["messages"]?[2]?["content"]?[0])
            #expect(answer["type"] == "tool_result")
            #expect(answer["content"] == "18 degrees in stand-in for 1 days")
            #expect(answer["is_error"] == nil)
            #expect(second["system"] == "Be brief.")
        }
    }

    @Test("parallel calls run concurrently and are answered in order; arguments that do not fit go back as errors")
    func parallelAndMalformed() async throws {
        try await withGateway { client, server in
            let log = Log()
            let parallel = try await client.runChatTools(
                DeepseekV4Pro.self, messages: [.user("parallel please")], tools: Self.toolbox(log: log))
            #expect(parallel.steps.count == 2)
            #expect(parallel.steps[0].calls.map(\.name) == ["get_weather", "get_time"])
            #expect(
                parallel.steps[0].outputs.map(\.text) == ["18 degrees in stand-in for 1 days", "12:00 in stand-in"])

            let chat = try await client.runChatTools(
                DeepseekV4Pro.self, messages: [.user("malformed please")], tools: Self.toolbox(log: Log()))
            let first = try #require(chat.steps.first?.outputs.first)
            #expect(first.isError)
            #expect(first.text.contains("Invalid arguments for get_weather"), "\(first.text)")
            #expect(first.text.contains("not JSON"), "\(first.text)")

            let messages = try await client.runMessageTools(
                DeepseekV4Pro.self, messages: [.user("malformed please")], tools: Self.toolbox(log: Log()))
            let misfit = try #require(messages.steps.first?.outputs.first)
            #expect(misfit.isError)
            #expect(misfit.text.contains("missing key \"city\""), "\(misfit.text)")
            let sent = try requestJSON(server, server.requests.count - 2)
            #expect(sent["messages"]?[2]?["content"]?[0]?["is_error"] == true)
        }
    }

    @Test("the step limit stops the loop with the calls unanswered; cancellation stops it with a typed error")
    func limitsAndCancellation() async throws {
        try await withGateway { client, server in
            let limited = try await client.runChatTools(
                DeepseekV4Pro.self, messages: [.user("Go")], tools: Self.toolbox(log: Log()), maxSteps: 1)
            #expect(limited.reachedStepLimit)
            #expect(limited.steps.count == 1)
            #expect(limited.steps[0].outputs.isEmpty)
            #expect(server.requests.count == 1)

            let started = Log()
            let slow = Toolbox([
                try ToolHandler("get_weather", arguments: WeatherQuery.self) { _ in
                    started.append("started")
                    try await Task.sleep(for: .seconds(30))
                    return "late"
                }
            ])
            let task = Task { try await client.runChatTools(DeepseekV4Pro.self, messages: [.user("Go")], tools: slow) }
            for _ in 0..<500 where started.entries.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            #expect(started.entries == ["started"])
            task.cancel()
            let result = await task.result
            guard case .failure(let error) = result else {
                Issue.record("the loop finished after cancellation")
                return
            }
            #expect((error as? EmpirioError)?.kind == .cancelled, "\(error)")
            #expect(server.requests.count == 2)
        }
    }

    @Test("structured output on chat and on messages, streamed and not", arguments: [false, true])
    func structured(streaming: Bool) async throws {
        try await withGateway { client, server in
            let expected = Recipe(
                title: "stand-in", servings: 1, ingredients: [.init(name: "stand-in", grams: 1)], vegetarian: true,
                note: "stand-in")
            let chat = try await client.chat(
                DeepseekV4Pro.self, messages: [.user("A recipe")], returning: Recipe.self, streaming: streaming)
            #expect(chat.value == expected)
            #expect(chat.usage?.costUSD != nil)
            let sent = try requestJSON(server, 0)
            #expect(sent["response_format"]?["type"] == "json_schema")
            #expect(sent["response_format"]?["json_schema"]?["name"] == "Recipe")
            #expect(sent["response_format"]?["json_schema"]?["strict"] == true)
            #expect(
                sent["response_format"]?["json_schema"]?["schema"]?["required"] == [
                    "title", "servings", "ingredients", "vegetarian", "note",
                ])

            let message = try await client.createMessage(
                DeepseekV4Pro.self, messages: [.user("A recipe")], returning: Recipe.self, streaming: streaming)
            #expect(message.value == expected)
            let anthropic = try requestJSON(server, 1)
            #expect(anthropic["tool_choice"] == ["type": "tool", "name": "Recipe"])
            #expect(anthropic["tools"]?[0]?["name"] == "Recipe")
        }
    }

    @Test(
        "refusal, the length limit and JSON that does not fit are three typed errors, on both families",
        arguments: [false, true])
    func structuredFailures(streaming: Bool) async throws {
        try await withGateway { client, _ in
            for (prompt, kind) in [
                ("please refuse", EmpirioError.Kind.refusal), ("please truncate", .truncated),
                ("a misfit", .invalidOutput),
            ] {
                let chat = await expectError {
                    try await client.chat(
                        DeepseekV4Pro.self, messages: [.user(prompt)], returning: Recipe.self, streaming: streaming)
                }
                #expect(chat?.kind == kind, "chat \(prompt): \(String(describing: chat))")
                let message = await expectError {
                    try await client.createMessage(
                        DeepseekV4Pro.self, messages: [.user(prompt)], returning: Recipe.self, streaming: streaming)
                }
                #expect(message?.kind == kind, "messages \(prompt): \(String(describing: message))")
                if kind == .invalidOutput {
                    #expect(chat?.path == "title", "\(String(describing: chat))")
                    #expect(message?.path == "title", "\(String(describing: message))")
                }
            }
        }
    }

    @Test("generated tool_choice and response_format are the runtime's typed values, checked against the catalog")
    func generatedTypes() throws {
        let parameters = DeepseekV4Pro.Parameters(toolChoice: .tool("x"), responseFormat: .jsonObject)
        #expect(parameters.validate().isEmpty)
        let json = try JSONValue(encoding: parameters)
        #expect(json["tool_choice"] == ["type": "function", "function": ["name": "x"]])
        #expect(json["response_format"] == ["type": "json_object"])
        let decoded = try JSONDecoder().decode(DeepseekV4Pro.Parameters.self, from: Data(json.compactJSON.utf8))
        #expect(decoded == parameters)
    }
}

func expectError<T>(_ body: () async throws -> T) async -> EmpirioError? {
    do {
        _ = try await body()
        Issue.record("expected an error")
        return nil
    } catch let error as EmpirioError {
        return error
    } catch {
        Issue.record("not an EmpirioError: \(error)")
        return nil
    }
}

/// A thread-safe list of strings, for what closures saw.
final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ entry: String) { lock.withLock { storage.append(entry) } }
    var entries: [String] { lock.withLock { storage } }
}
