import Foundation
import HTTPTypes

/// Every failure of the client: one extensible type (new kinds and codes do not break callers).
///
/// API errors carry the HTTP status and the decoded OpenAI or Anthropic envelope (type, code,
/// param, message) and the request id; when the body is not an envelope, a short excerpt of it.
/// Never a bare `DecodingError`, and never the API key. The error below it (a `URLError`, an
/// async-http-client error, a `DecodingError`) is kept as ``underlyingError``.
public struct EmpirioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The kind's name (`api`, `connection`, ...).
        public let rawValue: String
        /// Creates a kind, known or not.
        ///
        /// - Parameter rawValue: the kind's name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The kind's name.
        public var description: String { rawValue }

        /// The gateway answered with an error status.
        public static let api = Kind(rawValue: "api")
        /// The connection failed or dropped.
        public static let connection = Kind(rawValue: "connection")
        /// The request (or a job wait) took longer than allowed.
        public static let timeout = Kind(rawValue: "timeout")
        /// The task was cancelled.
        public static let cancelled = Kind(rawValue: "cancelled")
        /// The response could not be decoded.
        public static let decoding = Kind(rawValue: "decoding")
        /// A stream broke off or carried an error event.
        public static let stream = Kind(rawValue: "stream")
        /// An async job failed or expired.
        public static let job = Kind(rawValue: "job")
        /// The request could not be built (no API key, bad URL, bad file).
        public static let invalidRequest = Kind(rawValue: "invalid_request")
        /// Parameters failed validation before anything was sent.
        public static let validation = Kind(rawValue: "validation")
        /// The body was larger than the client accepts.
        public static let responseTooLarge = Kind(rawValue: "response_too_large")
        /// A tool call's arguments do not fit the tool's arguments type (``EmpirioError/tool`` and
        /// ``EmpirioError/path`` say which tool and where).
        public static let toolArguments = Kind(rawValue: "tool_arguments")
        /// The model refused to answer (a `refusal`, `stop_reason: "refusal"`, a content filter).
        public static let refusal = Kind(rawValue: "refusal")
        /// The answer stopped at the length limit (`finish_reason: "length"`, `stop_reason: "max_tokens"`)
        /// before it was complete.
        public static let truncated = Kind(rawValue: "truncated")
        /// A structured answer that is not JSON, or JSON that does not fit the requested type
        /// (``EmpirioError/path`` says where).
        public static let invalidOutput = Kind(rawValue: "invalid_output")
        /// A tool loop reached its step limit while the model was still calling tools.
        public static let toolLoop = Kind(rawValue: "tool_loop")
        /// A call did not fit its ``Budget`` (or its price was unknown and the budget refuses
        /// those); nothing was sent. ``EmpirioError/estimate`` and
        /// ``EmpirioError/budgetRemaining`` say why.
        public static let budgetExceeded = Kind(rawValue: "budget_exceeded")
    }

    /// What kind of failure this is: switch on it, or compare with `==`.
    public var kind: Kind
    /// HTTP status, for API errors.
    public var status: Int?
    /// The envelope's `type` (`invalid_request_error`, `overloaded_error`, ...).
    public var type: String?
    /// The envelope's `code` (`model_not_found`, `insufficient_credits`, ...).
    public var code: String?
    /// The parameter the error is about, when the envelope says.
    public var param: String?
    /// What went wrong, in words (the envelope's `message` for API errors).
    public var message: String
    /// The gateway's request id (header `x-request-id` / `request-id`, or the Anthropic envelope's `request_id`).
    public var requestID: String?
    /// The first bytes of a body that was not an error envelope (or could not be decoded).
    public var bodyExcerpt: String?
    /// Seconds the server asked to wait (`Retry-After`).
    public var retryAfter: Double?
    /// Validation failures, for `.validation`.
    public var violations: [ParameterViolation]
    /// For `.connection` failures: `false` when the transport knows the request never left (the
    /// connection was refused, the host not found, the connection could not be made in time), so
    /// resending it cannot do the work twice; `nil` when it may have reached the server.
    public var requestWasSent: Bool?
    /// For a stream that broke off (`.stream`), the text that had arrived, when the stream was
    /// being collected.
    public var partialText: String?
    /// The tool an error is about (`.toolArguments`, `.toolLoop`).
    public var tool: String?
    /// Where in a tool's arguments or a structured answer the fault is (`forecast.days[0]`).
    public var path: String?
    /// For `.budgetExceeded`: the refused call's estimate.
    public var estimate: CostEstimate?
    /// For `.budgetExceeded`: what the budget had left when it refused the call.
    public var budgetRemaining: USD?
    /// The error this one wraps, when there is one: the transport's (`URLError`,
    /// `HTTPClientError`, a `NIOCore` channel error), a `DecodingError`, or a middleware's own.
    /// Not part of equality or hashing.
    public var underlyingError: (any Error & Sendable)? {
        get { underlying?.error }
        set { underlying = newValue.map(Underlying.init) }
    }
    private var underlying: Underlying?

    /// Holds the wrapped error out of `==` and `hash(into:)`: errors are compared by what they say.
    private struct Underlying: Hashable, Sendable {
        let error: any Error & Sendable
        static func == (lhs: Underlying, rhs: Underlying) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: what kind of failure this is.
    ///   - status: the HTTP status, for API errors.
    ///   - type: the envelope's `type`.
    ///   - code: the envelope's `code`.
    ///   - param: the parameter the error is about.
    ///   - message: what went wrong.
    ///   - requestID: the gateway's request id.
    ///   - bodyExcerpt: the first bytes of a body that was not an envelope.
    ///   - retryAfter: seconds the server asked to wait.
    ///   - violations: validation failures.
    ///   - requestWasSent: `false` when the transport knows the request never left.
    ///   - underlyingError: the error this one wraps.
    ///   - estimate: for `.budgetExceeded`, the refused call's estimate.
    ///   - budgetRemaining: for `.budgetExceeded`, what the budget had left.
    public init(
        kind: Kind, status: Int? = nil, type: String? = nil, code: String? = nil, param: String? = nil, message: String,
        requestID: String? = nil, bodyExcerpt: String? = nil, retryAfter: Double? = nil,
        violations: [ParameterViolation] = [],
        requestWasSent: Bool? = nil, underlyingError: (any Error & Sendable)? = nil, estimate: CostEstimate? = nil,
        budgetRemaining: USD? = nil
    ) {
        self.estimate = estimate
        self.budgetRemaining = budgetRemaining
        self.underlying = underlyingError.map(Underlying.init)
        self.requestWasSent = requestWasSent
        self.kind = kind
        self.status = status
        self.type = type
        self.code = code
        self.param = param
        self.message = message
        self.requestID = requestID
        self.bodyExcerpt = bodyExcerpt
        self.retryAfter = retryAfter
        self.violations = violations
    }

    /// The gateway's documented error codes.
    ///
    /// Extensible like ``Kind``: a code the gateway adds later is a `Code` too, so a `switch` over
    /// codes never breaks callers (compare with `==`, or read ``isDocumented``).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as the gateway writes it.
        public let rawValue: String
        /// Creates a code, documented or not.
        ///
        /// - Parameter rawValue: the code as the gateway writes it.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code as the gateway writes it.
        public var description: String { rawValue }

        /// `missing_api_key`: the request carried no key.
        public static let missingAPIKey = Code(rawValue: "missing_api_key")
        /// `invalid_api_key`: the key is not valid.
        public static let invalidAPIKey = Code(rawValue: "invalid_api_key")
        /// `insufficient_credits`: the account has no credit left.
        public static let insufficientCredits = Code(rawValue: "insufficient_credits")
        /// `model_not_found`: no model has that id.
        public static let modelNotFound = Code(rawValue: "model_not_found")
        /// `rate_limit_exceeded`: too many requests; wait for `Retry-After`.
        public static let rateLimitExceeded = Code(rawValue: "rate_limit_exceeded")
        /// `model_unavailable`: the model cannot serve now.
        public static let modelUnavailable = Code(rawValue: "model_unavailable")
        /// `upstream_error`: the provider behind the gateway failed.
        public static let upstreamError = Code(rawValue: "upstream_error")

        /// The codes the gateway's reference documents.
        public static let documented: [Code] = [
            .missingAPIKey, .invalidAPIKey, .insufficientCredits, .modelNotFound, .rateLimitExceeded, .modelUnavailable,
            .upstreamError,
        ]

        /// Whether the gateway's reference documents this code.
        public var isDocumented: Bool { Self.documented.contains(self) }
    }

    /// The error's code, typed (any code, documented or not).
    public var gatewayCode: Code? { code.map(Code.init(rawValue:)) }

    /// Whether retrying the same request may succeed: 408, 409, 429, 5xx, and connection failures.
    /// Whether resending could succeed where this attempt failed, for a request that is safe to
    /// repeat (see ``isSafeToResend``).
    public var isRetryable: Bool {
        switch kind {
        case .connection: return true
        case .api: return status.map { $0 == 408 || $0 == 409 || $0 == 429 || $0 >= 500 } ?? false
        default: return false
        }
    }

    /// Whether resending a request that creates work (every `POST`) is sure not to do that work
    /// twice: the request provably never reached processing. That is a connection that failed
    /// before the request was written, a 429 (rate limited before processing), or a 503 with
    /// `Retry-After` (the gateway asks to come back). A 500, a 504, a timeout or a connection
    /// that dropped after the request was written may mean the work started: not safe.
    public var isSafeToResend: Bool {
        switch kind {
        case .connection: return requestWasSent == false
        case .api: return status == 429 || (status == 503 && retryAfter != nil)
        default: return false
        }
    }

    /// One line: kind, status, type, code, param, tool, path, message, request id, excerpt and violations.
    public var description: String {
        var out = "EmpirioError.\(kind)"
        if let status { out += " (HTTP \(status))" }
        if let type { out += " \(type)" }
        if let code { out += " [\(code)]" }
        if let param { out += " param \(param)" }
        if let tool { out += " tool \(tool)" }
        if let path { out += " at \(path)" }
        out += ": \(message)"
        if let requestID { out += " (request \(requestID))" }
        if let bodyExcerpt { out += "; body: \(bodyExcerpt)" }
        if !violations.isEmpty { out += "; " + violations.map(\.description).joined(separator: "; ") }
        return out
    }

    /// The error with every occurrence of `secret` replaced, so a key the server echoes back
    /// never reaches a message or a log.
    func redacting(_ secret: String?) -> EmpirioError {
        guard let secret, secret.count >= 4 else { return self }
        func scrub(_ text: String?) -> String? { text?.replacingOccurrences(of: secret, with: "<redacted>") }
        var copy = self
        copy.message = scrub(message) ?? ""
        copy.bodyExcerpt = scrub(bodyExcerpt)
        copy.param = scrub(param)
        copy.code = scrub(code)
        copy.type = scrub(type)
        return copy
    }
}

extension EmpirioError {
    /// A failure below HTTP as an ``EmpirioError``: an ``EmpirioError`` as it is, a
    /// cancellation as `.cancelled`, anything else as `.connection` carrying it (whether the
    /// request left is unknown, so it is not resent when that could bill twice).
    ///
    /// - Parameter error: what the transport threw.
    public init(transportFailure error: any Error) {
        switch error {
        case let error as EmpirioError: self = error
        case is CancellationError:
            self.init(kind: .cancelled, message: "the request was cancelled", underlyingError: CancellationError())
        default: self.init(kind: .connection, message: "\(error)", underlyingError: error)
        }
    }

    /// Decodes an error response: the OpenAI envelope `{"error": {...}}`, the Anthropic envelope
    /// `{"type": "error", "error": {...}, "request_id"}`, or any other body as an excerpt.
    package static func fromResponse(status: Int, headers: HTTPFields, body: [UInt8]) -> EmpirioError {
        let requestID = headers.requestID
        let retryAfter = headers[.retryAfter].flatMap { RetryPolicy.parseRetryAfter($0) }
        let fallback = HTTPStatus.reason(status)
        guard let json = try? JSONValue(parsing: body), case .object(let root) = json,
            case .object(let error)? = root["error"]
        else {
            return EmpirioError(
                kind: .api, status: status, message: fallback, requestID: requestID, bodyExcerpt: excerpt(body),
                retryAfter: retryAfter)
        }
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let string)?: return string
            case .number(let number)?: return number.text
            default: return nil
            }
        }
        return EmpirioError(
            kind: .api, status: status, type: text(error["type"]), code: text(error["code"]),
            param: text(error["param"]),
            message: text(error["message"]) ?? fallback, requestID: text(root["request_id"]) ?? requestID,
            retryAfter: retryAfter)
    }

    /// At most 240 characters of a body, on one line.
    ///
    /// - Parameter body: a response body.
    /// - Returns: the excerpt, or `nil` for an empty body.
    public static func excerpt(_ body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        let text = String(decoding: body.prefix(960), as: UTF8.self)
        var flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.count > 240 { flat = String(flat.prefix(240)) + "…" } else if body.count > 960 { flat += "…" }
        return flat
    }

    /// A decoding failure described without a bare `DecodingError`.
    static func decoding(_ error: any Error, type: Any.Type, status: Int, headers: HTTPFields, body: [UInt8])
        -> EmpirioError
    {
        EmpirioError(
            kind: .decoding, status: status, message: "could not decode \(type) from the response: \(describe(error))",
            requestID: headers.requestID, bodyExcerpt: excerpt(body), underlyingError: error)
    }

    /// `a.b[0].c` for a coding path; empty for the top level.
    static func codingPathText(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let text = codingPathText(context.codingPath)
            return text.isEmpty ? "the top level" : text
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing key \"\(key.stringValue)\" at \(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type) at \(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type), found null at \(path(context))"
        case .dataCorrupted(let context): return "invalid data at \(path(context)): \(context.debugDescription)"
        @unknown default: return "\(decoding)"
        }
    }
}

enum HTTPStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "bad request"
        case 401: return "unauthorized"
        case 402: return "payment required"
        case 403: return "forbidden"
        case 404: return "not found"
        case 408: return "request timeout"
        case 409: return "conflict"
        case 413: return "request too large"
        case 422: return "unprocessable entity"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
        case 529: return "overloaded"
        default: return "HTTP status \(status)"
        }
    }
}
