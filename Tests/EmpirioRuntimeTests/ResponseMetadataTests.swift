import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// Status, headers, request id and rate limits of every response, typed calls and streams alike.
@Suite("Response metadata")
struct ResponseMetadataTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }

    static let reply =
        #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#

    @Test(
        "every response inside withResponseMetadata, the retried 429 included, with its rate limits",
        arguments: TransportKind.allCases)
    func recorded(kind: TransportKind) async throws {
        let counter = Counter()
        let (completion, metadata) = try await withServer({ _ in
            if counter.next() == 1 {
                return .json(
                    #"{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}"#,
                    status: 429, headers: [("Retry-After", "0"), ("x-request-id", "req_1")])
            }
            return .json(
                Self.reply,
                headers: [
                    ("x-request-id", "req_2"), ("x-ratelimit-limit-requests", "500"),
                    ("x-ratelimit-remaining-requests", "499"),
                    ("x-ratelimit-reset-requests", "6m0s"), ("x-ratelimit-limit-tokens", "30000"),
                    ("x-ratelimit-remaining-tokens", "29000"),
                    ("x-ratelimit-reset-tokens", "20ms"),
                ])
        }) { server in
            try await makeClient(server, kind).withResponseMetadata { client throws(EmpirioError) in
                try await client.chat(model: "m", messages: [.user("Hi")])
            }
        }
        #expect(completion.text == "Hi")
        #expect(metadata.map(\.status.code) == [429, 200])
        #expect(metadata.map(\.requestID) == ["req_1", "req_2"])
        #expect(metadata.allSatisfy { $0.method == .post && $0.path == "/v1/chat/completions" })
        let limits = try #require(metadata.last?.rateLimit)
        #expect(limits.requests == RateLimit.Window(limit: 500, remaining: 499, reset: "6m0s", resetSeconds: 360))
        #expect(limits.tokens?.remaining == 29000)
        #expect(limits.tokens?.resetSeconds == 0.02)
        #expect(metadata.first?.rateLimit.isEmpty == true)
    }

    @Test("a stream carries its response: status, request id, rate limits")
    func stream() async throws {
        let request = try await withServer({ _ in
            .chunks(
                status: 200,
                headers: [
                    ("Content-Type", "text/event-stream"), ("request-id", "req_s"), ("ratelimit-remaining", "7"),
                ], pieces: [Array("data: [DONE]\n\n".utf8)])
        }) { server in
            let stream = try await makeClient(server, .urlSession).streamChat(model: "m", messages: [.user("Hi")])
            _ = try await stream.collect()
            return stream.response
        }
        #expect(request.status == .ok)
        #expect(request.requestID == "req_s")
        #expect(request.rateLimit.requests?.remaining == 7)
    }

    @Test("Anthropic's rate-limit headers, resets as RFC 3339 dates")
    func anthropic() {
        let now = Date(timeIntervalSince1970: 1_764_648_000) // 2025-12-02T04:00:00Z
        let limits = RateLimit(
            headerFields: fields([
                "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "49",
                "anthropic-ratelimit-requests-reset": "2025-12-02T04:00:30Z",
                "anthropic-ratelimit-input-tokens-remaining": "1000",
                "anthropic-ratelimit-output-tokens-reset": "2025-12-02T05:00:00.500+01:00",
            ]), now: now)
        #expect(limits.requests?.limit == 50)
        #expect(limits.requests?.resetSeconds == 30)
        #expect(limits.inputTokens?.remaining == 1000)
        #expect(limits.outputTokens?.resetSeconds == 0.5)
        #expect(RateLimit(headerFields: fields(["x-ratelimit-reset-requests": "soon"])).requests?.resetSeconds == nil)
        #expect(
            RateLimit(headerFields: fields(["x-ratelimit-reset-requests": "1h2m3.5s"])).requests?.resetSeconds == 3723.5
        )
    }

    @Test("RFC 3339 dates read by hand agree with ISO8601DateFormatter", arguments: [5, 6])
    func rfc3339(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let formatter = ISO8601DateFormatter()
        for _ in 0..<2_000 {
            let seconds = Double(random.next() % 8_000_000_000) - 1_000_000_000
            let text = formatter.string(from: Date(timeIntervalSince1970: seconds))
            let limits = RateLimit(
                headerFields: fields(["ratelimit-reset": text]), now: Date(timeIntervalSince1970: seconds - 10))
            #expect(limits.requests?.resetSeconds == 10, "\(text)")
        }
    }
}

@Suite("Error codes")
struct ErrorCodeTests {
    @Test("a code the gateway adds later is a Code too, not a nil; documented codes are known")
    func extensible() {
        let later = EmpirioError(kind: .api, status: 400, code: "context_length_exceeded", message: "too long")
        #expect(later.gatewayCode == EmpirioError.Code(rawValue: "context_length_exceeded"))
        #expect(later.gatewayCode?.isDocumented == false)
        let known = EmpirioError(kind: .api, status: 402, code: "insufficient_credits", message: "top up")
        #expect(known.gatewayCode == .insufficientCredits)
        #expect(known.gatewayCode?.isDocumented == true)
        #expect(EmpirioError.Code.documented.count == 7)
        #expect(EmpirioError(kind: .connection, message: "x").gatewayCode == nil)
    }
}
