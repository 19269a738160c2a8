import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// The client against a real HTTP server on 127.0.0.1, through both transports.
@Suite("Client over HTTP")
struct ClientTests {
    static let chatReply =
        #"{"id":"c1","object":"chat.completion","model":"deepseek-v4-pro","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","reasoning_content":"greet"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7,"cost_usd":0.0000123,"pricing_tier_label":"Short context","tool_calls_details":{"web_search":{"invocation":2}},"citation_tokens":12,"worker":"x"}}"#

    @Test("chat: exact JSON and headers on the wire, decoded reply and usage", arguments: TransportKind.allCases)
    func chat(kind: TransportKind) async throws {
        try await withServer({ _ in .json(Self.chatReply, headers: [("x-request-id", "req_1")]) }) { server in
            let client = makeClient(server, kind)
            let reply = try await client.chat(
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
            #expect(
                request.bodyText
                    == #"{"disable_formatting":true,"enable_thinking":true,"messages":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"}],"model":"deepseek-v4-pro","temperature":0.7,"thinking_budget":1024}"#
            )
            #expect(request.header("Authorization") == "Bearer \(testKey)")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("User-Agent") == EmpirioClient.userAgent)
            #expect(request.header("anthropic-version") == nil)
        }
    }

    @Test(
        "x-api-key auth and anthropic-version on /v1/messages; thinking sent Anthropic-style",
        arguments: TransportKind.allCases)
    func messagesHeaders(kind: TransportKind) async throws {
        let reply =
            #"{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Hi"},{"type":"tool_use","id":"t1","name":"f","input":{"a":1}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}"#
        try await withServer({ _ in .json(reply) }) { server in
            let client = makeClient(server, kind, authentication: .apiKeyHeader)
            let message = try await client.createMessage(
                model: "deepseek-v4-pro", maxTokens: 1024, messages: [.user("Hi")], system: "Brief.",
                thinking: ThinkingConfiguration(budgetTokens: 1024))
            #expect(message.text == "Hi")
            #expect(message.content.last == .toolUse(id: "t1", name: "f", input: ["a": 1]))
            #expect(message.usage?.inputTokens == 3)
            let request = try #require(server.requests.first)
            #expect(request.header("x-api-key") == testKey)
            #expect(request.header("Authorization") == nil)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(
                request.bodyText
                    == #"{"max_tokens":1024,"messages":[{"content":"Hi","role":"user"}],"model":"deepseek-v4-pro","system":"Brief.","thinking":{"budget_tokens":1024,"type":"enabled"}}"#
            )
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

    @Test(
        "SSE chat stream split into single bytes with delays: content, reasoning, usage, [DONE]",
        arguments: TransportKind.allCases)
    func streaming(kind: TransportKind) async throws {
        let handler: TestHTTPServer.Handler = { _ in
            .sse(Self.chatStream, pieces: Self.chatStream.utf8.count, delay: .microseconds(200))
        }
        try await withServer(handler) { server in
            let stream = try await makeClient(server, kind).streamChat(model: "m", messages: [.user("hi")])
            let completion = try await stream.collect()
            #expect(completion.text == "Hello")
            #expect(completion.choices.first?.message.reasoning == "think ")
            #expect(completion.choices.first?.finishReason == "stop")
            #expect(completion.usage?.costUSD?.text == "0.5")
            #expect(server.requests.first?.header("Accept") == "text/event-stream")
            #expect(server.requests.first?.bodyText.contains(#""stream":true"#) == true)
        }
    }

    @Test(
        "a mid-stream error frame throws; a server closing mid-stream is an error, never a hang",
        arguments: TransportKind.allCases)
    func brokenStreams(kind: TransportKind) async throws {
        let errorFrame =
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"error\":{\"message\":\"upstream died\",\"type\":\"server_error\",\"code\":\"upstream_error\"}}\n\n"
        let error = try await withServer({ _ in .sse(errorFrame) }) { server in
            await expectError { try await makeClient(server, kind).streamChat(model: "m", messages: []).collect() }
        }
        #expect(error?.kind == .stream)
        #expect(error?.gatewayCode == .upstreamError)
        let partial = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choi"
        let closed = try await withServer({ _ in .sse(partial, pieces: 2, delay: .milliseconds(20), closeEarly: true) })
        { server in
            await expectError { try await makeClient(server, kind).streamChat(model: "m", messages: []).collect() }
        }
        #expect(
            closed?.kind == .stream || closed?.kind == .connection || closed?.kind == .decoding,
            "\(String(describing: closed))")
    }

    @Test(
        "a stream whose body ends before its terminator throws, carrying what arrived: [DONE], message_stop, response.completed",
        arguments: TransportKind.allCases)
    func streamsEndingEarly(kind: TransportKind) async throws {
        let chat =
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n"
        let cut = try await withServer({ _ in .sse(chat, pieces: 3) }) { server in
            await expectError { try await makeClient(server, kind).streamChat(model: "m", messages: []).collect() }
        }
        #expect(cut?.kind == .stream)
        #expect(cut?.partialText == "Hello")
        #expect(cut?.message.contains("after 2 events without its terminator") == true, "\(String(describing: cut))")
        // The same stream with its terminator is complete.
        let whole = try await withServer({ _ in .sse(chat + "data: [DONE]\n\n", pieces: 3) }) { server in
            try await makeClient(server, kind).streamChat(model: "m", messages: []).collect()
        }
        #expect(whole.text == "Hello")

        let completion = "data: {\"choices\":[{\"index\":0,\"text\":\"Ship\"}]}\n\n"
        let cutCompletion = try await withServer({ _ in .sse(completion) }) { server in
            await expectError { try await makeClient(server, kind).streamCompletion(model: "m", prompt: "x").collect() }
        }
        #expect(cutCompletion?.kind == .stream)
        #expect(cutCompletion?.partialText == "Ship")

        let message =
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}\n\nevent: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Par\"}}\n\n"
        let cutMessage = try await withServer({ _ in .sse(message, pieces: 4) }) { server in
            await expectError {
                try await makeClient(server, kind).streamMessage(model: "m", maxTokens: 10, messages: [.user("x")])
                    .collect()
            }
        }
        #expect(cutMessage?.kind == .stream)
        #expect(cutMessage?.partialText == "Par")
        #expect(cutMessage?.message.contains("without message_stop") == true)
        let stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        let wholeMessage = try await withServer({ _ in .sse(message + stop, pieces: 4) }) { server in
            try await makeClient(server, kind).streamMessage(model: "m", maxTokens: 10, messages: [.user("x")])
                .collect()
        }
        #expect(wholeMessage.text == "Par")

        let responses = "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n"
        let cutResponses = try await withServer({ _ in .sse(responses) }) { server in
            await expectError {
                for try await _ in try await makeClient(server, kind).streamResponse(model: "m", input: "x") {}
            }
        }
        #expect(cutResponses?.kind == .stream)
        // response.completed ends the stream by itself, [DONE] or not.
        let completed =
            responses
            + "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[]}}\n\n"
        let events = try await withServer({ _ in .sse(completed) }) { server in
            var types: [String] = []
            for try await event in try await makeClient(server, kind).streamResponse(model: "m", input: "x") {
                types.append(event.type)
            }
            return types
        }
        #expect(events == ["response.output_text.delta", "response.completed"])
    }

    @Test("429 with Retry-After, then success: retried after the wait", arguments: TransportKind.allCases)
    func retryAfter(kind: TransportKind) async throws {
        let calls = Counter()
        try await withServer({ _ in
            calls.increment() == 1
                ? .json(
                    #"{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}"#,
                    status: 429, headers: [("Retry-After", "0.3")])
                : .json(Self.chatReply)
        }) { server in
            let start = ContinuousClock.now
            let reply = try await makeClient(server, kind).chat(model: "m", messages: [.user("x")])
            #expect(reply.text == "Hello!")
            #expect(server.requests.count == 2)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    static let jobJSON = #"{"job_id":"job-1","status":"processing","progress":50}"#
    static let serverError = #"{"error":{"message":"boom","type":"server_error"}}"#

    @Test("retry pauses follow the backoff and Retry-After on the configured clock, without waiting")
    func retryPausesOnTheClock() async throws {
        let clock = TestClock()
        try await withServer({ request in
            request.path.hasSuffix("/limited")
                ? .json("{}", status: 429, headers: [("Retry-After", "7")]) : .json("{}", status: 503)
        }) { server in
            var configuration = EmpirioConfiguration(
                baseURL: server.baseURL, apiKey: APIKey(testKey),
                retry: RetryPolicy(maxAttempts: 4, baseDelay: .seconds(10), maxDelay: .seconds(15), jitter: 0))
            configuration.clock = clock
            let client = EmpirioClient(configuration: configuration, transport: TransportKind.asyncHTTPClient.make())
            let error = await expectError { try await client.job("job-1") }
            #expect(error?.status == 503)
            #expect(server.requests.count == 4)
            // 10 s, then 20 s capped at 15 s, twice: 40 s of pauses that took no time.
            #expect(clock.sleeps == [.seconds(10), .seconds(15), .seconds(15)])
            let limited = await expectError { try await client.job("limited") }
            #expect(limited?.status == 429)
            #expect(clock.sleeps.dropFirst(3) == [.seconds(7), .seconds(7), .seconds(7)])
        }
    }

    @Test(
        "idempotent GETs: 500, 502, 504, 408 and 409 are retried; 400 is not; retries stop at maxAttempts",
        arguments: TransportKind.allCases)
    func idempotentRetries(kind: TransportKind) async throws {
        for status in [500, 502, 504, 408, 409] {
            let calls = Counter()
            try await withServer({ _ in
                calls.increment() == 1 ? .json(Self.serverError, status: status) : .json(Self.jobJSON)
            }) { server in
                let job = try await makeClient(server, kind).job("job-1")
                #expect(job.id == "job-1")
                #expect(server.requests.count == 2, "status \(status)")
            }
        }
        try await withServer({ _ in
            .json(
                #"{"error":{"message":"bad","type":"invalid_request_error","param":"temperature","code":"invalid_parameter"}}"#,
                status: 400)
        }) { server in
            let error = await expectError { try await makeClient(server, kind).chat(model: "m", messages: []) }
            #expect(error?.status == 400)
            #expect(error?.param == "temperature")
            #expect(server.requests.count == 1)
        }
        try await withServer({ _ in .json("{}", status: 503) }) { server in
            let error = await expectError { try await makeClient(server, kind).job("job-1") }
            #expect(error?.status == 503)
            #expect(server.requests.count == 3)
        }
    }

    @Test(
        "work is never submitted twice: a 500, 502, 504, 408 or 409 after a POST is thrown, not resent",
        arguments: TransportKind.allCases)
    func postsAreNotResent(kind: TransportKind) async throws {
        for status in [500, 502, 504, 408, 409, 503] {
            try await withServer({ _ in .json(Self.serverError, status: status) }) { server in
                let client = makeClient(server, kind)
                let video = await expectError {
                    try await client.submitVideo(model: "seedance-2-0-pro", prompt: "A dolly shot")
                }
                #expect(video?.status == status)
                #expect(video?.isSafeToResend == false)
                let image = await expectError {
                    try await client.generateImages(model: "wan2-7-image", prompt: "A cathedral")
                }
                #expect(image?.status == status)
                let chat = await expectError { try await client.chat(model: "m", messages: [.user("x")]) }
                #expect(chat?.status == status)
                #expect(server.requests.count == 3, "status \(status): each POST sent once")
            }
        }
    }

    @Test(
        "a POST is resent when it provably never reached processing: 429, and 503 with Retry-After",
        arguments: TransportKind.allCases)
    func safePostRetries(kind: TransportKind) async throws {
        for (status, headers) in [(429, [("Retry-After", "0.05")]), (429, []), (503, [("Retry-After", "0")])] {
            let calls = Counter()
            try await withServer({ _ in
                calls.increment() == 1 ? .json(Self.serverError, status: status, headers: headers) : .json(Self.jobJSON)
            }) { server in
                let job = try await makeClient(server, kind).submitVideo(
                    model: "seedance-2-0-pro", prompt: "A dolly shot")
                #expect(job.id == "job-1")
                #expect(server.requests.count == 2, "status \(status) \(headers)")
            }
        }
    }

    @Test(
        "a caller can opt one call into resending work: retrying(retriesRequestsThatCreateWork:)",
        arguments: TransportKind.allCases)
    func optInRetries(kind: TransportKind) async throws {
        let calls = Counter()
        try await withServer({ _ in
            calls.increment() == 1 ? .json(Self.serverError, status: 500) : .json(Self.chatReply)
        }) { server in
            let client = makeClient(server, kind)
            let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), retriesRequestsThatCreateWork: true)
            let reply = try await client.retrying(policy).chat(model: "m", messages: [.user("x")])
            #expect(reply.text == "Hello!")
            #expect(server.requests.count == 2)
            #expect(
                client.configuration.retry.retriesRequestsThatCreateWork == false, "the original client is unchanged")
        }
    }

    @Test(
        "a dropped connection: a GET is retried; a POST, which may have been processed, is not",
        arguments: TransportKind.allCases)
    func droppedConnection(kind: TransportKind) async throws {
        try await withServer({ _ in .drop }) { server in
            let error = await expectError { try await makeClient(server, kind).chat(model: "m", messages: []) }
            #expect(error?.kind == .connection)
            #expect(error?.requestWasSent == nil)
            #expect(server.requests.count == 1)
        }
        try await withServer({ _ in .drop }) { server in
            let error = await expectError { try await makeClient(server, kind).job("job-1") }
            #expect(error?.kind == .connection)
            #expect(server.requests.count == 3)
        }
    }

    @Test(
        "a refused connection never sent the request: even a POST is retried, and the error says it was not sent",
        arguments: TransportKind.allCases)
    func refusedConnection(kind: TransportKind) async throws {
        // A port that was just listening and is now closed.
        let server = try await TestHTTPServer.start { _ in .json("{}") }
        let url = server.baseURL
        await server.shutdown()
        let attempts = Counter()
        let configuration = EmpirioConfiguration(
            baseURL: url, apiKey: APIKey(testKey), timeout: .seconds(20),
            retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)),
            middlewares: [CountingMiddleware(counter: attempts)])
        let client = EmpirioClient(configuration: configuration, transport: kind.make())
        let error = await expectError {
            try await client.submitVideo(model: "seedance-2-0-pro", prompt: "A dolly shot")
        }
        #expect(error?.kind == .connection, "\(String(describing: error))")
        #expect(error?.requestWasSent == false, "\(String(describing: error))")
        #expect(attempts.value == 3)
    }

    @Test(
        "malformed JSON is a decoding error with a body excerpt, never a bare DecodingError",
        arguments: TransportKind.allCases)
    func malformed(kind: TransportKind) async throws {
        try await withServer({ _ in .json("<html>oops</html>") }) { server in
            let error = await expectError { try await makeClient(server, kind).chat(model: "m", messages: []) }
            #expect(error?.kind == .decoding)
            #expect(error?.bodyExcerpt == "<html>oops</html>")
        }
        try await withServer({ _ in .json(#"{"id":"x"}"#) }) { server in
            let error = await expectError { try await makeClient(server, kind).chat(model: "m", messages: []) }
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("expected an array at choices") == true)
        }
        try await withServer({ _ in
            .full(status: 502, headers: [("Content-Type", "text/html")], body: Array("<h1>Bad gateway</h1>".utf8))
        }) { server in
            let error = await expectError {
                try await makeClient(server, kind, retry: .none).chat(model: "m", messages: [])
            }
            #expect(error?.status == 502)
            #expect(error?.bodyExcerpt == "<h1>Bad gateway</h1>")
            #expect(error?.message == "bad gateway")
        }
    }

    @Test("a request that takes too long times out", arguments: TransportKind.allCases)
    func timeout(kind: TransportKind) async throws {
        // Without the timeout the server's silence would end in a closed connection after 5 s: the
        // kind tells which happened, with no wall-clock bound to flake on a loaded machine.
        try await withServer({ _ in .silence(.seconds(5)) }) { server in
            let error = await expectError {
                try await makeClient(server, kind, retry: .none, timeout: .milliseconds(500)).chat(
                    model: "m", messages: [])
            }
            #expect(error?.kind == .timeout, "\(String(describing: error))")
        }
    }

    @Test("cancelling the task stops a stream promptly", arguments: TransportKind.allCases)
    func cancellation(kind: TransportKind) async throws {
        let endless = Array(
            repeating: "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n", count: 400
        ).joined()
        try await withServer({ _ in .sse(endless, pieces: 400, delay: .milliseconds(25)) }) { server in
            let client = makeClient(server, kind)
            let task = Task { () -> Int in
                var count = 0
                for try await _ in try await client.streamChat(model: "m", messages: []) { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            // An uncancelled stream would run its 400 chunks to the end: the outcome tells, no clock needed.
            let result = await task.result
            switch result {
            case .success(let count): Issue.record("the stream ran to the end (\(count) chunks)")
            case .failure(let error):
                #expect((error as? EmpirioError)?.kind == .cancelled || error is CancellationError, "\(error)")
            }
        }
    }

    @Test(
        "no key: refused before anything is sent; the key never appears in an error", arguments: TransportKind.allCases)
    func keyHandling(kind: TransportKind) async throws {
        try await withServer({ _ in
            .json(
                #"{"error":{"message":"Incorrect API key provided: \#(testKey)","type":"invalid_request_error","code":"invalid_api_key"}}"#,
                status: 401)
        }) { server in
            let missing = await expectError {
                try await makeClient(server, kind, key: nil).chat(model: "m", messages: [])
            }
            #expect(missing?.gatewayCode == .missingAPIKey)
            #expect(server.requests.isEmpty)
            let invalid = await expectError { try await makeClient(server, kind).chat(model: "m", messages: []) }
            #expect(invalid?.gatewayCode == .invalidAPIKey)
            #expect(invalid?.description.contains(testKey) == false)
            #expect(invalid?.message.contains("<redacted>") == true)
            #expect(server.requests.count == 1)
        }
        let configuration = EmpirioConfiguration(apiKey: APIKey(testKey))
        #expect(!"\(configuration)".contains(testKey))
        #expect(!"\(APIKey(testKey))".contains(testKey))
        #expect(!String(reflecting: APIKey(testKey)).contains(testKey))
        let fields: HTTPFields = [.authorization: "Bearer \(testKey)", .accept: "application/json"]
        #expect(!"\(fields.redactingCredentials())".contains(testKey))
        #expect(fields.redactingCredentials()[.accept] == "application/json")
    }
}

/// A thread-safe counter for handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    /// Increments and returns the new value.
    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}

/// Counts the attempts that pass through the client's middleware chain.
struct CountingMiddleware: EmpirioMiddleware {
    let counter: Counter

    func intercept(
        _ request: HTTPRequest, body: [UInt8]?,
        next: @Sendable (HTTPRequest, [UInt8]?) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
    ) async throws(EmpirioError) -> (HTTPResponse, ResponseBody) {
        _ = counter.increment()
        return try await next(request, body)
    }
}
