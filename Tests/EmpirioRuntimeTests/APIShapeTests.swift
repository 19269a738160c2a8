import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// The shape of the client's API: typed throws end to end, the error below kept, options on every
/// call, typed roles, typed methods and paths, swift-http-types at the edges.
@Suite("API shape")
struct APIShapeTests {
    static let chatReply =
        #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#

    /// Compiles only while a stream's iterator throws `EmpirioError` (a `for try await` over a
    /// sequence whose failure is `any Error` cannot be in a `throws(EmpirioError)` function).
    static func count(_ stream: ChatCompletionStream) async throws(EmpirioError) -> Int {
        var count = 0
        for try await _ in stream { count += 1 }
        return count
    }

    static func bytes(_ body: ResponseBody) async throws(EmpirioError) -> Int {
        var total = 0
        for try await chunk in body { total += chunk.count }
        return total
    }

    @Test("streams and bodies throw EmpirioError itself: a cut stream reaches a typed-throws caller as .stream")
    func typedStreams() async throws {
        let sse = #"data: {"choices":[{"index":0,"delta":{"content":"a"}}]}"# + "\n\n"
        let client = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey(testKey), retry: .none),
            transport: ClosureTransport { _, _ in (HTTPResponse(status: .ok), ResponseBody(Array(sse.utf8))) })
        let stream = try await client.streamChat(model: "m", messages: [.user("Hi")])
        do {
            _ = try await Self.count(stream)
            Issue.record("a stream without [DONE] must fail")
        } catch {
            #expect(error.kind == .stream)
        }
        let (_, body) = try await client.send(.get, .models)
        #expect(try await Self.bytes(body) == sse.utf8.count)
    }

    struct Refusing: EmpirioMiddleware {
        struct Policy: Error { let reason: String }
        func intercept(
            _ request: HTTPRequest, body: [UInt8]?,
            next: @Sendable (HTTPRequest, [UInt8]?) async throws(EmpirioError) -> (HTTPResponse, ResponseBody)
        ) async throws(EmpirioError) -> (HTTPResponse, ResponseBody) {
            guard request.headerFields[HTTPField.Name("X-Allowed")!] != nil else {
                throw EmpirioError(
                    kind: .invalidRequest, message: "refused by policy", underlyingError: Policy(reason: "no X-Allowed")
                )
            }
            return try await next(request, body)
        }
    }

    @Test(
        "a middleware's error reaches the caller with the error it wraps; a fake transport's error becomes .connection carrying it"
    )
    func underlyingErrors() async throws {
        struct Unplugged: Error {}
        let refused = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey(testKey), retry: .none, middlewares: [Refusing()]),
            transport: ClosureTransport { _, _ in
                (HTTPResponse(status: .ok), ResponseBody(Array(#"{"id":"j1","status":"processing"}"#.utf8)))
            })
        let policy = await expectError { try await refused.job("j1") }
        #expect(policy?.kind == .invalidRequest)
        #expect((policy?.underlyingError as? Refusing.Policy)?.reason == "no X-Allowed")
        #expect(try await refused.job("j1", options: RequestOptions(headers: fields(["X-Allowed": "1"]))).id == "j1")

        let unplugged = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey(testKey), retry: .none),
            transport: ClosureTransport { _, _ in throw Unplugged() })
        let failure = await expectError { try await unplugged.job("j1") }
        #expect(failure?.kind == .connection)
        #expect(failure?.underlyingError is Unplugged)
        #expect(failure?.requestWasSent == nil)

        let notJSON = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey(testKey), retry: .none),
            transport: ClosureTransport { _, _ in (HTTPResponse(status: .ok), ResponseBody(Array("{\"id\": 3".utf8))) })
        let decoding = await expectError { try await notJSON.chat(model: "m", messages: [.user("Hi")]) }
        #expect(decoding?.kind == .decoding)
        #expect(decoding?.underlyingError != nil)
        // The wrapped error is not part of equality: errors compare by what they say.
        var other = try #require(decoding)
        other.underlyingError = Unplugged()
        #expect(other == decoding)
    }

    @Test(
        "a refused connection is .connection with the transport's own error below it, never sent",
        arguments: TransportKind.allCases)
    func refusedConnection(kind: TransportKind) async throws {
        let server = try await TestHTTPServer.start { _ in .json("{}") }
        let url = server.baseURL
        await server.shutdown()
        let client = EmpirioClient(
            configuration: EmpirioConfiguration(baseURL: url, apiKey: APIKey(testKey), retry: .none),
            transport: kind.make())
        let error = await expectError { try await client.submitVideo(model: "m", prompt: "x") }
        #expect(error?.kind == .connection)
        #expect(error?.underlyingError != nil)
        #expect(error?.requestWasSent == false)
        #expect(error?.isSafeToResend == true)
    }

    @Test(
        "options reach the wire on image analysis, multipart uploads, downloads and GETs",
        arguments: TransportKind.allCases)
    func optionsEverywhere(kind: TransportKind) async throws {
        try await withServer({ request in
            switch request.path {
            case "/v1/images/analysis": return .json(#"{"objects":[]}"#)
            case "/v1/audio/transcriptions": return .json(#"{"text":"hello"}"#)
            case "/v1/files/upload": return .json(#"{"path":"bunny://uploads/a.txt"}"#)
            case "/media/a.png": return .full(status: 200, body: [1, 2, 3])
            default: return .json(#"{"id":"j1","status":"processing"}"#)
            }
        }) { server in
            let client = makeClient(server, kind)
            let options = RequestOptions(headers: fields(["X-Trace": "t-9"]), extraBody: ["seed": 7])
            _ = try await client.analyzeImage(
                model: "florence", imageURL: "https://example.com/a.png", question: "What?", options: options)
            var sent = try #require(server.requests.last)
            #expect(sent.header("X-Trace") == "t-9")
            #expect(
                try JSONValue(parsing: sent.body) == [
                    "model": "florence", "image_url": "https://example.com/a.png", "question": "What?", "seed": 7,
                ])

            let file = UploadFile(name: "a.wav", contentType: "audio/wav", data: [0x52, 0x49])
            _ = try await client.transcribe(
                model: "whisper", file: file, parameters: ["language": "en"], options: options)
            sent = try #require(server.requests.last)
            #expect(sent.header("X-Trace") == "t-9")
            #expect(sent.bodyText.contains("name=\"seed\"\r\n\r\n7\r\n"))
            #expect(sent.bodyText.contains("name=\"language\"\r\n\r\nen\r\n"))

            _ = try await client.uploadFile(
                UploadFile(name: "a.txt", contentType: "text/plain", data: [0x61]), purpose: "batch", options: options)
            sent = try #require(server.requests.last)
            #expect(sent.header("X-Trace") == "t-9")
            #expect(
                sent.bodyText.contains("name=\"purpose\"\r\n\r\nbatch\r\n") && sent.bodyText.contains("name=\"seed\""))

            #expect(
                try await client.download(server.baseURL.appendingPathComponent("media/a.png"), options: options) == [
                    1, 2, 3,
                ])
            sent = try #require(server.requests.last)
            #expect(sent.header("X-Trace") == "t-9")
            #expect(sent.header("Authorization") == nil)

            _ = try await client.job("j1", options: RequestOptions(headers: fields(["X-Trace": "t-10"])))
            #expect(server.requests.last?.header("X-Trace") == "t-10")
        }
    }

    @Test("send takes a typed method and path; ids are escaped so they cannot change the route")
    func typedPaths() async throws {
        try await withServer({ _ in .json("{}") }) { server in
            let client = makeClient(server, .urlSession)
            _ = try await client.send(.delete, EndpointPath.voices.appending("a/b?c#d"))
            let sent = try #require(server.requests.last)
            #expect(sent.method == "DELETE")
            #expect(sent.uri == "/v1/voices/a%2Fb%3Fc%23d")
            #expect(
                EmpirioClient.isIdempotent(.get) && EmpirioClient.isIdempotent(.delete)
                    && !EmpirioClient.isIdempotent(.post))
        }
    }

    @Test("roles are typed and extensible: a role the gateway adds later survives a round trip")
    func roles() throws {
        let message = ChatMessage(json: ["role": "critic", "content": "Too long."])
        #expect(message.role == MessageRole(rawValue: "critic"))
        #expect(message.json["role"] == "critic")
        #expect(ChatMessage.system("x").role == .system)
        #expect(ChatMessage(json: ["content": "x"]).role == .assistant)
        #expect(MessageParam.user("x").json["role"] == "user")
        let literal: MessageRole = "developer"
        #expect(literal == .developer)
    }

    @Test("a streamed chunk's role is typed, on the fast path and the general one")
    func chunkRoles() throws {
        let chunk = try ChatCompletionChunk(json: [
            "choices": [["index": 0, "delta": ["role": "assistant", "content": "a"]]]
        ])
        #expect(chunk.choices.first?.delta.role == .assistant)
    }

    @Test("credentials never print from header fields")
    func redaction() {
        let fields: HTTPFields = [
            .authorization: "Bearer \(testKey)", HTTPField.Name("x-api-key")!: testKey, .accept: "application/json",
        ]
        let redacted = fields.redactingCredentials()
        #expect(!"\(redacted)".contains(testKey))
        #expect(redacted[.authorization] == "<redacted>")
        #expect(redacted[.accept] == "application/json")
        #expect(HTTPFields.isCredential(.cookie) && !HTTPFields.isCredential(.accept))
    }
}
