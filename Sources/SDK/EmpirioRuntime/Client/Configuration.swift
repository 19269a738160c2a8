import Foundation
import HTTPTypes

/// An API key. Its description, debug description and reflection never show it.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let secret: String

    /// Wraps a key.
    ///
    /// - Parameter secret: the key (`sk-empiriolabs-...`).
    public init(_ secret: String) {
        self.secret = secret
    }

    /// The key in `EMPIRIOLABS_API_KEY`, if it is set and not empty.
    ///
    /// - Parameter environment: the environment to read (the process's by default).
    /// - Returns: the key, or `nil` when the variable is unset or blank.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> APIKey?
    {
        guard let value = environment["EMPIRIOLABS_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return APIKey(value)
    }

    /// `APIKey(<redacted>)`: the key never shows.
    public var description: String { "APIKey(<redacted>)" }
    /// `APIKey(<redacted>)`: the key never shows.
    public var debugDescription: String { description }
    /// An empty mirror: the key never shows in a dump.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// How the key is sent. The gateway accepts either header on every endpoint.
public enum Authentication: Sendable, Hashable {
    /// `Authorization: Bearer <key>`.
    case bearer
    /// `x-api-key: <key>`.
    case apiKeyHeader
}

/// Retries with exponential backoff and jitter, honouring `Retry-After`; other 4xx are never
/// retried.
///
/// Which failures are retried depends on whether the request can be repeated safely:
/// - **Idempotent** requests (`GET`: job polling, models, usage, voices) are retried on 408, 409,
///   429, 5xx and any connection failure.
/// - **Requests that create billed work** (every `POST`: chat, images, videos, speech, jobs, ...)
///   are retried only when they provably never reached processing: the connection failed before
///   the request was written, a 429, or a 503 with `Retry-After` (``EmpirioError/isSafeToResend``).
///   A 500, a 504 or a connection dropped after the request was written is thrown, never resent:
///   resending could pay twice for work the gateway already started. Set
///   ``retriesRequestsThatCreateWork`` (for one call: ``EmpirioClient/retrying(_:)``) to retry
///   them like idempotent ones, when paying twice is acceptable.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 disables retries).
    public var maxAttempts: Int
    /// The delay before the first retry; each further retry doubles it.
    public var baseDelay: Duration
    /// No single wait is longer than this (`Retry-After` included).
    public var maxDelay: Duration
    /// Each delay is multiplied by a random factor in `1 - jitter ... 1 + jitter`.
    public var jitter: Double
    /// Retry requests that create work (`POST`) on every retryable failure, as idempotent ones
    /// are, accepting that the work may be done (and billed) twice. Off by default.
    public var retriesRequestsThatCreateWork: Bool

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maxAttempts: attempts in all, the first included (at least 1).
    ///   - baseDelay: the delay before the first retry.
    ///   - maxDelay: the longest single wait.
    ///   - jitter: the random spread of each delay, 0...1.
    ///   - retriesRequestsThatCreateWork: retry `POST` requests as idempotent ones are.
    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        jitter: Double = 0.2,
        retriesRequestsThatCreateWork: Bool = false
    ) {
        self.retriesRequestsThatCreateWork = retriesRequestsThatCreateWork
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
    }

    /// Three attempts, 0.5 s doubling up to 30 s, 20% jitter; work-creating requests resent only when safe.
    public static let `default` = RetryPolicy()
    /// One attempt: no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1 for the first retry): `Retry-After` when the server
    /// gave one (capped at `maxDelay`), else exponential backoff with jitter.
    ///
    /// - Parameters:
    ///   - retry: the retry's number, 1 for the first.
    ///   - retryAfter: the server's `Retry-After`, in seconds, if it gave one.
    /// - Returns: how long to wait.
    public func delay(forRetry retry: Int, retryAfter: Double?) -> Duration {
        delay(forRetry: retry, retryAfter: retryAfter, random: Double.random(in: 0...1))
    }

    /// The same with the jitter's random draw given (0...1), so tests can pin it.
    package func delay(forRetry retry: Int, retryAfter: Double?, random: Double) -> Duration {
        if let retryAfter, retryAfter >= 0 {
            return min(.milliseconds(Int64(retryAfter * 1000)), maxDelay)
        }
        let baseMilliseconds =
            Double(baseDelay.components.seconds) * 1000 + Double(baseDelay.components.attoseconds) / 1e15
        let factor = 1 - jitter + 2 * jitter * random
        let milliseconds = (baseMilliseconds * Double(1 << min(max(retry - 1, 0), 20)) * factor).rounded()
        return min(.milliseconds(Int64(milliseconds)), maxDelay)
    }

    /// `Retry-After` as seconds: a number, or an HTTP date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`).
    /// The date is read by hand: Foundation's `DateFormatter` crashes on some malformed input,
    /// and a header is input from someone else's server.
    ///
    /// - Parameters:
    ///   - value: the header's value.
    ///   - now: the time to measure an HTTP date from.
    /// - Returns: the seconds to wait (never negative), or `nil` when the value is not readable.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds.isFinite ? max(0, seconds) : nil }
        let parts = trimmed.split(separator: " ")
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), (1...31).contains(day),
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].firstIndex(
                of: String(parts[2])),
            let year = Int(parts[3]), (1970...9999).contains(year)
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let days = CivilDate.daysSince1970(year: year, month: month + 1, day: day)
        let seconds = Double(days * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2])
        return max(0, seconds - now.timeIntervalSince1970)
    }
}

/// Everything a client needs besides its transport.
public struct EmpirioConfiguration: Sendable, CustomStringConvertible {
    /// The gateway, `https://api.empiriolabs.ai` by default.
    public var baseURL: URL
    /// The key; `EMPIRIOLABS_API_KEY` when not given.
    public var apiKey: APIKey?
    /// How the key is sent: `Authorization: Bearer` (the default) or `x-api-key`.
    public var authentication: Authentication
    /// Sent as `anthropic-version` on `/v1/messages`.
    public var anthropicVersion: String
    /// Per-request timeout. The gateway's inbound limit is 15 minutes; stream long generations.
    public var timeout: Duration
    /// The longest a response body may go without a byte once its head has arrived (a stalled
    /// stream, or headers whose body never comes): then it fails with a `.timeout` error instead
    /// of hanging. Two minutes by default, well above the gaps of a reasoning model's stream.
    public var idleTimeout: Duration
    /// The largest JSON response body read into memory (64 MB by default); a larger one is a
    /// `.responseTooLarge` error. Media downloads have their own limit.
    public var maxResponseBytes: Int
    /// Retries of failed requests.
    public var retry: RetryPolicy
    /// Validate generated parameters before sending (violations throw before any byte is sent).
    public var validatesParameters: Bool
    /// Extra headers on every request.
    public var headers: HTTPFields
    /// Applied in order, outermost first.
    public var middlewares: [any EmpirioMiddleware]
    /// The clock that paces retry pauses and job polling (and measures a job's timeout).
    /// `ContinuousClock` unless a test gives one that does not wait.
    public var clock: any Clock<Duration>
    /// A budget every billed call of the client is charged to: a call that may cost more than is
    /// left is refused before it is sent (see ``Budget``).
    public var budget: Budget?
    /// The prices untyped calls are estimated with (typed calls carry their model's own).
    public var prices: PriceBook?

    /// `https://api.empiriolabs.ai`.
    public static let defaultBaseURL = URL(string: "https://api.empiriolabs.ai")!

    /// Creates a configuration; every argument has a default.
    ///
    /// - Parameters:
    ///   - baseURL: the gateway.
    ///   - apiKey: the key; `EMPIRIOLABS_API_KEY` by default.
    ///   - authentication: the header the key goes in.
    ///   - anthropicVersion: `anthropic-version` on `/v1/messages`.
    ///   - timeout: the per-request timeout (15 minutes).
    ///   - retry: the retry policy.
    ///   - validatesParameters: check generated parameters before sending.
    ///   - headers: extra headers on every request.
    ///   - middlewares: applied in order, outermost first.
    ///   - idleTimeout: the longest a body may go without a byte (2 minutes).
    ///   - maxResponseBytes: the largest JSON body read into memory (64 MB).
    ///   - clock: the clock of retry pauses and job polls.
    ///   - budget: a budget every billed call is charged to.
    ///   - prices: the prices untyped calls are estimated with.
    public init(
        baseURL: URL = EmpirioConfiguration.defaultBaseURL, apiKey: APIKey? = APIKey.fromEnvironment(),
        authentication: Authentication = .bearer, anthropicVersion: String = "2023-06-01",
        timeout: Duration = .seconds(900), retry: RetryPolicy = .default, validatesParameters: Bool = true,
        headers: HTTPFields = [:], middlewares: [any EmpirioMiddleware] = [], idleTimeout: Duration = .seconds(120),
        maxResponseBytes: Int = 64 << 20, clock: any Clock<Duration> = ContinuousClock(), budget: Budget? = nil,
        prices: PriceBook? = nil
    ) {
        self.budget = budget
        self.prices = prices
        self.clock = clock
        self.idleTimeout = idleTimeout
        self.maxResponseBytes = max(1, maxResponseBytes)
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.authentication = authentication
        self.anthropicVersion = anthropicVersion
        self.timeout = timeout
        self.retry = retry
        self.validatesParameters = validatesParameters
        self.headers = headers
        self.middlewares = middlewares
    }

    /// A summary that never shows the key.
    public var description: String {
        "EmpirioConfiguration(baseURL: \(baseURL.absoluteString), apiKey: \(apiKey == nil ? "none" : "<redacted>"), authentication: \(authentication), timeout: \(timeout), retry: \(retry.maxAttempts) attempts)"
    }
}

/// Dates read by hand (no formatter: Foundation's crashed on malformed input, found by fuzzing).
enum CivilDate {
    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (month 1...12).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1 // March is day 0
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
