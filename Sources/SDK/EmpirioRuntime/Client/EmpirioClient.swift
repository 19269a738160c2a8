import Foundation
import HTTPTypes

/// The client for the EmpirioLabs gateway: auth, JSON, SSE streaming, multipart, async jobs,
/// typed errors and retries, over any ``EmpirioTransport``.
///
/// ```swift
/// let client = EmpirioClient(transport: URLSessionTransport())        // key from EMPIRIOLABS_API_KEY
/// let reply = try await client.chat(DeepseekV4Pro.self, messages: [.user("Hi")])
/// ```
///
/// Each endpoint has one method, a verb, with the same name typed (a generated model:
/// `chat(DeepseekV4Pro.self, messages:parameters:)`) and untyped (`chat(model:messages:parameters:)`);
/// its streaming form is `stream` and what streams back (`streamChat`, `streamCompletion`,
/// `streamResponse`, `streamMessage`, `streamSpeech`).
public struct EmpirioClient: Sendable {
    /// The base URL, key, timeouts, retries, middlewares, budget and prices every call uses.
    public var configuration: EmpirioConfiguration
    /// What sends the requests: `URLSessionTransport`, `AsyncHTTPClientTransport` or a ``ClosureTransport``.
    public let transport: any EmpirioTransport

    /// The `User-Agent` every request carries.
    public static let userAgent = "empirio-swift/0.1.0"

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: the base URL, key (`EMPIRIOLABS_API_KEY` by default), timeouts, retries,
    ///     middlewares, budget and prices.
    ///   - transport: what sends the requests.
    public init(configuration: EmpirioConfiguration = EmpirioConfiguration(), transport: any EmpirioTransport) {
        self.configuration = configuration
        self.transport = transport
    }

    // MARK: Requests

    /// The same client with another retry policy, for one call or a few:
    /// `client.retrying(RetryPolicy(retriesRequestsThatCreateWork: true)).generateImages(...)`.
    ///
    /// - Parameter policy: the retry policy the copy uses.
    /// - Returns: a copy of this client with `policy` in its configuration.
    public func retrying(_ policy: RetryPolicy) -> EmpirioClient {
        var copy = self
        copy.configuration.retry = policy
        return copy
    }

    /// Whether a request can be sent again without doing its work twice: `GET`, `HEAD`, `PUT`,
    /// `DELETE` and `OPTIONS` can; a `POST` (every call that creates and bills work) cannot.
    ///
    /// - Parameter method: the request's method.
    /// - Returns: whether resending the request cannot do its work twice.
    public static func isIdempotent(_ method: HTTPRequest.Method) -> Bool {
        [.get, .head, .put, .delete, .options].contains(method)
    }

    /// One API call: the request is built, authenticated, passed through the middlewares and
    /// sent; error statuses become ``EmpirioError``. Failures are retried per ``RetryPolicy``:
    /// an idempotent request on 408, 409, 429, 5xx and connection failures; a request that
    /// creates work only when it provably never reached processing
    /// (``EmpirioError/isSafeToResend``), so it is never billed twice. Returns once a success
    /// response's head has arrived.
    ///
    /// ```swift
    /// let (response, body) = try await client.send(.get, "/v1/usage", query: [URLQueryItem(name: "limit", value: "10")])
    /// ```
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the endpoint's path (``EndpointPath``, or a string literal).
    ///   - query: query items.
    ///   - body: the request body, if any.
    ///   - contentType: the body's `Content-Type`.
    ///   - accept: the `Accept` header.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the response head and its body, still streaming.
    /// - Throws: ``EmpirioError``: `.api` for an error status (after the retries), `.connection`,
    ///   `.timeout`, `.cancelled`, `.invalidRequest` (no key, a bad URL) or `.budgetExceeded`.
    public func send(
        _ method: HTTPRequest.Method, _ path: EndpointPath, query: [URLQueryItem] = [], body: [UInt8]? = nil,
        contentType: String? = nil,
        accept: String = "application/json", options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> (HTTPResponse, ResponseBody) {
        var request = try makeRequest(method, path, query: query, contentType: contentType, accept: accept)
        request.headerFields.replace(with: options.headers)
        let secret = configuration.apiKey?.secret
        let policy = options.retry ?? configuration.retry
        let timeout = options.timeout ?? configuration.timeout
        let repeatable = Self.isIdempotent(method) || policy.retriesRequestsThatCreateWork
        // A billed call is estimated and reserved in its budgets before anything is sent; the
        // reservation is released if the call fails, settled from the response otherwise.
        let ticket = try openTicket(method, path, body: body, contentType: contentType, options: options)
        func mayRetry(_ error: EmpirioError, attempt: Int) -> Bool {
            guard attempt < policy.maxAttempts else { return false }
            return repeatable ? error.isRetryable : error.isSafeToResend
        }
        var attempt = 1
        while true {
            let failure: EmpirioError
            do {
                try Task.checkCancellation()
                let (response, responseBody) = try await sendThroughMiddlewares(request, body: body, timeout: timeout)
                recordMetadata(request, response)
                if response.isSuccess {
                    let body = responseBody.failingWhenIdle(for: configuration.idleTimeout)
                    return (response, meter(body, ticket: ticket, method: method, path: path, response: response))
                }
                let bytes =
                    (try? await responseBody.failingWhenIdle(for: configuration.idleTimeout).collect(upTo: 1 << 20))
                    ?? []
                var error = EmpirioError.fromResponse(
                    status: response.status.code, headers: response.headerFields, body: bytes)
                if response.status.kind == .redirection {
                    // Transports do not follow redirects: the key must never reach another host.
                    error.message =
                        "the server answered \(response.status.code) redirecting to \(response.headerFields[.location] ?? "another location"); redirects are not followed, so the API key is never sent elsewhere"
                }
                failure = error.redacting(secret)
            } catch let error as EmpirioError {
                if error.kind == .cancelled {
                    ticket?.release()
                    throw error
                }
                failure = error.redacting(secret)
            } catch {
                ticket?.release()
                throw EmpirioError(kind: .cancelled, message: "the request was cancelled", underlyingError: error)
            }
            guard mayRetry(failure, attempt: attempt) else {
                ticket?.release()
                throw failure
            }
            do {
                try await pause(
                    policy.delay(forRetry: attempt, retryAfter: failure.kind == .api ? failure.retryAfter : nil))
            } catch {
                ticket?.release()
                throw error
            }
            attempt += 1
        }
    }

    private func pause(_ delay: Duration) async throws(EmpirioError) {
        do {
            try await Self.sleep(configuration.clock, for: delay)
        } catch {
            throw EmpirioError(kind: .cancelled, message: "the request was cancelled while waiting to retry")
        }
    }

    /// Sleeps on the configured clock.
    static func sleep<C: Clock<Duration>>(_ clock: C, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }

    /// A stopwatch on the configured clock: the time since it was made.
    static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    private func sendThroughMiddlewares(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration)
        async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
    {
        let transport = self.transport
        var next: @Sendable (HTTPRequest, [UInt8]?) async throws(EmpirioError) -> (HTTPResponse, ResponseBody) = {
            request, body async throws(EmpirioError) in
            try await transport.send(request, body: body, timeout: timeout)
        }
        for middleware in configuration.middlewares.reversed() {
            let inner = next
            next = { request, body async throws(EmpirioError) in
                try await middleware.intercept(request, body: body, next: inner)
            }
        }
        return try await next(request, body)
    }

    func makeRequest(
        _ method: HTTPRequest.Method, _ path: EndpointPath, query: [URLQueryItem], contentType: String?, accept: String
    ) throws(EmpirioError) -> HTTPRequest {
        guard let key = configuration.apiKey else {
            throw EmpirioError(
                kind: .invalidRequest, code: EmpirioError.Code.missingAPIKey.rawValue,
                message: "no API key: pass one to EmpirioConfiguration or set EMPIRIOLABS_API_KEY")
        }
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard var components = URLComponents(string: base + path.rawValue) else {
            throw EmpirioError(kind: .invalidRequest, message: "cannot build a URL from \(base) and \(path)")
        }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url, url.scheme != nil, url.host != nil else {
            throw EmpirioError(kind: .invalidRequest, message: "cannot build a URL from \(base) and \(path)")
        }
        var headers = configuration.headers
        switch configuration.authentication {
        case .bearer: headers[.authorization] = "Bearer \(key.secret)"
        case .apiKeyHeader: headers[.xAPIKey] = key.secret
        }
        headers[.accept] = accept
        headers[.userAgent] = Self.userAgent
        if let contentType { headers[.contentType] = contentType }
        if path == .messages { headers[.anthropicVersion] = configuration.anthropicVersion }
        return HTTPRequest(method: method, url: url, headerFields: headers)
    }

    // MARK: JSON

    /// JSON with sorted keys: the same request always has the same bytes.
    static func encode(_ object: [String: JSONValue]) -> [UInt8] {
        JSONValue.object(object).compactJSONBytes
    }
}

/// Options for one call: per-call timeout, retry policy, headers and extra body fields, and the
/// passthrough flag of the text endpoints. Every call takes one (`options:`).
public struct RequestOptions: Sendable, Hashable {
    /// Equal when every option is equal and both name the same ``Budget`` instance.
    ///
    /// - Parameters:
    ///   - lhs: some options.
    ///   - rhs: other options.
    /// - Returns: whether both are the same options.
    public static func == (lhs: RequestOptions, rhs: RequestOptions) -> Bool {
        lhs.disableFormatting == rhs.disableFormatting && lhs.passthroughSpelling == rhs.passthroughSpelling
            && lhs.timeout == rhs.timeout
            && lhs.retry == rhs.retry && lhs.headers == rhs.headers && lhs.extraBody == rhs.extraBody
            && lhs.budget === rhs.budget
            && lhs.inputTokens == rhs.inputTokens && lhs.priceSheet == rhs.priceSheet
    }

    /// Hashes the options (a budget by identity).
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(disableFormatting)
        hasher.combine(passthroughSpelling)
        hasher.combine(timeout)
        hasher.combine(retry)
        hasher.combine(headers)
        hasher.combine(extraBody)
        hasher.combine(budget.map(ObjectIdentifier.init))
        hasher.combine(inputTokens)
    }

    /// The same options, priced with a typed model's catalog rates.
    func priced<M: CatalogModel>(by model: M.Type) -> RequestOptions {
        var copy = self
        copy.priceSheet = M.metadata.priceSheet
        return copy
    }

    /// `disable_formatting`: the worker skips EmpirioLabs formatting (citation rewriting,
    /// References block, thinking Markdown) and returns the upstream payload verbatim. Only models
    /// whose metadata says `supportsPassthrough` accept the aliases.
    public var disableFormatting: Bool?
    /// Which spelling to send `disableFormatting` as.
    public var passthroughSpelling: PassthroughSpelling

    /// The names the gateway accepts for `disable_formatting`.
    public enum PassthroughSpelling: String, Sendable, Hashable, CaseIterable {
        /// `disable_formatting`, the documented name.
        case disableFormatting = "disable_formatting"
        /// `raw`.
        case raw
        /// `passthrough`.
        case passthrough
        /// `raw_response`.
        case rawResponse = "raw_response"
    }

    /// The total time for this call (instead of ``EmpirioConfiguration/timeout``).
    public var timeout: Duration?
    /// The retry policy for this call (instead of ``EmpirioConfiguration/retry``).
    public var retry: RetryPolicy?
    /// Headers added to this call's request (replacing those of the same name).
    public var headers: HTTPFields
    /// Fields added to this call's JSON body at the top level (replacing those of the same name):
    /// for a parameter the catalog does not list yet.
    public var extraBody: [String: JSONValue]
    /// A budget this call (or a tool loop, a batch of jobs: every call made with these options) is
    /// charged to, besides the client's ``EmpirioConfiguration/budget``.
    public var budget: Budget?
    /// The input's size in tokens, when the caller knows it: the estimate uses it instead of the
    /// bound from the request's size in bytes (which is safe, and larger).
    public var inputTokens: Int?
    /// The prices of the model a typed call is for (set by the typed calls).
    var priceSheet: PriceSheet?

    /// Creates options for one call.
    ///
    /// - Parameters:
    ///   - disableFormatting: `disable_formatting`: the upstream payload verbatim.
    ///   - passthroughSpelling: Which spelling to send it as.
    ///   - timeout: The total time for the call.
    ///   - retry: The retry policy for the call.
    ///   - headers: Headers added to the request.
    ///   - extraBody: Fields added to the JSON body.
    ///   - budget: A budget the call is charged to.
    ///   - inputTokens: The input's size in tokens, when known.
    public init(
        disableFormatting: Bool? = nil, passthroughSpelling: PassthroughSpelling = .disableFormatting,
        timeout: Duration? = nil,
        retry: RetryPolicy? = nil, headers: HTTPFields = [:], extraBody: [String: JSONValue] = [:],
        budget: Budget? = nil,
        inputTokens: Int? = nil
    ) {
        self.budget = budget
        self.inputTokens = inputTokens
        self.disableFormatting = disableFormatting
        self.passthroughSpelling = passthroughSpelling
        self.timeout = timeout
        self.retry = retry
        self.headers = headers
        self.extraBody = extraBody
    }

    func apply(to body: inout [String: JSONValue]) {
        if let disableFormatting { body[passthroughSpelling.rawValue] = .bool(disableFormatting) }
        for (key, value) in extraBody { body[key] = value }
    }
}
