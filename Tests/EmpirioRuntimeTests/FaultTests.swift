import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// A server that misbehaves on purpose, through both transports. Every fault ends in a typed
/// error or the right result: never a hang, never a crash, never the key in a message.
///
/// No test bounds wall time (a loaded machine would make it flake): where a fault would otherwise
/// end differently (a stall ends in a closed connection after 20 s, an uncancelled stream delivers
/// all its chunks), the error's kind or the count tells which happened; the suite's time limit
/// turns a real hang into a failure.
@Suite("Faults", .timeLimit(.minutes(3)))
struct FaultTests {
    static let chunk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"

    func client(
        _ server: TestHTTPServer, _ kind: TransportKind, idle: Duration = .seconds(60), maxBytes: Int = 64 << 20
    ) -> EmpirioClient {
        EmpirioClient(
            configuration: EmpirioConfiguration(
                baseURL: server.baseURL, apiKey: APIKey(testKey), timeout: .seconds(30),
                retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)),
                idleTimeout: idle, maxResponseBytes: maxBytes),
            transport: kind.make())
    }

    /// The error must be typed and must not carry the key anywhere.
    func clean(_ error: EmpirioError?) -> EmpirioError? {
        if let error {
            #expect(!"\(error)".contains(testKey) && !String(reflecting: error).contains(testKey))
        }
        return error
    }

    @Test("the connection closes in the middle of a JSON body: a connection error", arguments: TransportKind.allCases)
    func closedMidBody(kind: TransportKind) async throws {
        let half = Array(#"{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"Hel"#.utf8)
        let error = try await withServer({ _ in
            .chunks(status: 200, headers: [("Content-Type", "application/json")], pieces: [half], closeEarly: true)
        }) { server in
            clean(await expectError { try await client(server, kind).chat(model: "m", messages: [.user("x")]) })
        }
        #expect(error?.kind == .connection || error?.kind == .decoding, "\(String(describing: error))")
    }

    @Test(
        "a stream that stops sending fails with an idle timeout, keeping what arrived",
        arguments: TransportKind.allCases)
    func stalledStream(kind: TransportKind) async throws {
        let error = try await withServer({ _ in
            .stall(
                status: 200, headers: [("Content-Type", "text/event-stream")], first: Array(Self.chunk.utf8),
                duration: .seconds(20))
        }) { server in
            clean(
                await expectError {
                    try await client(server, kind, idle: .milliseconds(400)).streamChat(model: "m", messages: [])
                        .collect()
                })
        }
        #expect(error?.kind == .timeout, "\(String(describing: error))")
        #expect(error?.partialText == "a")
    }

    @Test("headers arrive but the body never does: an idle timeout, not a hang", arguments: TransportKind.allCases)
    func headersWithoutBody(kind: TransportKind) async throws {
        let error = try await withServer({ _ in
            .stall(status: 200, headers: [("Content-Type", "application/json")], first: [], duration: .seconds(20))
        }) { server in
            clean(await expectError { try await client(server, kind, idle: .milliseconds(400)).job("job-1") })
        }
        #expect(error?.kind == .timeout, "\(String(describing: error))")
    }

    @Test("a slow drip, one byte at a time, arrives whole", arguments: TransportKind.allCases)
    func slowDrip(kind: TransportKind) async throws {
        let text = Self.chunk + "data: [DONE]\n\n"
        let reply = try await withServer({ _ in .sse(text, pieces: text.utf8.count, delay: .milliseconds(3)) }) {
            server in
            try await client(server, kind, idle: .seconds(5)).streamChat(model: "m", messages: []).collect()
        }
        #expect(reply.text == "a")
    }

    @Test("a body past the size limit is refused as too large", arguments: TransportKind.allCases)
    func tooLarge(kind: TransportKind) async throws {
        let big = #"{"job_id":"j","status":"completed","padding":""# + String(repeating: "x", count: 20_000) + #""}"#
        let error = try await withServer({ _ in .json(big) }) { server in
            clean(await expectError { try await client(server, kind, maxBytes: 4096).job("j") })
        }
        #expect(error?.kind == .responseTooLarge, "\(String(describing: error))")
    }

    @Test(
        "malformed SSE: a frame that is not JSON, binary garbage, an unterminated frame: typed errors",
        arguments: TransportKind.allCases)
    func malformedSSE(kind: TransportKind) async throws {
        for body in [
            "data: {not json}\n\n", "data: \u{00}\u{01}\u{FFFD}\u{7F}\n\n", "data: {\"choices\":[",
            "event: x\n\n\n\n:::\n\ndata",
        ] {
            let error = try await withServer({ _ in .sse(body, pieces: 3) }) { server in
                clean(
                    await expectError { try await client(server, kind).streamChat(model: "m", messages: []).collect() })
            }
            #expect(error?.kind == .stream || error?.kind == .decoding, "\(body): \(String(describing: error))")
        }
    }

    @Test(
        "cancelling mid-stream ends the call promptly and frees the client for the next one",
        arguments: TransportKind.allCases)
    func cancelMidStream(kind: TransportKind) async throws {
        let text = String(repeating: Self.chunk, count: 400) + "data: [DONE]\n\n"
        try await withServer({ request in
            request.path == "/v1/jobs/j"
                ? .json(ClientTests.jobJSON) : .sse(text, pieces: 400, delay: .milliseconds(25))
        }) { server in
            let client = client(server, kind)
            let task = Task {
                var count = 0
                for try await _ in try await client.streamChat(model: "m", messages: []) { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let outcome = await task.result
            if case .success(let count) = outcome { #expect(count < 400) }
            let job = try await client.job("j")
            #expect(job.id == "job-1")
        }
    }

    @Test("a redirect to another host is not followed: the key never reaches it", arguments: TransportKind.allCases)
    func redirectKeepsTheKey(kind: TransportKind) async throws {
        let elsewhere = try await TestHTTPServer.start { _ in .json(ClientTests.chatReply) }
        let error = try await withServer({ _ in
            .full(
                status: 307, headers: [("Location", elsewhere.baseURL.absoluteString + "/v1/chat/completions")],
                body: [])
        }) { server in
            clean(await expectError { try await client(server, kind).chat(model: "m", messages: [.user("x")]) })
        }
        let reached = elsewhere.requests
        await elsewhere.shutdown()
        #expect(error?.status == 307, "\(String(describing: error))")
        #expect(error?.message.contains("redirects are not followed") == true)
        #expect(
            !reached.contains { $0.headers.values.contains { $0.contains(testKey) } }, "the key reached the other host")
        #expect(reached.isEmpty)
    }
}
