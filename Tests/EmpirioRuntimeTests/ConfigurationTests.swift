import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

@Suite("Configuration and middleware")
struct ConfigurationTests {
    struct Stamp: EmpirioMiddleware {
        let log: ProgressLog
        func intercept(
            _ request: HTTPRequest, body: [UInt8]?,
            next: @Sendable (HTTPRequest, [UInt8]?) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
        ) async throws(EmpirioError) -> (HTTPResponse, ResponseBody) {
            var request = request
            request.headerFields[HTTPField.Name("X-Trace")!] = "abc"
            let (response, responseBody) = try await next(request, body)
            log.add(Double(response.status.code))
            return (response, responseBody)
        }
    }

    @Test("middlewares see every attempt and can change the request")
    func middleware() async throws {
        let calls = Counter()
        let log = ProgressLog()
        try await withServer({ _ in calls.increment() == 1 ? .json("{}", status: 500) : .json(ClientTests.jobJSON) }) {
            server in
            let client = EmpirioClient(
                configuration: EmpirioConfiguration(
                    baseURL: server.baseURL, apiKey: APIKey(testKey),
                    retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)),
                    headers: fields(["X-Team": "ml"]), middlewares: [Stamp(log: log)]),
                transport: TransportKind.urlSession.make())
            _ = try await client.job("job-1")
            #expect(log.values == [500, 200])
            #expect(server.requests.allSatisfy { $0.header("X-Trace") == "abc" && $0.header("X-Team") == "ml" })
        }
    }

    @Test("the key comes from EMPIRIOLABS_API_KEY when not given; blank is none")
    func environmentKey() {
        #expect(APIKey.fromEnvironment(["EMPIRIOLABS_API_KEY": " sk-empiriolabs-x \n"]) == APIKey("sk-empiriolabs-x"))
        #expect(APIKey.fromEnvironment(["EMPIRIOLABS_API_KEY": "  "]) == nil)
        #expect(APIKey.fromEnvironment([:]) == nil)
        #expect(EmpirioConfiguration.defaultBaseURL.absoluteString == "https://api.empiriolabs.ai")
        #expect(EmpirioConfiguration(apiKey: nil).timeout == .seconds(900))
    }

    @Test("backoff doubles with jitter, is capped, and Retry-After wins (seconds or an HTTP date)")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(500), maxDelay: .seconds(4), jitter: 0.2)
        #expect(policy.delay(forRetry: 1, retryAfter: nil, random: 0.5) == .milliseconds(500))
        #expect(policy.delay(forRetry: 2, retryAfter: nil, random: 0.5) == .seconds(1))
        #expect(policy.delay(forRetry: 3, retryAfter: nil, random: 0) == .milliseconds(1600))
        #expect(policy.delay(forRetry: 3, retryAfter: nil, random: 1) == .milliseconds(2400))
        #expect(policy.delay(forRetry: 9, retryAfter: nil, random: 1) == .seconds(4))
        #expect(policy.delay(forRetry: 1, retryAfter: 2.5) == .milliseconds(2500))
        #expect(policy.delay(forRetry: 1, retryAfter: 60) == .seconds(4))
        #expect(RetryPolicy.parseRetryAfter("7") == 7)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        // An HTTP date, read by hand: 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        #expect(
            RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: Date(timeIntervalSince1970: 784_111_747))
                == 30)
        #expect(
            RetryPolicy.parseRetryAfter(
                "Thu, 29 Feb 2024 23:59:60 GMT", now: Date(timeIntervalSince1970: 1_709_251_200)) == 0)
        // Malformed values, one of which crashed Foundation's DateFormatter (found by fuzzing): nil, never a crash.
        for value in [
            "\n\n\n\n\nt\u{6D8}\u{FFFD}\n2\n\u{A2}\n2\n", "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT", "inf",
            "nan", ",,,,,,,,,,,,,,,,,,,,,,,,,,GMT", "",
        ] {
            #expect(RetryPolicy.parseRetryAfter(value) == nil, "\(value)")
        }
    }

    @Test("the gateway's error codes, including 402 insufficient_credits", arguments: EmpirioError.Code.documented)
    func gatewayCodes(code: EmpirioError.Code) async throws {
        let status =
            code == .insufficientCredits
            ? 402 : code == .rateLimitExceeded ? 429 : code == .modelNotFound ? 404 : code == .upstreamError ? 502 : 401
        try await withServer({ _ in
            .json(#"{"error":{"message":"m","type":"t","code":"\#(code.rawValue)"}}"#, status: status)
        }) { server in
            let error = await expectError {
                try await makeClient(server, .asyncHTTPClient, retry: .none).chat(model: "m", messages: [])
            }
            #expect(error?.gatewayCode == code)
            #expect(error?.status == status)
            #expect(error?.isRetryable == (status == 429 || status >= 500))
        }
    }
}
