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
        let (body, continuation) = HTTPBody.makeStream()
        let source = response.body
        let pump = Task {
            do {
                for try await buffer in source {
                    continuation.yield(Array(buffer.readableBytesView))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: Self.map(error))
            }
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { pump.cancel() }
        }
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
