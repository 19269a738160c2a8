import EmpirioRuntime
import Foundation
import HTTPTypes

// Without the trait SwiftPM does not even resolve async-http-client: say so first.
#if AsyncHTTPClient
    import AsyncHTTPClient
    import NIOCore
    import NIOHTTP1
    import NIOPosix
#else
    #error("EmpirioAsyncHTTPClient needs the AsyncHTTPClient trait of empirio-swift (on by default)")
#endif

/// An `EmpirioTransport` over async-http-client, streaming response bodies as they arrive.
public struct AsyncHTTPClientTransport: EmpirioTransport {
    /// The async-http-client client requests go through.
    public let client: HTTPClient

    /// Uses ``defaultClient`` unless another client is given (the caller then shuts it down; give
    /// it `redirectConfiguration: .disallow`, or a redirect may carry the key to another host).
    ///
    /// - Parameter client: the client to send with.
    public init(client: HTTPClient = AsyncHTTPClientTransport.defaultClient) {
        self.client = client
    }

    /// A process-wide client, like `HTTPClient.shared`, that does not follow redirects: the 3xx
    /// response is returned, so the API key never reaches another host.
    public static let defaultClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// Sends a request; returns once the response head has arrived, with the body pulled from the
    /// network as it is read (backpressure).
    ///
    /// - Parameters:
    ///   - request: the request, with its URL and headers.
    ///   - body: the request body, if any.
    ///   - timeout: the limit for the whole exchange.
    /// - Returns: the response head and its body.
    /// - Throws: `EmpirioError`: `.connection` (with `requestWasSent: false` when the
    ///   connection was never made), `.timeout` or `.cancelled`; the client's error is kept as
    ///   `EmpirioError.underlyingError`.
    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    ) {
        guard let url = request.url else {
            throw EmpirioError(
                kind: .invalidRequest, message: "the request has no absolute URL (scheme, authority and path)",
                requestWasSent: false)
        }
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headerFields { outgoing.headers.add(name: field.name.rawName, value: field.value) }
        if let body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
        } catch {
            throw Self.map(error)
        }
        var headers = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        // Pulled, not pumped: async-http-client reads more from the socket only as the body is
        // consumed (its own backpressure), so a slow reader holds at most a few buffers.
        let responseBody = ResponseBody(ResponseChunks(body: response.body))
        return (HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: headers), responseBody)
    }

    static func map(_ error: any Error) -> EmpirioError {
        if let error = error as? EmpirioError { return error }
        if error is CancellationError {
            return EmpirioError(kind: .cancelled, message: "the request was cancelled", underlyingError: error)
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout:
                return EmpirioError(
                    kind: .connection, message: "could not connect in time (\(client))", requestWasSent: false,
                    underlyingError: client)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return EmpirioError(
                    kind: .timeout, message: "the request timed out (\(client))", underlyingError: client)
            case .cancelled:
                return EmpirioError(kind: .cancelled, message: "the request was cancelled", underlyingError: client)
            default:
                return EmpirioError(kind: .connection, message: "\(client)", underlyingError: client)
            }
        }
        if isConnectFailure(error) {
            return EmpirioError(
                kind: .connection, message: "could not connect: \(error)", requestWasSent: false, underlyingError: error
            )
        }
        return EmpirioError(kind: .connection, message: "\(error)", underlyingError: error)
    }

    /// Failures that happen before a connection exists, so before any request byte is written.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let channel = error as? ChannelError, case .connectTimeout = channel { return true }
        if let io = error as? IOError {
            return [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL].contains(io.errnoCode)
        }
        return false
    }
}

/// async-http-client's body as chunks of bytes, its errors mapped to ``EmpirioError``.
struct ResponseChunks: AsyncSequence, @unchecked Sendable {
    let body: HTTPClientResponse.Body

    struct AsyncIterator: AsyncIteratorProtocol {
        var inner: HTTPClientResponse.Body.AsyncIterator

        mutating func next() async throws(EmpirioError) -> [UInt8]? {
            do {
                return try await inner.next().map { Array($0.readableBytesView) }
            } catch {
                throw AsyncHTTPClientTransport.map(error)
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: body.makeAsyncIterator()) }
}
