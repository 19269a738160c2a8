import AsyncHTTPClient
import EmpirioRuntime
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A ``ClientTransport`` over async-http-client, streaming response bodies as they arrive.
public struct AsyncHTTPClientTransport: ClientTransport {
    public let client: HTTPClient

    /// Uses ``defaultClient`` unless another client is given (the caller then shuts it down; give
    /// it `redirectConfiguration: .disallow`, or a redirect may carry the key to another host).
    public init(client: HTTPClient = AsyncHTTPClientTransport.defaultClient) {
        self.client = client
    }

    /// A process-wide client, like `HTTPClient.shared`, that does not follow redirects: the 3xx
    /// response is returned, so the API key never reaches another host.
    public static let defaultClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> (HTTPResponse, HTTPBody) {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
        } catch {
            throw Self.map(error)
        }
        var headers = HTTPHeaders()
        for header in response.headers { headers.add(header.name, header.value) }
        // Pulled, not pumped: async-http-client reads more from the socket only as the body is
        // consumed (its own backpressure), so a slow reader holds at most a few buffers.
        let body = HTTPBody(ResponseChunks(body: response.body))
        return (HTTPResponse(status: Int(response.status.code), headers: headers), body)
    }

    static func map(_ error: any Error) -> EmpirioError {
        if let error = error as? EmpirioError { return error }
        if error is CancellationError { return EmpirioError(kind: .cancelled, message: "the request was cancelled") }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout:
                return EmpirioError(kind: .connection, message: "could not connect in time (\(client))", requestWasSent: false)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return EmpirioError(kind: .timeout, message: "the request timed out (\(client))")
            case .cancelled:
                return EmpirioError(kind: .cancelled, message: "the request was cancelled")
            default:
                return EmpirioError(kind: .connection, message: "\(client)")
            }
        }
        if isConnectFailure(error) {
            return EmpirioError(kind: .connection, message: "could not connect: \(error)", requestWasSent: false)
        }
        return EmpirioError(kind: .connection, message: "\(error)")
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

        mutating func next() async throws -> [UInt8]? {
            do {
                return try await inner.next().map { Array($0.readableBytesView) }
            } catch {
                throw AsyncHTTPClientTransport.map(error)
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: body.makeAsyncIterator()) }
}
