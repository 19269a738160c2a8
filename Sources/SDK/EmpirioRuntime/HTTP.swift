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
    public var requestID: String? { headers["x-request-id"] ?? headers["request-id"] }

    /// The rate-limit headers, in the OpenAI, Anthropic or IETF spelling.
    public var rateLimit: RateLimit { RateLimit(headers: headers) }
}

/// A response body: chunks of bytes as the transport receives them.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let stream: AsyncThrowingStream<[UInt8], any Error>

    /// A body fed by a transport through `continuation`.
    public static func makeStream() -> (body: HTTPBody, continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        return (HTTPBody(stream: stream), continuation)
    }

    init(stream: AsyncThrowingStream<[UInt8], any Error>) {
        self.stream = stream
    }

    /// A body that is already complete.
    public init(_ bytes: [UInt8]) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        if !bytes.isEmpty { continuation.yield(bytes) }
        continuation.finish()
        self.stream = stream
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<[UInt8], any Error>.AsyncIterator {
        stream.makeAsyncIterator()
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

extension HTTPBody {
    /// The same body, failing with a `.timeout` ``EmpirioError`` when no bytes arrive for
    /// `idle`. Ending early (cancellation, a dropped iterator) cancels the source, so the
    /// transport releases its connection.
    public func failingWhenIdle(for idle: Duration) -> HTTPBody {
        let (body, continuation) = HTTPBody.makeStream()
        let source = self
        let activity = ActivityClock()
        let pump = Task {
            do {
                for try await chunk in source {
                    activity.touch()
                    continuation.yield(chunk)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        let watchdog = Task {
            while !Task.isCancelled {
                let remaining = activity.remaining(of: idle)
                if remaining <= .zero {
                    continuation.finish(throwing: EmpirioError(kind: .timeout, message: "no data arrived for \(idle): the response stalled"))
                    pump.cancel()
                    return
                }
                try? await Task.sleep(for: remaining)
            }
        }
        continuation.onTermination = { _ in
            pump.cancel()
            watchdog.cancel()
        }
        return body
    }
}

/// When bytes last arrived.
final class ActivityClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ContinuousClock.now

    func touch() { lock.withLock { last = ContinuousClock.now } }

    func remaining(of idle: Duration) -> Duration {
        lock.withLock { idle - (ContinuousClock.now - last) }
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
