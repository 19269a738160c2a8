import Foundation

/// HTTP header fields in order, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { fields.append((name: name, value: newValue)) }
        }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    public func makeIterator() -> some IteratorProtocol<(name: String, value: String)> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }

    /// Header names and values, with credentials redacted.
    public var description: String {
        fields.map { "\($0.name): \(HTTPHeaders.isCredential($0.name) ? "<redacted>" : $0.value)" }.joined(separator: "\n")
    }

    static func isCredential(_ name: String) -> Bool {
        ["authorization", "x-api-key", "proxy-authorization", "cookie"].contains(name.lowercased())
    }
}

/// A request as the transport sends it. The body is in memory, so a request can be retried.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    public var headers: HTTPHeaders
    public var body: [UInt8]?

    public init(method: String, url: URL, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response's status and headers; its body arrives separately, as a stream.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.headers = headers
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// `x-request-id` (or `request-id`).
    public var requestID: String? { headers.requestID }

    /// The rate-limit headers, in the OpenAI, Anthropic or IETF spelling.
    public var rateLimit: RateLimit { RateLimit(headers: headers) }
}

extension HTTPHeaders {
    /// The gateway's request id: `x-request-id`, or `request-id`.
    var requestID: String? { self["x-request-id"] ?? self["request-id"] }
}

/// A response body: chunks of bytes as the transport receives them.
///
/// A body is pulled: a transport that can wait for its reader (``init(_:)-(AsyncSequence)``,
/// async-http-client's body) reads from the network only as fast as the body is consumed, so a
/// slow reader is never buffered without bound. ``makeStream()`` is for sources that push.
/// A body is read once.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let source: Source

    /// Where the chunks come from: a stream pushed into, or a sequence pulled from.
    private enum Source: Sendable {
        case stream(AsyncThrowingStream<[UInt8], any Error>)
        case pulled(PulledChunks)
    }

    /// A body fed by a transport through `continuation` (unbounded: for sources without backpressure).
    public static func makeStream() -> (body: HTTPBody, continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        return (HTTPBody(source: .stream(stream)), continuation)
    }

    private init(source: Source) {
        self.source = source
    }

    /// A body read from `chunks` on demand: each chunk is asked for when the reader wants it.
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element == [UInt8] {
        let box = PulledChunks(chunks.makeAsyncIterator())
        self.init(source: .pulled(box))
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

        public mutating func next() async throws -> [UInt8]? {
            if let pulled { return try await pulled.next() }
            return try await stream?.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .stream(let stream): return AsyncIterator(stream: stream.makeAsyncIterator(), pulled: nil)
        case .pulled(let box): return AsyncIterator(stream: nil, pulled: box)
        }
    }

    /// The next chunk, with `idle` as the longest wait (a `.timeout` ``EmpirioError`` past it).
    fileprivate func withIdleLimit(_ idle: Duration) -> HTTPBody {
        let box = PulledChunks(IdleLimitedChunks(inner: makeAsyncIterator(), idle: idle))
        return HTTPBody(source: .pulled(box))
    }

    /// The whole body, refusing more than `limit` bytes.
    public func collect(upTo limit: Int = 64 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
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

    init(inner: HTTPBody.AsyncIterator, idle: Duration) {
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

extension HTTPBody {
    /// The same body, failing with a `.timeout` ``EmpirioError`` when no bytes arrive for
    /// `idle`. Ending early (cancellation, a dropped iterator) cancels the pending read, so the
    /// transport releases its connection.
    public func failingWhenIdle(for idle: Duration) -> HTTPBody {
        withIdleLimit(idle)
    }
}

/// Sends requests. Implementations: `URLSessionTransport` (EmpirioURLSession) and
/// `AsyncHTTPClientTransport` (EmpirioAsyncHTTPClient); tests use closures.
///
/// A transport throws ``EmpirioError`` with kind `.connection`, `.timeout` or `.cancelled` for
/// failures below HTTP, so the client can tell which ones to retry.
public protocol ClientTransport: Sendable {
    /// Sends `request`; returns once the response head has arrived, with the body streaming.
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> (HTTPResponse, HTTPBody)
}

/// Wraps every request, as in swift-openapi-runtime: logging, metrics, custom headers, fakes.
public protocol ClientMiddleware: Sendable {
    func intercept(
        _ request: HTTPRequest,
        next: @Sendable (HTTPRequest) async throws -> (HTTPResponse, HTTPBody)
    ) async throws -> (HTTPResponse, HTTPBody)
}

/// A transport made of a closure, for tests and fakes.
public struct ClosureTransport: ClientTransport {
    let handler: @Sendable (HTTPRequest) async throws -> (HTTPResponse, HTTPBody)

    public init(_ handler: @escaping @Sendable (HTTPRequest) async throws -> (HTTPResponse, HTTPBody)) {
        self.handler = handler
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> (HTTPResponse, HTTPBody) {
        try await handler(request)
    }
}
