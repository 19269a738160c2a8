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
    public static func isCredential(_ name: HTTPField.Name) -> Bool {
        [.authorization, .xAPIKey, .proxyAuthorization, .cookie].contains(name)
    }

    /// The same fields with every credential's value replaced by `<redacted>`: what a middleware
    /// should log (`HTTPFields`' own description prints values as they are, the API key included).
    public func redactingCredentials() -> HTTPFields {
        var copy = HTTPFields()
        for field in self { copy.append(Self.isCredential(field.name) ? HTTPField(name: field.name, value: "<redacted>") : field) }
        return copy
    }

    /// Sets each field of `other`, replacing the fields of the same name.
    mutating func replace(with other: HTTPFields) {
        var seen: Set<HTTPField.Name> = []
        // In the order the names first appear, so the same options always give the same request.
        for field in other where seen.insert(field.name).inserted { self[values: field.name] = other[values: field.name] }
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
/// A body is pulled: a transport that can wait for its reader (``init(_:)-(AsyncSequence)``,
/// async-http-client's body) reads from the network only as fast as the body is consumed, so a
/// slow reader is never buffered without bound. ``makeStream()`` is for sources that push.
/// A body is read once.
public struct ResponseBody: AsyncSequence, Sendable {
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
    public static func makeStream() -> (body: ResponseBody, continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        return (ResponseBody(source: .stream(stream)), continuation)
    }

    private init(source: Source) {
        self.source = source
    }

    /// A body read from `chunks` on demand: each chunk is asked for when the reader wants it.
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element == [UInt8] {
        let box = PulledChunks(chunks.makeAsyncIterator())
        self.init(source: .pulled(box))
    }

    /// A body read through an iterator that one reader pulls from.
    init<Iterator: AsyncIteratorProtocol>(iterator: Iterator) where Iterator.Element == [UInt8] {
        self.init(source: .pulled(PulledChunks(iterator)))
    }

    /// A body that is already complete.
    public init(_ bytes: [UInt8]) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        if !bytes.isEmpty { continuation.yield(bytes) }
        continuation.finish()
        self.init(source: .stream(stream))
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate var stream: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator?
        fileprivate let pulled: PulledChunks?

        /// The next chunk; `nil` at the end. Failures are ``EmpirioError``s (`.connection`,
        /// `.timeout`, `.cancelled`, `.responseTooLarge`).
        public mutating func next() async throws(EmpirioError) -> [UInt8]? {
            do {
                if let pulled { return try await pulled.next() }
                return try await stream?.next()
            } catch {
                throw EmpirioError(transportFailure: error)
            }
        }
    }

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
    func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
}

/// Wraps every request, as middlewares do in swift-openapi-runtime: logging, metrics, custom
/// headers, fakes. A middleware that fails throws an ``EmpirioError`` (wrap its own error as
/// ``EmpirioError/underlyingError``).
public protocol EmpirioMiddleware: Sendable {
    func intercept(
        _ request: HTTPRequest, body: [UInt8]?,
        next: @Sendable (HTTPRequest, [UInt8]?) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
    ) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
}

/// A transport made of a closure, for tests and fakes. An error the closure throws that is not
/// an ``EmpirioError`` becomes a `.connection` error carrying it.
public struct ClosureTransport: EmpirioTransport {
    let handler: @Sendable (HTTPRequest, [UInt8]?) async throws -> (HTTPResponse, ResponseBody)

    public init(_ handler: @escaping @Sendable (HTTPRequest, [UInt8]?) async throws -> (HTTPResponse, ResponseBody)) {
        self.handler = handler
    }

    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (HTTPResponse, ResponseBody) {
        do {
            return try await handler(request, body)
        } catch {
            throw EmpirioError(transportFailure: error)
        }
    }
}
