import EmpirioRuntime
import EmpirioStandIn
import Foundation
import Testing

/// The client against a real HTTP server on 127.0.0.1, through both transports.
@Suite("Client over HTTP")
struct ClientTests {
    static let chatReply = #"{"id":"c1","object":"chat.completion","model":"deepseek-v4-pro","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","reasoning_content":"greet"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7,"cost_usd":0.0000123,"pricing_tier_label":"Short context","tool_calls_details":{"web_search":{"invocation":2}},"citation_tokens":12,"worker":"x"}}"#

    @Test("chat: exact JSON and headers on the wire, decoded reply and usage", arguments: TransportKind.allCases)
    func chat(kind: TransportKind) async throws {
        try await withServer({ _ in .json(Self.chatReply, headers: [("x-request-id", "req_1")]) }) { server in
            let client = makeClient(server, kind)
            let reply = try await client.chatCompletion(
                model: "deepseek-v4-pro", messages: [.system("Be brief."), .user("Hi")],
                parameters: ["temperature": 0.7, "enable_thinking": true, "thinking_budget": 1024],
                options: RequestOptions(disableFormatting: true))
            #expect(reply.text == "Hello!")
            #expect(reply.choices.first?.message.reasoning == "greet")
            let usage = try #require(reply.usage)
            #expect(usage.costUSD?.text == "0.0000123")
            #expect(usage.totalTokens == 7)
            #expect(usage.pricingTierLabel == "Short context")
            #expect(usage.toolCalls == ["web_search": 2])
            #expect(usage.dimensions["citation_tokens"] == 12)
            #expect(usage.raw["worker"] == "x")
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/chat/completions")
            #expect(request.bodyText == #"{"disable_formatting":true,"enable_thinking":true,"messages":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"}],"model":"deepseek-v4-pro","temperature":0.7,"thinking_budget":1024}"#)
            #expect(request.header("Authorization") == "Bearer \(testKey)")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("User-Agent") == EmpirioClient.userAgent)
            #expect(request.header("anthropic-version") == nil)
        }
    }

    @Test("x-api-key auth and anthropic-version on /v1/messages; thinking sent Anthropic-style", arguments: TransportKind.allCases)
    func messagesHeaders(kind: TransportKind) async throws {
        let reply = #"{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Hi"},{"type":"tool_use","id":"t1","name":"f","input":{"a":1}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}"#
        try await withServer({ _ in .json(reply) }) { server in
            let client = makeClient(server, kind, authentication: .apiKeyHeader)
            let message = try await client.message(
                model: "deepseek-v4-pro", maxTokens: 1024, messages: [.user("Hi")], system: "Brief.", thinking: ThinkingConfiguration(budgetTokens: 1024))
            #expect(message.text == "Hi")
            #expect(message.content.last == .toolUse(id: "t1", name: "f", input: ["a": 1]))
            #expect(message.usage?.inputTokens == 3)
            let request = try #require(server.requests.first)
            #expect(request.header("x-api-key") == testKey)
            #expect(request.header("Authorization") == nil)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.bodyText == #"{"max_tokens":1024,"messages":[{"content":"Hi","role":"user"}],"model":"deepseek-v4-pro","system":"Brief.","thinking":{"budget_tokens":1024,"type":"enabled"}}"#)
        }
    }

    static let chatStream = [
        ": keep-alive",
        "",
        #"data: {"id":"s1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"think "}}]}"#,
        "",
        #"data: {"id":"s1","choices":[{"index":0,"delta":{"content":"Hel"}}]}"#,
        "",
        #"data: {"id":"s1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}"#,
        "",
        #"data: {"id":"s1","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"cost_usd":"0.5"}}"#,
        "",
        "data: [DONE]",
        "",
        "",
    ].joined(separator: "\r\n")

    @Test("SSE chat stream split into single bytes with delays: content, reasoning, usage, [DONE]", arguments: TransportKind.allCases)
    func streaming(kind: TransportKind) async throws {
        try await withServer({ _ in .sse(Self.chatStream, pieces: Self.chatStream.utf8.count, delay: .microseconds(200)) }) { server in
            let stream = try await makeClient(server, kind).streamChatCompletion(model: "m", messages: [.user("hi")])
            let completion = try await stream.collect()
            #expect(completion.text == "Hello")
            #expect(completion.choices.first?.message.reasoning == "think ")
            #expect(completion.choices.first?.finishReason == "stop")
            #expect(completion.usage?.costUSD?.text == "0.5")
            #expect(server.requests.first?.header("Accept") == "text/event-stream")
            #expect(server.requests.first?.bodyText.contains(#""stream":true"#) == true)
        }
    }

    @Test("a mid-stream error frame throws; a server closing mid-stream is an error, never a hang", arguments: TransportKind.allCases)
    func brokenStreams(kind: TransportKind) async throws {
        let errorFrame = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"error\":{\"message\":\"upstream died\",\"type\":\"server_error\",\"code\":\"upstream_error\"}}\n\n"
        let error = try await withServer({ _ in .sse(errorFrame) }) { server in
            await expectError { try await makeClient(server, kind).streamChatCompletion(model: "m", messages: []).collect() }
        }
        #expect(error?.kind == .stream)
        #expect(error?.gatewayCode == .upstreamError)
        let partial = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choi"
        let closed = try await withServer({ _ in .sse(partial, pieces: 2, delay: .milliseconds(20), closeEarly: true) }) { server in
            await expectError { try await makeClient(server, kind).streamChatCompletion(model: "m", messages: []).collect() }
        }
        #expect(closed?.kind == .stream || closed?.kind == .connection || closed?.kind == .decoding, "\(String(describing: closed))")
    }

    @Test("429 with Retry-After, then success: retried after the wait", arguments: TransportKind.allCases)
    func retryAfter(kind: TransportKind) async throws {
        let calls = Counter()
        try await withServer({ _ in
            calls.increment() == 1
                ? .json(#"{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}"#, status: 429, headers: [("Retry-After", "0.3")])
                : .json(Self.chatReply)
        }) { server in
            let start = ContinuousClock.now
            let reply = try await makeClient(server, kind).chatCompletion(model: "m", messages: [.user("x")])
            #expect(reply.text == "Hello!")
            #expect(server.requests.count == 2)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test("500 then success is retried; 400 is not; retries stop at maxAttempts", arguments: TransportKind.allCases)
    func retries(kind: TransportKind) async throws {
        let calls = Counter()
        try await withServer({ _ in calls.increment() == 1 ? .json(#"{"error":{"message":"boom","type":"server_error"}}"#, status: 500) : .json(Self.chatReply) }) { server in
            _ = try await makeClient(server, kind).chatCompletion(model: "m", messages: [])
            #expect(server.requests.count == 2)
        }
        try await withServer({ _ in .json(#"{"error":{"message":"bad","type":"invalid_request_error","param":"temperature","code":"invalid_parameter"}}"#, status: 400) }) { server in
            let error = await expectError { try await makeClient(server, kind).chatCompletion(model: "m", messages: []) }
            #expect(error?.status == 400)
            #expect(error?.param == "temperature")
            #expect(server.requests.count == 1)
        }
        try await withServer({ _ in .json("{}", status: 503) }) { server in
            let error = await expectError { try await makeClient(server, kind).chatCompletion(model: "m", messages: []) }
            #expect(error?.status == 503)
            #expect(server.requests.count == 3)
        }
    }

    @Test("a dropped connection is retried, then reported as a connection error", arguments: TransportKind.allCases)
    func droppedConnection(kind: TransportKind) async throws {
        try await withServer({ _ in .drop }) { server in
            let error = await expectError { try await makeClient(server, kind).chatCompletion(model: "m", messages: []) }
            #expect(error?.kind == .connection)
            #expect(server.requests.count == 3)
        }
    }

    @Test("malformed JSON is a decoding error with a body excerpt, never a bare DecodingError", arguments: TransportKind.allCases)
    func malformed(kind: TransportKind) async throws {
        try await withServer({ _ in .json("<html>oops</html>") }) { server in
            let error = await expectError { try await makeClient(server, kind).chatCompletion(model: "m", messages: []) }
            #expect(error?.kind == .decoding)
            #expect(error?.bodyExcerpt == "<html>oops</html>")
        }
        try await withServer({ _ in .json(#"{"id":"x"}"#) }) { server in
            let error = await expectError { try await makeClient(server, kind).chatCompletion(model: "m", messages: []) }
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("expected an array at choices") == true)
        }
        try await withServer({ _ in .full(status: 502, headers: [("Content-Type", "text/html")], body: Array("<h1>Bad gateway</h1>".utf8)) }) { server in
            let error = await expectError { try await makeClient(server, kind, retry: .none).chatCompletion(model: "m", messages: []) }
            #expect(error?.status == 502)
            #expect(error?.bodyExcerpt == "<h1>Bad gateway</h1>")
            #expect(error?.message == "bad gateway")
        }
    }

    @Test("a request that takes too long times out", arguments: TransportKind.allCases)
    func timeout(kind: TransportKind) async throws {
        try await withServer({ _ in .silence(.seconds(5)) }) { server in
            let start = ContinuousClock.now
            let error = await expectError { try await makeClient(server, kind, retry: .none, timeout: .milliseconds(500)).chatCompletion(model: "m", messages: []) }
            #expect(error?.kind == .timeout, "\(String(describing: error))")
            #expect(ContinuousClock.now - start < .seconds(4))
        }
    }

    @Test("cancelling the task stops a stream promptly", arguments: TransportKind.allCases)
    func cancellation(kind: TransportKind) async throws {
        let endless = Array(repeating: "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n", count: 400).joined()
        try await withServer({ _ in .sse(endless, pieces: 400, delay: .milliseconds(25)) }) { server in
            let client = makeClient(server, kind)
            let task = Task { () -> Int in
                var count = 0
                for try await _ in try await client.streamChatCompletion(model: "m", messages: []) { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - start < .seconds(3))
            switch result {
            case .success(let count): Issue.record("the stream ran to the end (\(count) chunks)")
            case .failure(let error): #expect((error as? EmpirioError)?.kind == .cancelled || error is CancellationError, "\(error)")
            }
        }
    }

    @Test("no key: refused before anything is sent; the key never appears in an error", arguments: TransportKind.allCases)
    func keyHandling(kind: TransportKind) async throws {
        try await withServer({ _ in .json(#"{"error":{"message":"Incorrect API key provided: \#(testKey)","type":"invalid_request_error","code":"invalid_api_key"}}"#, status: 401) }) { server in
            let missing = await expectError { try await makeClient(server, kind, key: nil).chatCompletion(model: "m", messages: []) }
            #expect(missing?.gatewayCode == .missingAPIKey)
            #expect(server.requests.isEmpty)
            let invalid = await expectError { try await makeClient(server, kind).chatCompletion(model: "m", messages: []) }
            #expect(invalid?.gatewayCode == .invalidAPIKey)
            #expect(invalid?.description.contains(testKey) == false)
            #expect(invalid?.message.contains("<redacted>") == true)
            #expect(server.requests.count == 1)
        }
        let configuration = EmpirioConfiguration(apiKey: APIKey(testKey))
        #expect(!"\(configuration)".contains(testKey))
        #expect(!"\(APIKey(testKey))".contains(testKey))
        #expect(!String(reflecting: APIKey(testKey)).contains(testKey))
        #expect(!"\(HTTPHeaders([("Authorization", "Bearer \(testKey)")]))".contains(testKey))
    }
}

/// A thread-safe counter for handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Increments and returns the new value.
    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
