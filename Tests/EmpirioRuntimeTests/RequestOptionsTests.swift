import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// Options for one call: its timeout, retry policy, extra headers and extra body fields.
@Suite("Per-call options")
struct RequestOptionsTests {
    static let reply =
        #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#

    @Test("extra headers and body fields reach the wire, streamed or not", arguments: TransportKind.allCases)
    func headersAndBody(kind: TransportKind) async throws {
        try await withServer({ request in
            request.path == "/v1/messages"
                ? .sse("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n") : .json(Self.reply)
        }) { server in
            let client = makeClient(server, kind)
            let options = RequestOptions(
                headers: fields(["X-Trace": "trace-1", "User-Agent": "my-app/2"]),
                extraBody: ["new_param": 3, "temperature": 0.5])
            _ = try await client.chat(
                model: "m", messages: [.user("Hi")], parameters: ["temperature": 1], options: options)
            let sent = try #require(server.requests.last)
            #expect(sent.header("X-Trace") == "trace-1")
            #expect(sent.header("User-Agent") == "my-app/2")
            let body = try JSONValue(parsing: sent.body)
            #expect(body["new_param"] == 3)
            #expect(body["temperature"] == 0.5)
            _ = try await client.streamMessage(model: "claude", maxTokens: 8, messages: [.user("Hi")], options: options)
                .collect()
            #expect(server.requests.last?.header("X-Trace") == "trace-1")
            #expect(try JSONValue(parsing: server.requests.last!.body)["new_param"] == 3)
        }
    }

    @Test("a call's retry policy replaces the client's: a 429 is not retried with .none, and is with the default")
    func retry() async throws {
        try await withServer({ _ in
            .json(
                #"{"error":{"message":"slow","type":"rate_limit_error"}}"#, status: 429, headers: [("Retry-After", "0")]
            )
        }) { server in
            let client = makeClient(server, .asyncHTTPClient)
            let once = await expectError {
                try await client.chat(model: "m", messages: [], options: RequestOptions(retry: RetryPolicy.none))
            }
            #expect(once?.status == 429)
            #expect(server.requests.count == 1)
            _ = await expectError { try await client.chat(model: "m", messages: []) }
            #expect(server.requests.count == 4)
        }
    }

    @Test("a call's timeout replaces the client's", arguments: TransportKind.allCases)
    func timeout(kind: TransportKind) async throws {
        try await withServer({ _ in .silence(.seconds(20)) }) { server in
            let client = makeClient(server, kind, retry: .none, timeout: .seconds(600))
            let error = await expectError {
                try await client.chat(model: "m", messages: [], options: RequestOptions(timeout: .milliseconds(300)))
            }
            #expect(error?.kind == .timeout, "\(String(describing: error))")
        }
    }
}
