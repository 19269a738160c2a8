import Foundation
import HTTPTypes

// The HTTP types are apple/swift-http-types' `HTTPRequest`, `HTTPResponse` and `HTTPFields`, the
// ones server-side Swift already shares; the body, the transport and the middleware are this
// package's own, named so they collide with nothing (`ResponseBody`, `EmpirioTransport`,
// `EmpirioMiddleware`).

extension HTTPField.Name {
    static let requestID = HTTPField.Name("x-request-id")!
    static let anthropicRequestID = HTTPField.Name("request-id")!
    static let xAPIKey = HTTPField.Name("x-api-key")!
    static let anthropicVersion = HTTPField.Name("anthropic-version")!
}

extension HTTPFields {
    /// The first value of the field `name` (any case); `nil` for a name that is not a valid token.
    subscript(named name: String) -> String? {
        HTTPField.Name(name).flatMap { self[$0] }
    }

    /// The gateway's request id: `x-request-id`, or `request-id`.
    var requestID: String? { self[.requestID] ?? self[.anthropicRequestID] }

    /// Whether a field carries a credential: `Authorization`, `x-api-key`, `Proxy-Authorization`, `Cookie`.
    ///
    /// - Parameter name: a field name.
    /// - Returns: whether its value is a credential.
    public static func isCredential(_ name: HTTPField.Name) -> Bool {
        [.authorization, .xAPIKey, .proxyAuthorization, .cookie].contains(name)
    }

    /// The same fields with every credential's value replaced by `<redacted>`: what a middleware
    /// should log (`HTTPFields`' own description prints values as they are, the API key included).
    ///
    /// - Returns: a copy whose credential values read `<redacted>`.
    public func redactingCredentials() -> HTTPFields {
        var copy = HTTPFields()
        for field in self {
            copy.append(Self.isCredential(field.name) ? HTTPField(name: field.name, value: "<redacted>") : field)
        }
        return copy
    }

    /// Sets each field of `other`, replacing the fields of the same name.
    mutating func replace(with other: HTTPFields) {
        var seen: Set<HTTPField.Name> = []
        // In the order the names first appear, so the same options always give the same request.
        for field in other where seen.insert(field.name).inserted {
            self[values: field.name] = other[values: field.name]
        }
    }
}

extension HTTPResponse {
    /// The gateway's request id (`x-request-id`, or `request-id`): quote it when asking about a call.
    public var requestID: String? { headerFields.requestID }

    /// The rate-limit headers, in the OpenAI, Anthropic or IETF spelling.
    public var rateLimit: RateLimit { RateLimit(headerFields: headerFields) }

    /// A 2xx status.
    var isSuccess: Bool { status.kind == .successful }
}

/// A response body: chunks of bytes as the transport receives them.
///
/// A body is pulled: a transport that can wait for its reader (``init(_:)-(Chunks)``,
/// async-http-client's body) reads from the network only as fast as the body is consumed, so a
/// slow reader is never buffered without bound. ``makeStream()`` is for sources that push.
/// A body is read once.
public struct ResponseBody: AsyncSequence, Sendable {
    /// A chunk of bytes.
    public typealias Element = [UInt8]

    private let source: Source
    /// The estimate of the call this body answers, when the call was priced.
    var estimate: CostEstimate?

    /// Where the chunks come from: a stream pushed into, or a sequence pulled from.
    private enum Source: Sendable {
        case stream(AsyncThrowingStream<[UInt8], any Error>)
        case pulled(PulledChunks)
    }

    /// A body fed by a transport through `continuation` (unbounded: for sources without backpressure).
    ///
    /// - Returns: the body, and the continuation a transport yields chunks to and finishes (or
    ///   finishes with an error).
    public static func makeStream() -> (
        body: ResponseBody, continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
    ) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        return (ResponseBody(source: .stream(stream)), continuation)
    }

    private init(source: Source) {
        self.source = source
    }

    /// A body read from `chunks` on demand: each chunk is asked for when the reader wants it.
    ///
    /// - Parameter chunks: the transport's chunks; iterated once, by the body's reader.
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element == [UInt8] {
        let box = PulledChunks(chunks.makeAsyncIterator())
        self.init(source: .pulled(box))
    }

    /// A body read through an iterator that one reader pulls from.
    init<Iterator: AsyncIteratorProtocol>(iterator: Iterator) where Iterator.Element == [UInt8] {
        self.init(source: .pulled(PulledChunks(iterator)))
    }

    /// A body that is already complete.
    ///
    /// - Parameter bytes: the whole body.
    public init(_ bytes: [UInt8]) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        if !bytes.isEmpty { continuation.yield(bytes) }
        continuation.finish()
        self.init(source: .stream(stream))
    }

    /// Reads the body's chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate var stream: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator?
        fileprivate let pulled: PulledChunks?

        /// The next chunk; `nil` at the end. Failures are ``EmpirioError``s (`.connection`,
        /// `.timeout`, `.cancelled`, `.responseTooLarge`).
        ///
        /// - Returns: the next chunk, or `nil` at the end.
        /// - Throws: ``EmpirioError`` when the transport fails.
        public mutating func next() async throws(EmpirioError) -> [UInt8]? {
            do {
                if let pulled { return try await pulled.next() }
                return try await stream?.next()
            } catch {
                throw EmpirioError(transportFailure: error)
            }
        }
    }

    /// An iterator over the chunks; a body is read once.
    ///
    /// - Returns: the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .stream(let stream): return AsyncIterator(stream: stream.makeAsyncIterator(), pulled: nil)
        case .pulled(let box): return AsyncIterator(stream: nil, pulled: box)
        }
    }

    /// The next chunk, with `idle` as the longest wait (a `.timeout` ``EmpirioError`` past it).
    fileprivate func withIdleLimit(_ idle: Duration) -> ResponseBody {
        let box = PulledChunks(IdleLimitedChunks(inner: makeAsyncIterator(), idle: idle))
        return ResponseBody(source: .pulled(box))
    }

    /// The whole body, refusing more than `limit` bytes.
    ///
    /// - Parameter limit: the most bytes accepted (64 MB by default).
    /// - Returns: the body's bytes.
    /// - Throws: ``EmpirioError``: `.responseTooLarge` past `limit`, or the transport's failure.
    public func collect(upTo limit: Int = 64 << 20) async throws(EmpirioError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunks = makeAsyncIterator()
        while let chunk = try await chunks.next() {
            bytes += chunk
            if bytes.count > limit {
                throw EmpirioError(kind: .responseTooLarge, message: "the response body is larger than \(limit) bytes")
            }
        }
        return bytes
    }
}

/// A type-erased iterator that one reader pulls from (the reader is the only one to touch it).
final class PulledChunks: @unchecked Sendable {
    private let pull: () async throws -> [UInt8]?

    init<Iterator: AsyncIteratorProtocol>(_ iterator: Iterator) where Iterator.Element == [UInt8] {
        var iterator = iterator
        pull = { try await iterator.next() }
    }

    func next() async throws -> [UInt8]? { try await pull() }
}

/// Each chunk raced against a timer: no chunk within `idle` ends the body with a timeout, and
/// the pending read is cancelled (the transport then releases its connection).
struct IdleLimitedChunks: AsyncIteratorProtocol, @unchecked Sendable {
    let inner: PulledChunks
    let idle: Duration
    var finished = false

    init(inner: ResponseBody.AsyncIterator, idle: Duration) {
        self.inner = PulledChunks(inner)
        self.idle = idle
    }

    mutating func next() async throws -> [UInt8]? {
        if finished { return nil }
        let inner = self.inner
        let idle = self.idle
        let chunk = try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { try await inner.next() }
            group.addTask {
                try await Task.sleep(for: idle)
                throw EmpirioError(kind: .timeout, message: "no data arrived for \(idle): the response stalled")
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        if chunk == nil { finished = true }
        return chunk
    }
}

extension ResponseBody {
    /// The same body, failing with a `.timeout` ``EmpirioError`` when no bytes arrive for
    /// `idle`. Ending early (cancellation, a dropped iterator) cancels the pending read, so the
    /// transport releases its connection.
    ///
    /// - Parameter idle: the longest wait for a chunk.
    /// - Returns: a body that reads this one with the idle limit.
    public func failingWhenIdle(for idle: Duration) -> ResponseBody {
        withIdleLimit(idle)
    }
}

/// Sends requests. Implementations: `URLSessionTransport` (EmpirioURLSession) and
/// `AsyncHTTPClientTransport` (EmpirioAsyncHTTPClient); ``ClosureTransport`` for fakes.
///
/// A transport throws ``EmpirioError`` with kind `.connection`, `.timeout` or `.cancelled` for
/// failures below HTTP (the transport's own error as ``EmpirioError/underlyingError``), and sets
/// ``EmpirioError/requestWasSent`` to `false` when it knows no byte left, so the client can tell
/// which failures are safe to retry.
public protocol EmpirioTransport: Sendable {
    /// Sends `request` with `body`; returns once the response head has arrived, with the body
    /// streaming. `timeout` bounds the whole exchange.
    ///
    /// - Parameters:
    ///   - request: the request, with its URL and headers (the API key included).
    ///   - body: the request body, if any.
    ///   - timeout: the limit for the whole exchange.
    /// - Returns: the response head and its body, still streaming.
    /// - Throws: ``EmpirioError``: `.connection`, `.timeout` or `.cancelled` below HTTP.
    func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    )
}

/// Wraps every request, as middlewares do in swift-openapi-runtime: logging, metrics, custom
/// headers, fakes. A middleware that fails throws an ``EmpirioError`` (wrap its own error as
/// ``EmpirioError/underlyingError``).
public protocol EmpirioMiddleware: Sendable {
    /// Handles one request: change it, pass it on with `next`, change or record the response.
    ///
    /// - Parameters:
    ///   - request: the request as built by the client (and earlier middlewares).
    ///   - body: the request body, if any.
    ///   - next: the rest of the chain: later middlewares, then the transport.
    /// - Returns: the response head and its body.
    /// - Throws: ``EmpirioError``: what `next` threw, or the middleware's own failure.
    func intercept(
        _ request: HTTPRequest, body: [UInt8]?,
        next: @Sendable (HTTPRequest, [UInt8]?) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
    ) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
}

/// A transport made of a closure, for tests and fakes. An error the closure throws that is not
/// an ``EmpirioError`` becomes a `.connection` error carrying it.
public struct ClosureTransport: EmpirioTransport {
    let handler: @Sendable (HTTPRequest, [UInt8]?) async throws -> (HTTPResponse, ResponseBody)

    /// Creates a transport that answers every request with `handler`.
    ///
    /// - Parameter handler: gets the request and its body, and returns the response and its body.
    public init(_ handler: @escaping @Sendable (HTTPRequest, [UInt8]?) async throws -> (HTTPResponse, ResponseBody)) {
        self.handler = handler
    }

    /// Calls the handler.
    ///
    /// - Parameters:
    ///   - request: the request.
    ///   - body: the request body, if any.
    ///   - timeout: ignored: the handler decides.
    /// - Returns: what the handler returns.
    /// - Throws: ``EmpirioError``; another error the handler throws becomes `.connection`.
    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    ) {
        do {
            return try await handler(request, body)
        } catch {
            throw EmpirioError(transportFailure: error)
        }
    }
}
