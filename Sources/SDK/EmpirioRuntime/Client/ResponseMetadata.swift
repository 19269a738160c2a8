import Foundation
import HTTPTypes

/// What came with a response besides its body: the status, the headers, the gateway's request
/// id and the rate-limit headers.
///
/// Every call made inside ``EmpirioClient/withResponseMetadata(_:)`` records one per HTTP
/// response (retried attempts included, in order); streams also carry theirs (`metadata`).
public struct ResponseMetadata: Sendable, Hashable {
    /// The request's method.
    public var method: HTTPRequest.Method
    /// The path, without the base URL or the query.
    public var path: String
    /// The response: status and header fields.
    public var response: HTTPResponse

    /// Creates the metadata of one response.
    ///
    /// - Parameters:
    ///   - method: the request's method.
    ///   - path: the request's path, without the base URL or the query.
    ///   - response: the response head.
    public init(method: HTTPRequest.Method, path: String, response: HTTPResponse) {
        self.method = method
        self.path = path
        self.response = response
    }

    /// The response's status.
    public var status: HTTPResponse.Status { response.status }
    /// The response's header fields.
    public var headerFields: HTTPFields { response.headerFields }

    /// `x-request-id` (or `request-id`): quote it when asking the gateway about a call.
    public var requestID: String? { response.requestID }

    /// The rate-limit headers, in the OpenAI, Anthropic or IETF spelling.
    public var rateLimit: RateLimit { response.rateLimit }
}

/// Rate-limit headers: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (OpenAI),
/// `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`,
/// or `ratelimit-{limit,remaining,reset}` (IETF draft, counted as requests).
public struct RateLimit: Sendable, Hashable {
    /// One budget: its size, what is left, and when it refills.
    public struct Window: Sendable, Hashable {
        /// The budget's size.
        public var limit: Int?
        /// What is left of it.
        public var remaining: Int?
        /// The reset as the server wrote it (`"6m0s"`, `"2026-12-02T05:00:00Z"`, `"30"`).
        public var reset: String?
        /// The reset in seconds from when the response was read, when it could be read.
        public var resetSeconds: Double?

        /// Creates a window.
        ///
        /// - Parameters:
        ///   - limit: the budget's size.
        ///   - remaining: what is left.
        ///   - reset: the reset as the server wrote it.
        ///   - resetSeconds: the reset in seconds.
        public init(limit: Int? = nil, remaining: Int? = nil, reset: String? = nil, resetSeconds: Double? = nil) {
            self.limit = limit
            self.remaining = remaining
            self.reset = reset
            self.resetSeconds = resetSeconds
        }
    }

    /// Requests per window.
    public var requests: Window?
    /// Tokens per window (input and output together).
    public var tokens: Window?
    /// Input tokens per window (Anthropic).
    public var inputTokens: Window?
    /// Output tokens per window (Anthropic).
    public var outputTokens: Window?

    /// Whether the response carried no rate-limit header.
    public var isEmpty: Bool { requests == nil && tokens == nil && inputTokens == nil && outputTokens == nil }

    /// Reads the rate-limit headers of a response.
    ///
    /// - Parameters:
    ///   - headers: the response's header fields.
    ///   - now: the time resets written as dates are measured from.
    public init(headerFields headers: HTTPFields, now: Date = Date()) {
        func window(limit: String, remaining: String, reset: String) -> Window? {
            let window = Window(
                limit: headers[named: limit].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                remaining: headers[named: remaining].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                reset: headers[named: reset], resetSeconds: headers[named: reset].flatMap { Self.seconds($0, now: now) }
            )
            return window.limit == nil && window.remaining == nil && window.reset == nil ? nil : window
        }
        requests =
            window(
                limit: "x-ratelimit-limit-requests", remaining: "x-ratelimit-remaining-requests",
                reset: "x-ratelimit-reset-requests")
            ?? window(
                limit: "anthropic-ratelimit-requests-limit", remaining: "anthropic-ratelimit-requests-remaining",
                reset: "anthropic-ratelimit-requests-reset")
            ?? window(limit: "ratelimit-limit", remaining: "ratelimit-remaining", reset: "ratelimit-reset")
        tokens =
            window(
                limit: "x-ratelimit-limit-tokens", remaining: "x-ratelimit-remaining-tokens",
                reset: "x-ratelimit-reset-tokens")
            ?? window(
                limit: "anthropic-ratelimit-tokens-limit", remaining: "anthropic-ratelimit-tokens-remaining",
                reset: "anthropic-ratelimit-tokens-reset")
        inputTokens = window(
            limit: "anthropic-ratelimit-input-tokens-limit", remaining: "anthropic-ratelimit-input-tokens-remaining",
            reset: "anthropic-ratelimit-input-tokens-reset")
        outputTokens = window(
            limit: "anthropic-ratelimit-output-tokens-limit", remaining: "anthropic-ratelimit-output-tokens-remaining",
            reset: "anthropic-ratelimit-output-tokens-reset")
    }

    /// `"30"`, `"1.5"` (seconds), `"6m0s"`, `"1h2m3.5s"`, `"20ms"` (Go durations), or an
    /// RFC 3339 date (`"2026-12-02T05:00:00Z"`, relative to `now`).
    static func seconds(_ text: String, now: Date) -> Double? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(value) { return plain.isFinite && plain >= 0 ? plain : nil }
        if let duration = goDuration(value) { return duration }
        return rfc3339(value).map { max(0, $0 - now.timeIntervalSince1970) }
    }

    static func goDuration(_ text: String) -> Double? {
        guard !text.isEmpty, text.count <= 64 else { return nil }
        let units: [(String, Double)] = [
            ("ms", 0.001), ("us", 0.000_001), ("µs", 0.000_001), ("ns", 1e-9), ("h", 3600), ("m", 60), ("s", 1),
        ]
        var rest = Substring(text)
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * factor
        }
        return total
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, read by hand (no formatter).
    static func rfc3339(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month),
            (1...31).contains(day), hour < 24, minute < 60,
            second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < bytes.count, bytes[index] == 0x5A || bytes[index] == 0x7A {
            index += 1
        } else if index + 6 == bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D, bytes[index + 3] == 0x3A,
            let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6)
        {
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 0x2D ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CivilDate.daysSince1970(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }
}

/// Collects the metadata of the responses received inside ``EmpirioClient/withResponseMetadata(_:)``.
final class ResponseMetadataRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ResponseMetadata] = []

    @TaskLocal static var current: ResponseMetadataRecorder?

    func record(_ metadata: ResponseMetadata) {
        lock.withLock { recorded.append(metadata) }
    }

    var all: [ResponseMetadata] { lock.withLock { recorded } }
}

extension EmpirioClient {
    /// Runs `body` and returns its result with the metadata of every HTTP response it received
    /// (retried attempts included, in order; the last is the one that gave the result).
    ///
    /// ```swift
    /// let (reply, responses) = try await client.withResponseMetadata { try await $0.chat(DeepseekV4Pro.self, messages: [.user("Hi")]) }
    /// print(responses.last?.requestID, responses.last?.rateLimit.requests?.remaining)
    /// ```
    ///
    /// - Parameter body: the calls to make, given this client.
    /// - Returns: what `body` returns, and the metadata of every response, in order.
    /// - Throws: ``EmpirioError``: what `body` throws.
    public func withResponseMetadata<Result: Sendable>(
        _ body: (EmpirioClient) async throws(EmpirioError) -> Result
    ) async throws(EmpirioError) -> (Result, [ResponseMetadata]) {
        let recorder = ResponseMetadataRecorder()
        do {
            let result = try await ResponseMetadataRecorder.$current.withValue(recorder) { () async throws -> Result in
                try await body(self)
            }
            return (result, recorder.all)
        } catch let error as EmpirioError {
            throw error
        } catch {
            throw EmpirioError(kind: .invalidRequest, message: "\(error)")
        }
    }

    func recordMetadata(_ request: HTTPRequest, _ response: HTTPResponse) {
        guard let recorder = ResponseMetadataRecorder.current else { return }
        let path = String((request.path ?? "").prefix { $0 != "?" })
        recorder.record(ResponseMetadata(method: request.method, path: path, response: response))
    }
}
