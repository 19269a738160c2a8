import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the server received it: the exact bytes of the body included.
public struct ReceivedRequest: Sendable, Hashable {
    public var method: String
    /// The path with its query string.
    public var uri: String
    public var headers: [String: String]
    public var body: [UInt8]

    public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
    public var query: String? { uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// A header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What the server answers.
public enum CannedResponse: Sendable {
    /// A complete response.
    case full(status: Int, headers: [(String, String)] = [], body: [UInt8])
    /// A chunked response written piece by piece, with `delay` between pieces; with
    /// `closeEarly`, the connection is closed after the last piece without ending the body.
    case chunks(
        status: Int, headers: [(String, String)] = [], pieces: [[UInt8]], delay: Duration = .zero,
        closeEarly: Bool = false)
    /// Nothing is sent for `duration`, then the connection closes.
    case silence(Duration)
    /// The head and `first` are sent at once, then nothing for `duration` (a stalled stream),
    /// then the connection closes.
    case stall(status: Int, headers: [(String, String)] = [], first: [UInt8], duration: Duration)
    /// The connection is closed at once, with no response.
    case drop

    public static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> CannedResponse {
        .full(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }

    public static func sse(_ text: String, pieces: Int = 1, delay: Duration = .zero, closeEarly: Bool = false)
        -> CannedResponse
    {
        let bytes = Array(text.utf8)
        let size = max(1, (bytes.count + pieces - 1) / max(pieces, 1))
        let split = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
        return .chunks(
            status: 200, headers: [("Content-Type", "text/event-stream")], pieces: split, delay: delay,
            closeEarly: closeEarly)
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 (SwiftNIO) for tests and the offline stand-in gateway:
/// every request is recorded and answered by an async handler.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (ReceivedRequest) async -> CannedResponse

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let recorded: NIOLockedValueBox<[ReceivedRequest]>
    /// The port the server listens on (chosen by the system).
    public let port: Int

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Every request received so far, in order.
    public var requests: [ReceivedRequest] { recorded.withLockedValue { $0 } }

    private init(
        group: MultiThreadedEventLoopGroup, channel: any Channel, recorded: NIOLockedValueBox<[ReceivedRequest]>
    ) {
        self.group = group
        self.channel = channel
        self.recorded = recorded
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts a server on 127.0.0.1 (loopback only) on `port` (0: any free port). With `records`
    /// false, requests are answered but not kept (for soak runs).
    public static func start(port: Int = 0, records: Bool = true, handler: @escaping Handler) async throws
        -> TestHTTPServer
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorded = NIOLockedValueBox<[ReceivedRequest]>([])
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 64)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RequestHandler(handler: handler, recorded: recorded, records: records))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        return TestHTTPServer(group: group, channel: channel, recorded: recorded)
    }

    /// Stops listening and closes every connection.
    public func shutdown() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        recorded.withLockedValue { $0.removeAll() }
    }

    final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let handler: Handler
        let recorded: NIOLockedValueBox<[ReceivedRequest]>
        let records: Bool
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(handler: @escaping Handler, recorded: NIOLockedValueBox<[ReceivedRequest]>, records: Bool) {
            self.handler = handler
            self.recorded = recorded
            self.records = records
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for header in head.headers { headers[header.name] = header.value }
                let request = ReceivedRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
                if records { recorded.withLockedValue { $0.append(request) } }
                let keepAlive = head.isKeepAlive
                let channel = context.channel
                let handler = self.handler
                Task {
                    let response = await handler(request)
                    await Self.write(response, to: channel, keepAlive: keepAlive)
                }
            }
        }

        static func write(_ response: CannedResponse, to channel: any Channel, keepAlive: Bool) async {
            switch response {
            case .full(let status, let headers, let body):
                var fields = NIOHTTP1.HTTPHeaders(headers)
                fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
                if !keepAlive { fields.replaceOrAdd(name: "Connection", value: "close") }
                let head = HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields)
                channel.write(HTTPServerResponsePart.head(head), promise: nil)
                channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
                try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
                if !keepAlive { try? await channel.close() }
            case .chunks(let status, let headers, let pieces, let delay, let closeEarly):
                var fields = NIOHTTP1.HTTPHeaders(headers)
                fields.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
                let head = HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields)
                try? await channel.writeAndFlush(HTTPServerResponsePart.head(head)).get()
                for piece in pieces {
                    if delay > .zero { try? await Task.sleep(for: delay) }
                    try? await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: piece))))
                        .get()
                }
                if closeEarly {
                    try? await channel.close()
                } else {
                    try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
                    if !keepAlive { try? await channel.close() }
                }
            case .silence(let duration):
                try? await Task.sleep(for: duration)
                try? await channel.close()
            case .stall(let status, let headers, let first, let duration):
                var fields = NIOHTTP1.HTTPHeaders(headers)
                fields.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
                let head = HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields)
                try? await channel.writeAndFlush(HTTPServerResponsePart.head(head)).get()
                if !first.isEmpty {
                    try? await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: first))))
                        .get()
                }
                try? await Task.sleep(for: duration)
                try? await channel.close()
            case .drop:
                try? await channel.close()
            }
        }
    }
}
